import { describe, expect, it } from '@jest/globals';
import { runBench, type QueryFigures } from '../../src/bench/harness.ts';
import { startDouble } from './peer-double.ts';

// A smoke run of the benchmark harness, so it cannot rot: 100 cards, a second per query,
// on the PostgreSQL server the tests use (jest.config.js runs it in the pass with DATABASE_URL).
// It asserts that figures came out, never how fast they are. Two interleaved rounds, with two API
// processes behind one address and a stand-in peer (the real peers are installed on demand; not here).

const MIX = ['deep list (50 full cards)', 'one card by IIN', 'mobile (20 cards)'];

function expectFigures(queries: QueryFigures[], names: string[]) {
  expect(queries.map((q) => q.name)).toEqual(names);
  for (const query of queries) {
    expect(query.requestsPerSecond).toBeGreaterThan(0);
    expect(query.errors).toBe(0);
    expect(query.non2xx).toBe(0);
    expect(query.responseBytes).toBeGreaterThan(0);
    expect(query.serverRssAfterMb).toBeGreaterThan(0);
    expect(query.serverCpuMsPerRequest).toBeGreaterThanOrEqual(0);
    expect(query.p99Ms).toBeGreaterThanOrEqual(query.p50Ms);
  }
}

describe('the benchmark harness', () => {
  it('seeds, starts the API in production mode, drives every query, its floors and the peers in rounds, and reports figures, ratios and targets', async () => {
    const lines: string[] = [];
    const rounds = 2;
    const report = await runBench({
      serverUrl: process.env.DATABASE_URL!, cards: 100, duration: 1, connections: 4, soak: 2, log: (line) => lines.push(line),
      rounds, apiProcesses: 2, redisUrl: process.env.REDIS_URL, peers: ['double'], loadPeer: async () => startDouble,
    });
    expect(report.rounds).toBe(rounds);
    expect(report.seeding?.cardsPerSecond).toBeGreaterThan(0);

    expectFigures(report.queries, [...MIX, 'statistics']);
    for (const query of report.queries) expect(query.sqlStatementsPerRequest).toBeGreaterThan(0);
    expect(report.queries.every((q) => q.serverCpuMsPerRequest > 0)).toBe(true);
    expectFigures(report.floors, MIX);
    for (const floor of report.floors) expect(floor.sqlStatementsPerRequest).toBe(1);

    // Each round ran every query on the API, and the three of the mix on the floors.
    expect(report.runs.filter((run) => run.server === 'api')).toHaveLength(4 * rounds);
    expect(report.runs.filter((run) => run.server === 'floor')).toHaveLength(3 * rounds);

    const against = ['floor', 'peer:double'];
    const layouts = ['api', 'api-processes'];
    expect(report.ratios).toHaveLength(3 * against.length * layouts.length);
    for (const ratio of report.ratios) {
      expect(layouts).toContain(ratio.of);
      expect(against).toContain(ratio.to);
      expect(ratio.perRound).toHaveLength(rounds);
      expect(ratio.median).toBeGreaterThan(0);
      expect(ratio.min).toBeLessThanOrEqual(ratio.median);
      expect(ratio.max).toBeGreaterThanOrEqual(ratio.median);
    }
    expect(report.deepListShareOfFloor).toBe(report.ratios.find((r) => r.query === 'deepList' && r.of === 'api' && r.to === 'floor')!.median);

    expect(report.apiProcesses?.processes).toBe(2);
    expectFigures(report.apiProcesses!.queries, [...MIX, 'statistics']);
    expect(report.apiProcesses!.queries.every((q) => q.balancerCpuMsPerRequest !== undefined)).toBe(true);
    expect(report.peers.map((peer) => [peer.name, peer.server])).toEqual([['double', 'the double']]);
    expectFigures(report.peers[0]!.queries, MIX);

    expect(report.statementsByPageSize).toHaveLength(6);
    expect(report.soak?.samples.length).toBeGreaterThan(0);
    expect(report.targets.map((t) => t.name)).toEqual([
      'SQL statements per request constant in page size',
      'deep list (50 full cards) at least 80 % of its floor',
      'one card by IIN at least 50 % of its floor',
      'mobile (20 cards) at least 50 % of its floor',
      ...MIX.map((name) => `${name} at least 1.2× double`),
      'server RSS under 10 % growth after warm-up',
      'no errors',
    ]);
    for (const target of report.targets.slice(1, 4)) expect(target.detail).toMatch(/ %/);
    expect(report.targets.find((t) => t.name === 'no errors')!.met).toBe(true);
    expect(lines.some((line) => line.includes('floor'))).toBe(true);
    expect(lines.some((line) => /Seeded 100 cards .* cards\/s/.test(line))).toBe(true);
  }, 400_000);
});
