import { refuse, startCommand, wholeArgument } from './command.ts';

// npm run bench: the API under load against PostgreSQL, side by side with its floors (and peers),
// in one run. Prints the figures, the ratios and the targets, and writes them as JSON. Not a test:
// nothing here passes or fails a build. The work's modules load only once the arguments and the
// settings are good (as in main.ts).

const LOCAL_SERVER = 'postgres://postgres@127.0.0.1:5432/test';
const { values, settings } = startCommand({
  usage: 'npm run bench -- [--cards N] [--duration S] [--connections N] [--soak S] [--rounds N] [--workers N] [--api-processes N] [--peer NAME[,NAME]] [--out FILE] [--embedded | --database URL] [--keep-database]',
  summary: `The API under load against PostgreSQL (DATABASE_URL, else ${LOCAL_SERVER}) on a scratch database of demo cards, beside the floors\n`
    + '(the fastest a Node server can answer each query) and optional peers, in interleaved rounds; prints the figures, the ratios and the\n'
    + 'targets, and writes them as JSON (see docs/benchmarks.md).\n'
    + 'Exit status: 0 done; 1 failure; 64 bad arguments; 78 a bad setting.',
  options: {
    cards: { type: 'string', default: '100000', value: 'N', help: 'demo cards in the scratch database' },
    duration: { type: 'string', default: '20', value: 'S', help: 'seconds of load per query' },
    connections: { type: 'string', default: '50', value: 'N', help: 'connections the load generator keeps open' },
    soak: { type: 'string', default: '300', value: 'S', help: 'seconds of the whole mix watching the memory; 0 for none' },
    rounds: { type: 'string', default: '1', value: 'N', help: 'interleaved rounds; ratios are given as the median and range of the rounds' },
    workers: { type: 'string', value: 'N', help: "the API's worker processes (default: one per core; 1 on the embedded database)" },
    'api-processes': { type: 'string', default: '1', value: 'N', help: 'N above 1: also N API processes of one worker each behind one address (PostgreSQL only)' },
    peer: { type: 'string', value: 'NAME[,NAME]', help: 'other GraphQL servers on the same database, side by side (src/bench/peers/NAME.ts, e.g. postgraphile); PostgreSQL only' },
    out: { type: 'string', value: 'FILE', help: 'where the JSON figures go (default: bench-results/bench-<time>.json)' },
    embedded: { type: 'boolean', default: false, help: 'run on the embedded database (PGlite) instead' },
    database: { type: 'string', value: 'URL', help: 'run again on such a database as it is (no seeding; audit records of earlier runs stay in it)' },
    'keep-database': { type: 'boolean', default: false, help: 'leave the scratch database for profiling' },
  },
  settings: ['DATABASE_URL', 'REDIS_URL', 'LOG_LEVEL'],
});
const cards = wholeArgument('cards', values.cards, 1);
const duration = wholeArgument('duration', values.duration, 1);
const connections = wholeArgument('connections', values.connections, 1);
const soak = wholeArgument('soak', values.soak, 0);
const rounds = wholeArgument('rounds', values.rounds, 1);
const apiProcesses = wholeArgument('api-processes', values['api-processes'], 1);
const workers = values.workers === undefined ? undefined : wholeArgument('workers', values.workers, 1);
const peers = (values.peer ?? '').split(',').map((name) => name.trim()).filter(Boolean);
if (values.embedded && peers.length) refuse('--peer runs on PostgreSQL only, not with --embedded. See --help.');
if (values.embedded && apiProcesses > 1) refuse('--api-processes above 1 needs PostgreSQL, not --embedded. See --help.');

const [{ mkdir, writeFile }, { runBench }] = await Promise.all([import('node:fs/promises'), import('../bench/harness.ts')]);
const say = (line: string) => process.stdout.write(`${line}\n`);

const report = await runBench({
  serverUrl: values.embedded ? null : (settings.DATABASE_URL || LOCAL_SERVER),
  cards,
  duration,
  connections,
  soak,
  rounds,
  peers,
  apiProcesses,
  redisUrl: settings.REDIS_URL ?? undefined,
  keepDatabase: values['keep-database'],
  reuseUrl: values.database,
  workers,
  log: say,
});

const pad = (text: string | number, width: number) => String(text).padStart(width);
say(`\n${report.cards} cards, ${report.database}, ${report.machine.cpus} CPUs, Node ${report.machine.node}, ${report.connections} connections, ${report.durationSeconds} s each, ${report.rounds} round(s)`);
if (report.seeding) say(`seeding: ${report.seeding.cardsPerSecond} cards/s (${report.seeding.seconds} s), then vacuum analyze and checkpoint ${report.seeding.vacuumSeconds} s`);
say(`${'server, query'.padEnd(44)}${pad('req/s', 9)}${pad('p50 ms', 9)}${pad('p99 ms', 9)}${pad('SQL/req', 9)}${pad('KiB', 8)}${pad('CPU ms/req', 12)}${pad('RSS MB before → after', 24)}`);
const table = (server: string, queries: typeof report.queries) => {
  for (const q of queries) {
    const cpu = q.balancerCpuMsPerRequest === undefined ? q.serverCpuMsPerRequest : `${q.serverCpuMsPerRequest}+${q.balancerCpuMsPerRequest}`;
    say(`${`${server}, ${q.name}`.padEnd(44)}${pad(q.requestsPerSecond, 9)}${pad(q.p50Ms, 9)}${pad(q.p99Ms, 9)}${pad(q.sqlStatementsPerRequest ?? '?', 9)}${pad((q.responseBytes / 1024).toFixed(0), 8)}${pad(cpu, 12)}${pad(`${q.serverRssBeforeMb} → ${q.serverRssAfterMb}`, 24)}`);
  }
};
table('API', report.queries);
table('floor (1 SQL)', report.floors);
if (report.apiProcesses) table(`${report.apiProcesses.processes} API processes`, report.apiProcesses.queries);
for (const peer of report.peers) table(peer.server, peer.queries);
say(`Each figure is the median of the rounds. CPU ms/req: of that server's processes alone${report.apiProcesses ? ' (+ the balancer\'s)' : ''}; PostgreSQL and the load generator use the same cores.`);
say(`\nRatios of requests/s${report.rounds > 1 ? ' (median, and range over the rounds)' : ''}:`);
// Each server's figures by its key in the runs, for the CPU per request beside each ratio.
const figures = new Map([
  ['api', report.queries], ['floor', report.floors], ['api-processes', report.apiProcesses?.queries ?? []],
  ...report.peers.map((peer) => [`peer:${peer.name}`, peer.queries] as const),
]);
for (const ratio of report.ratios) {
  const name = report.runs.find((run) => run.query === ratio.query)!.name;
  const cpu = (server: string) => figures.get(server)?.find((q) => q.name === name)?.serverCpuMsPerRequest;
  const of = ratio.of === 'api' ? 'API' : `${report.apiProcesses?.processes} API processes`;
  say(`  ${name}: ${of} / ${ratio.to.replace(/^peer:/, '')} = ${ratio.median.toFixed(3)}${report.rounds > 1 ? ` (${ratio.min.toFixed(3)}–${ratio.max.toFixed(3)})` : ''}`
    + `; CPU per request ${cpu(ratio.of)} vs ${cpu(ratio.to)} ms`);
}
say('\nTargets:');
for (const target of report.targets) say(`${target.met ? 'met    ' : 'NOT met'}  ${target.name}: ${target.detail}`);

const out = values.out ?? `bench-results/bench-${report.startedAt.replace(/[:.]/g, '-')}.json`;
await mkdir(out.split('/').slice(0, -1).join('/') || '.', { recursive: true });
await writeFile(out, `${JSON.stringify(report, null, 2)}\n`);
say(`Figures written to ${out}`);
