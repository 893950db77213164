import { describe, expect, it } from '@jest/globals';
import { runBench } from '../../src/bench/harness.ts';

// A smoke run of the benchmark harness, so it cannot rot: 100 cards, a second per query,
// on the database the tests use. It asserts that figures came out, never how fast they are.

describe('the benchmark harness', () => {
  it('seeds, starts the API in production mode, drives every query and the floor, and reports figures', async () => {
    const lines: string[] = [];
    const report = await runBench({ serverUrl: process.env.DATABASE_URL || null, cards: 100, duration: 1, connections: 4, soak: 2, log: (line) => lines.push(line) });
    expect(report.queries.map((q) => q.name)).toEqual(['deep list (50 full cards)', 'one card by IIN', 'mobile (20 cards)', 'statistics']);
    for (const query of report.queries) {
      expect(query.requestsPerSecond).toBeGreaterThan(0);
      expect(query.errors).toBe(0);
      expect(query.non2xx).toBe(0);
      expect(query.sqlStatementsPerRequest).toBeGreaterThan(0);
      expect(query.responseBytes).toBeGreaterThan(0);
      expect(query.serverRssAfterMb).toBeGreaterThan(0);
      expect(query.serverCpuMsPerRequest).toBeGreaterThan(0);
      expect(query.p99Ms).toBeGreaterThanOrEqual(query.p50Ms);
    }
    expect(report.floor.requestsPerSecond).toBeGreaterThan(0);
    expect(report.floor.non2xx).toBe(0);
    expect(report.floor.serverCpuMsPerRequest).toBeGreaterThan(0);
    expect(report.deepListShareOfFloor).toBeGreaterThan(0);
    expect(report.statementsByPageSize).toHaveLength(6);
    expect(report.soak?.samples.length).toBeGreaterThan(0);
    expect(report.targets.map((t) => t.name)).toHaveLength(5);
    expect(lines.some((line) => line.includes('floor'))).toBe(true);
  }, 180_000);
});
