import { mkdir, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { runBench } from '../bench/harness.ts';

// npm run bench [-- --cards 100000 --duration 20 --connections 50 --soak 300 --workers 2 --out bench-results/…json]
// The API under load against PostgreSQL (DATABASE_URL, else the local server at
// 127.0.0.1:5432), side by side with the floor, in one run. Prints the figures and writes them as
// JSON. Not a test: nothing here passes or fails a build. `--embedded` runs on PGlite instead;
// `--keep-database` leaves the scratch database for profiling; `--database URL` runs again on such
// a database as it is (no seeding; audit records of earlier runs stay in it).

const { values } = parseArgs({
  options: {
    cards: { type: 'string', default: '100000' },
    duration: { type: 'string', default: '20' },
    connections: { type: 'string', default: '50' },
    soak: { type: 'string', default: '300' },
    out: { type: 'string' },
    embedded: { type: 'boolean', default: false },
    'keep-database': { type: 'boolean', default: false },
    database: { type: 'string' },
    workers: { type: 'string' },
  },
});

const serverUrl = values.embedded ? null : (process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test');
const report = await runBench({
  serverUrl,
  cards: Number(values.cards),
  duration: Number(values.duration),
  connections: Number(values.connections),
  soak: Number(values.soak),
  keepDatabase: values['keep-database'],
  reuseUrl: values.database,
  workers: values.workers ? Number(values.workers) : undefined,
  log: (line) => console.log(line),
});

const pad = (text: string | number, width: number) => String(text).padStart(width);
console.log(`\n${report.cards} cards, ${report.database}, ${report.machine.cpus} CPUs, Node ${report.machine.node}, ${report.connections} connections, ${report.durationSeconds} s each`);
console.log(`${'query'.padEnd(28)}${pad('req/s', 9)}${pad('p50 ms', 9)}${pad('p99 ms', 9)}${pad('SQL/req', 9)}${pad('KiB', 8)}${pad('CPU ms/req', 12)}${pad('RSS MB before → after', 24)}`);
for (const q of report.queries) {
  console.log(`${q.name.padEnd(28)}${pad(q.requestsPerSecond, 9)}${pad(q.p50Ms, 9)}${pad(q.p99Ms, 9)}${pad(q.sqlStatementsPerRequest, 9)}${pad((q.responseBytes / 1024).toFixed(0), 8)}${pad(q.serverCpuMsPerRequest, 12)}${pad(`${q.serverRssBeforeMb} → ${q.serverRssAfterMb}`, 24)}`);
}
const f = report.floor;
console.log(`${'floor (deep list, 1 SQL)'.padEnd(28)}${pad(f.requestsPerSecond, 9)}${pad(f.p50Ms, 9)}${pad(f.p99Ms, 9)}${pad(1, 9)}${pad((f.responseBytes / 1024).toFixed(0), 8)}${pad(f.serverCpuMsPerRequest, 12)}`);
console.log('CPU ms/req: of the API processes (or the floor process) alone; PostgreSQL and the load generator use the same two cores.');
console.log(`deep list: ${(report.deepListShareOfFloor * 100).toFixed(1)} % of the floor's requests/s`);
for (const target of report.targets) console.log(`${target.met ? 'met    ' : 'NOT met'}  ${target.name}: ${target.detail}`);

const out = values.out ?? `bench-results/bench-${report.startedAt.replace(/[:.]/g, '-')}.json`;
await mkdir(out.split('/').slice(0, -1).join('/') || '.', { recursive: true });
await writeFile(out, `${JSON.stringify(report, null, 2)}\n`);
console.log(`Figures written to ${out}`);
