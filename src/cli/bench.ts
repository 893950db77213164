import { startCommand, wholeArgument } from './command.ts';

// npm run bench: the API under load against PostgreSQL, side by side with the floor, in one run.
// Prints the figures and writes them as JSON. Not a test: nothing here passes or fails a build.
// The work's modules load only once the arguments and the settings are good (as in main.ts).

const LOCAL_SERVER = 'postgres://postgres@127.0.0.1:5432/test';
const { values, settings } = startCommand({
  usage: 'npm run bench -- [--cards N] [--duration S] [--connections N] [--soak S] [--workers N] [--out FILE] [--embedded | --database URL] [--keep-database]',
  summary: `The API under load against PostgreSQL (DATABASE_URL, else ${LOCAL_SERVER}) on a scratch database of demo cards, beside the floor\n`
    + '(the fastest a Node server can answer the deep list), in one run; prints the figures and writes them as JSON (see docs/benchmarks.md).\n'
    + 'Exit status: 0 done; 1 failure; 64 bad arguments; 78 a bad setting.',
  options: {
    cards: { type: 'string', default: '100000', value: 'N', help: 'demo cards in the scratch database' },
    duration: { type: 'string', default: '20', value: 'S', help: 'seconds of load per query' },
    connections: { type: 'string', default: '50', value: 'N', help: 'connections the load generator keeps open' },
    soak: { type: 'string', default: '300', value: 'S', help: 'seconds of the whole mix watching the memory; 0 for none' },
    workers: { type: 'string', value: 'N', help: "the API's worker processes (default: one per core; 1 on the embedded database)" },
    out: { type: 'string', value: 'FILE', help: 'where the JSON figures go (default: bench-results/bench-<time>.json)' },
    embedded: { type: 'boolean', default: false, help: 'run on the embedded database (PGlite) instead' },
    database: { type: 'string', value: 'URL', help: 'run again on such a database as it is (no seeding; audit records of earlier runs stay in it)' },
    'keep-database': { type: 'boolean', default: false, help: 'leave the scratch database for profiling' },
  },
  settings: ['DATABASE_URL', 'LOG_LEVEL'],
});
const cards = wholeArgument('cards', values.cards, 1);
const duration = wholeArgument('duration', values.duration, 1);
const connections = wholeArgument('connections', values.connections, 1);
const soak = wholeArgument('soak', values.soak, 0);
const workers = values.workers === undefined ? undefined : wholeArgument('workers', values.workers, 1);

const [{ mkdir, writeFile }, { runBench }] = await Promise.all([import('node:fs/promises'), import('../bench/harness.ts')]);
const say = (line: string) => process.stdout.write(`${line}\n`);

const report = await runBench({
  serverUrl: values.embedded ? null : (settings.DATABASE_URL || LOCAL_SERVER),
  cards,
  duration,
  connections,
  soak,
  keepDatabase: values['keep-database'],
  reuseUrl: values.database,
  workers,
  log: say,
});

const pad = (text: string | number, width: number) => String(text).padStart(width);
say(`\n${report.cards} cards, ${report.database}, ${report.machine.cpus} CPUs, Node ${report.machine.node}, ${report.connections} connections, ${report.durationSeconds} s each`);
say(`${'query'.padEnd(28)}${pad('req/s', 9)}${pad('p50 ms', 9)}${pad('p99 ms', 9)}${pad('SQL/req', 9)}${pad('KiB', 8)}${pad('CPU ms/req', 12)}${pad('RSS MB before → after', 24)}`);
for (const q of report.queries) {
  say(`${q.name.padEnd(28)}${pad(q.requestsPerSecond, 9)}${pad(q.p50Ms, 9)}${pad(q.p99Ms, 9)}${pad(q.sqlStatementsPerRequest, 9)}${pad((q.responseBytes / 1024).toFixed(0), 8)}${pad(q.serverCpuMsPerRequest, 12)}${pad(`${q.serverRssBeforeMb} → ${q.serverRssAfterMb}`, 24)}`);
}
const f = report.floor;
say(`${'floor (deep list, 1 SQL)'.padEnd(28)}${pad(f.requestsPerSecond, 9)}${pad(f.p50Ms, 9)}${pad(f.p99Ms, 9)}${pad(1, 9)}${pad((f.responseBytes / 1024).toFixed(0), 8)}${pad(f.serverCpuMsPerRequest, 12)}`);
say('CPU ms/req: of the API processes (or the floor process) alone; PostgreSQL and the load generator use the same two cores.');
say(`deep list: ${(report.deepListShareOfFloor * 100).toFixed(1)} % of the floor's requests/s`);
for (const target of report.targets) say(`${target.met ? 'met    ' : 'NOT met'}  ${target.name}: ${target.detail}`);

const out = values.out ?? `bench-results/bench-${report.startedAt.replace(/[:.]/g, '-')}.json`;
await mkdir(out.split('/').slice(0, -1).join('/') || '.', { recursive: true });
await writeFile(out, `${JSON.stringify(report, null, 2)}\n`);
say(`Figures written to ${out}`);
