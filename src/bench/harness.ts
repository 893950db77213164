import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { exportSPKI, generateKeyPair } from 'jose';
import { migrate, openOrm, type Orm } from '../db/orm.ts';
import { seedDemoData } from '../seed/seeder.ts';
import { toGlobalId } from '../api/relay.ts';
import { DEFAULT_AUDIENCE } from '../modules/access/auth-config.ts';
import { signToken } from '../modules/access/tokens.ts';
import { Territories } from '../modules/dictionary/territories.ts';
import { scratchDatabase } from './database.ts';
import { startProcess, stopProcess } from './processes.ts';
import type { PeerQuery, RunningPeer, StartPeer } from './peer.ts';
import { CARD_BY_IIN, DEEP_LIST, MOBILE, STATISTICS } from './queries.ts';
import { ENTITIES } from '../modules/entities.ts';

// The benchmark harness. It seeds deterministic demo cards, starts the API as it runs in
// production (its own process, NODE_ENV=production, tokens checked against a public key), and
// drives it with autocannon over the query mix, one query at a time. Beside it, on the same
// database: the floors (each query of the mix from one hand-written SQL statement behind a bare
// node:http handler), optionally two API processes behind one address, and optionally peers
// (other GraphQL servers, src/bench/peers/). Then optionally a soak run of the whole mix watching
// the server's memory. Runs never overlap: on two cores, anything running beside the server would
// be measured too. The servers not being driven stay up, idle.
//
// The machine drifts, so the figures that matter are ratios of runs made close together: in each
// round, every query is run on the API, then on each other server, before the next query
// (interleaved); a ratio is worked out per round, and reported as the median and range of the rounds.

export interface BenchOptions {
  /** A PostgreSQL server to create the scratch database on; null for an embedded PGlite directory. */
  serverUrl: string | null;
  cards: number;
  /** Seconds per query. */
  duration: number;
  connections: number;
  /** Seconds of the whole mix while watching the server's memory; 0 for none. */
  soak: number;
  /** API worker processes (WEB_CONCURRENCY); one per CPU by default. */
  workers?: number;
  /** Keep the scratch database afterwards (for profiling), and say where it is. */
  keepDatabase?: boolean;
  /** A database a kept run left: its cards are used as they are (no seeding), and it is not dropped. */
  reuseUrl?: string;
  /** Interleaved rounds (default 1): each measures every query on every server. */
  rounds?: number;
  /** Peers to run side by side (src/bench/peers/<name>.ts); PostgreSQL only. */
  peers?: string[];
  /** How a peer is started (default: `start<Name>` of src/bench/peers/<name>.ts); tests pass a double. */
  loadPeer?: (name: string) => Promise<StartPeer>;
  /** Also run this many API processes (one worker each, own ports) behind one address; PostgreSQL only. */
  apiProcesses?: number;
  /** Redis the several API processes share (persisted queries, rate limits); none: each keeps its own. */
  redisUrl?: string;
  log: (line: string) => void;
}

/** The queries of the mix, by their names in the report. */
export type MixName = PeerQuery | 'statistics';

export interface QueryFigures {
  name: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
  /** From the server's `x-sql-statements` header; null when it does not say (a peer). */
  sqlStatementsPerRequest: number | null;
  responseBytes: number;
  /** The server's CPU time per request (all its processes): what the two cores are spent on. */
  serverCpuMsPerRequest: number;
  serverRssBeforeMb: number;
  serverRssAfterMb: number;
  /** Several API processes: the balancer's own CPU per request. */
  balancerCpuMsPerRequest?: number;
}

/** One measured run: a query on a server in a round. */
export interface RunFigures extends QueryFigures {
  round: number;
  /** `api`, `api-processes`, `floor` or `peer:<name>`. */
  server: string;
  query: MixName;
}

/** A ratio of requests/s, per round, and its median and range over the rounds. */
export interface Ratio {
  query: MixName;
  /** Whose requests/s are divided: `api` or `api-processes`. */
  of: string;
  /** By whose: `floor` or `peer:<name>`. */
  to: string;
  perRound: number[];
  median: number;
  min: number;
  max: number;
}

export interface BenchReport {
  startedAt: string;
  machine: { cpus: number; node: string };
  database: string;
  cards: number;
  connections: number;
  durationSeconds: number;
  rounds: number;
  /** Null when a kept database was reused. */
  seeding: { seconds: number; cardsPerSecond: number; vacuumSeconds: number } | null;
  /** The API's figures per query (each figure the median of the rounds; errors summed). */
  queries: QueryFigures[];
  /** The floors (one SQL statement each), for the queries of the mix but statistics. */
  floors: QueryFigures[];
  /** The layout of several API processes behind one address, when run. */
  apiProcesses: { processes: number; balancer: string; redis: string; queries: QueryFigures[] } | null;
  /** Each peer by its name in `--peer`, and the name and version it gives itself. */
  peers: { name: string; server: string; queries: QueryFigures[] }[];
  /** Every run, in the order they ran. */
  runs: RunFigures[];
  /** The API's requests/s (each layout) as a share of the floor's and of each peer's, per query. */
  ratios: Ratio[];
  /** The API's deep-list requests/s as a share of its floor's (median of the rounds). */
  deepListShareOfFloor: number;
  /** SQL statements per request at several page sizes: constant when batching works. */
  statementsByPageSize: { query: string; first: number; statements: number }[];
  soak: { seconds: number; samples: { atSeconds: number; rssMb: number }[]; growthAfterWarmup: number } | null;
  targets: { name: string; met: boolean; detail: string }[];
}

/** The API's share of its floor each query must reach. */
const FLOOR_TARGETS: Record<PeerQuery, number> = { deepList: 0.8, cardByIin: 0.5, mobile: 0.5 };
/** The API's requests/s over a peer's each query must reach. */
const PEER_TARGET = 1.2;
const PEER_QUERIES: PeerQuery[] = ['deepList', 'cardByIin', 'mobile'];

/** The mix. Variables are filled in per request where they vary. */
interface MixQuery {
  key: MixName;
  name: string;
  query: string;
  /** Whether the variables differ from request to request. */
  varies?: boolean;
  variables: (n: number) => Record<string, unknown>;
  token: 'caseworker' | 'analyst';
}

/** The n-th request of a run: its body and headers. */
type Make = (n: number) => { body: string; headers: Record<string, string> };

/** A server the bench drives: the API, the floor, a peer. */
interface Target {
  key: string;
  label: string;
  /** Starts it if it is not running (an embedded database allows one at a time: the caller stops the others). */
  start(): Promise<void>;
  stop(): Promise<void>;
  running(): boolean;
  /** Its processes (their children are counted too); the balancer's apart. */
  pids(): number[];
  balancerPid?: () => number;
  /** How it is asked a query of the mix; null if it does not answer that one. */
  request(query: MixName): { url: string; make: Make; varies: boolean } | null;
}

/** A port nothing listens on now. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** A process and its children (the API's workers). */
async function processTree(pid: number): Promise<number[]> {
  const children = (await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '')).split(/\s+/).filter(Boolean).map(Number);
  const tree = [pid];
  for (const child of children) tree.push(...(await processTree(child)));
  return tree;
}

/** Resident memory of processes and their children, in MB (Linux /proc). */
async function rssMb(pids: number[]): Promise<number> {
  let total = 0;
  for (const pid of pids) {
    for (const each of await processTree(pid)) {
      const status = await readFile(`/proc/${each}/status`, 'utf8').catch(() => '');
      total += Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
    }
  }
  return total;
}

/** CPU time (user + system) processes and their children have used, in ms (Linux /proc, clock ticks of 10 ms). */
async function cpuMs(pids: number[]): Promise<number> {
  let total = 0;
  for (const pid of pids) {
    for (const each of await processTree(pid)) {
      const stat = await readFile(`/proc/${each}/stat`, 'utf8').catch(() => '');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) * 10;
    }
  }
  return total;
}

type Load = { requestsPerSecond: number; requests: number; p50Ms: number; p99Ms: number; errors: number; non2xx: number };

/**
 * Drives `url` with the POSTs `make` makes, for `seconds`. A request that never changes is built
 * once: building it per request costs the client CPU the server then lacks (2 cores).
 */
async function drive(url: string, make: Make, seconds: number, connections: number, varies = false): Promise<Load> {
  let n = 0;
  const fixed = make(0);
  const result = await autocannon({
    url, method: 'POST', connections, duration: seconds,
    ...(varies
      ? {
        requests: [{
          setupRequest: (request) => {
            const { body, headers } = make(n++);
            return { ...request, body, headers: { ...request.headers, 'content-type': 'application/json', ...headers } };
          },
        }],
      }
      : { body: fixed.body, headers: { 'content-type': 'application/json', ...fixed.headers } }),
  });
  return {
    requestsPerSecond: Math.round(result.requests.average * 10) / 10,
    requests: result.requests.total,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

/**
 * Waits until no other client runs a statement on the database (two readings in a row, at most 5
 * minutes; autovacuum's workers are not waited for): the requests a load run leaves in the servers
 * when the load generator stops (50 statistics queries take a minute at a million cards) must not
 * be measured with the next run, nor make a probe run out of time.
 */
async function settle(databaseUrl: string | undefined): Promise<void> {
  if (!databaseUrl) return; // the embedded database runs inside the server: it is quiet when its server is
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    let quiet = 0;
    for (const until = Date.now() + 300_000; quiet < 2 && Date.now() < until;) {
      const { rows: [row] } = await client.query<{ n: number }>(
        `select count(*)::int as n from pg_stat_activity
         where datname = current_database() and backend_type = 'client backend' and state = 'active' and pid <> pg_backend_pid()`);
      quiet = row!.n === 0 ? quiet + 1 : 0;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    await client.end();
  }
}

/** One request: the SQL statements it took (null if the server does not say) and the size of its answer; fails on GraphQL errors. */
async function probe(url: string, headers: Record<string, string>, body: string): Promise<{ statements: number | null; bytes: number; text: string }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await response.text();
  if (!response.ok || text.includes('"errors"')) throw new Error(`the benchmark query failed at ${url} (${response.status}): ${text.slice(0, 500)}`);
  const statements = response.headers.get('x-sql-statements');
  return { statements: statements === null ? null : Number(statements), bytes: Buffer.byteLength(text), text };
}

/** The peer `name`: `start<Name>` of src/bench/peers/<name>.ts, loaded only when asked for. */
async function loadPeer(name: string): Promise<StartPeer> {
  if (!/^[a-z][a-z0-9-]*$/.test(name)) throw new Error(`no peer "${name}": a peer's name is its file's in src/bench/peers/`);
  const module = await import(`./peers/${name}.ts`).catch((error: Error) => {
    throw new Error(`no peer "${name}" (src/bench/peers/${name}.ts): ${error.message}`);
  }) as Record<string, unknown>;
  const exported = `start${name.replace(/(^|-)([a-z0-9])/g, (_, __, letter: string) => letter.toUpperCase())}`;
  if (typeof module[exported] !== 'function') throw new Error(`src/bench/peers/${name}.ts exports no ${exported}`);
  return module[exported] as StartPeer;
}

/**
 * The floors must give the API's answers, or their work is not the same: the cards (by IIN, in
 * order) of the lists and the card by IIN, and what the mobile list shows of each.
 */
function checkFloors(answers: Map<string, string>) {
  type Node = { iin?: string; fullName?: { surname: string; givenName: string; patronymic: string | null }; registrationStatus?: string; nextPlannedVisit?: { plannedOn: string } | null };
  const nodes = (text: string): Node[] => {
    const data = (JSON.parse(text) as { data: { cards?: { edges: { node: Node }[] }; cardByIin?: Node } }).data;
    return data.cards ? data.cards.edges.map((edge) => edge.node) : [data.cardByIin!];
  };
  const seen: Record<PeerQuery, (node: Node) => unknown> = {
    deepList: (node) => node.iin,
    cardByIin: (node) => node.iin,
    mobile: (node) => [node.fullName?.surname, node.fullName?.givenName, node.fullName?.patronymic ?? null, node.registrationStatus, node.nextPlannedVisit?.plannedOn ?? null],
  };
  for (const query of PEER_QUERIES) {
    const [api, floor] = [answers.get(`api ${query}`), answers.get(`floor ${query}`)];
    if (!api || !floor) continue;
    const [ours, its] = [JSON.stringify(nodes(api).map(seen[query])), JSON.stringify(nodes(floor).map(seen[query]))];
    if (ours !== its) throw new Error(`the floor of ${query} does not answer as the API does:\n  API:   ${ours.slice(0, 400)}\n  floor: ${its.slice(0, 400)}`);
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** A server's figures for one query over the rounds: each the median of the rounds, errors summed. */
function summary(runs: RunFigures[]): QueryFigures {
  const of = (field: keyof QueryFigures) => round(median(runs.map((run) => run[field] as number)));
  const statements = runs.map((run) => run.sqlStatementsPerRequest).filter((count) => count !== null);
  return {
    name: runs[0]!.name,
    requestsPerSecond: of('requestsPerSecond'), p50Ms: of('p50Ms'), p99Ms: of('p99Ms'),
    errors: runs.reduce((sum, run) => sum + run.errors, 0), non2xx: runs.reduce((sum, run) => sum + run.non2xx, 0),
    sqlStatementsPerRequest: statements.length ? median(statements) : null,
    responseBytes: of('responseBytes'), serverCpuMsPerRequest: of('serverCpuMsPerRequest'),
    serverRssBeforeMb: of('serverRssBeforeMb'), serverRssAfterMb: of('serverRssAfterMb'),
    ...(runs[0]!.balancerCpuMsPerRequest === undefined ? {} : { balancerCpuMsPerRequest: of('balancerCpuMsPerRequest') }),
  };
}

export async function runBench(options: BenchOptions): Promise<BenchReport> {
  const { log } = options;
  const rounds = options.rounds ?? 1;
  const peerNames = options.peers ?? [];
  const apiProcesses = options.apiProcesses ?? 1;
  const embedded = !options.serverUrl && !options.reuseUrl;
  if (embedded && peerNames.length) throw new Error('a peer runs on PostgreSQL only, not on the embedded database');
  if (embedded && apiProcesses > 1) throw new Error('several API processes need PostgreSQL: the embedded database belongs to one process');
  // Before the seeding: a peer that is not there should not cost a million cards first.
  const peerStarters = await Promise.all(peerNames.map((name) => (options.loadPeer ?? loadPeer)(name)));
  const startedAt = new Date().toISOString();
  const work = await mkdtemp(join(tmpdir(), 'card-bench-'));
  const targets: Target[] = [];
  let scratch: Awaited<ReturnType<typeof scratchDatabase>> | null = null;
  let orm: Orm | null = null;
  try {
    // 1. The database and its cards.
    let databaseEnv: NodeJS.ProcessEnv | undefined;
    let databaseName: string;
    let databaseUrl: string | null;
    if (options.reuseUrl) {
      orm = await openOrm({ url: options.reuseUrl, embeddedDir: '' }, ENTITIES);
      databaseUrl = options.reuseUrl;
      databaseName = `PostgreSQL ${new URL(options.reuseUrl).host} (reused)`;
    } else if (options.serverUrl) {
      scratch = await scratchDatabase(options.serverUrl);
      orm = scratch.orm;
      databaseUrl = scratch.url!;
      databaseName = scratch.kind;
    } else {
      const dir = join(work, 'pglite');
      orm = await openOrm({ embeddedDir: dir }, ENTITIES);
      await migrate(orm);
      databaseUrl = null;
      databaseEnv = { PGLITE_DIR: dir, DATABASE_URL: '' };
      databaseName = 'embedded PGlite';
    }
    databaseEnv ??= { DATABASE_URL: databaseUrl! };
    let cards = options.cards;
    let seeding: BenchReport['seeding'] = null;
    if (options.reuseUrl) {
      const [{ count }] = await orm.em.getConnection().execute<[{ count: string }]>('select count(*) from card');
      cards = Number(count);
      log(`Reusing ${databaseName} with its ${cards} cards`);
    } else {
      const territories = await Territories.load(orm.em.fork());
      const started = performance.now();
      let said = started;
      // A line every 10 s: a million cards take long enough to want to know how far it is.
      await seedDemoData(orm, territories, {
        cards,
        onProgress: (done, total) => {
          const now = performance.now();
          if (now - said < 10_000 && done < total) return;
          said = now;
          const rate = done / ((now - started) / 1000);
          log(`  seeded ${done} of ${total} cards (${rate.toFixed(0)} cards/s${done < total ? `, about ${((total - done) / rate).toFixed(0)} s to go` : ''})`);
        },
      });
      const seconds = (performance.now() - started) / 1000;
      // A settled database: freshly written tables would otherwise be vacuumed, and the seeding's
      // writes flushed by a checkpoint, in the middle of a run.
      const vacuuming = performance.now();
      await orm.em.getConnection().execute('vacuum analyze');
      await orm.em.getConnection().execute('checkpoint').catch((error: Error) => log(`  (no checkpoint: ${error.message})`));
      const vacuumSeconds = (performance.now() - vacuuming) / 1000;
      seeding = { seconds: round(seconds), cardsPerSecond: Math.round(cards / seconds), vacuumSeconds: round(vacuumSeconds) };
      log(`Seeded ${cards} cards into ${databaseName} in ${seconds.toFixed(0)} s (${seeding.cardsPerSecond} cards/s), then vacuum analyze and checkpoint in ${vacuumSeconds.toFixed(0)} s`);
    }
    // The center with the most cards: its caseworker reads the lists; its cards' IINs are asked for one by one.
    const [center] = await orm.em.getConnection().execute<{ id: string; code: string }[]>(
      `select cc.id::text as id, cc.code from card c join career_center cc on cc.id = c.career_center_id group by cc.id order by count(*) desc, cc.id limit 1`);
    const iins = (await orm.em.getConnection().execute<{ iin: string }[]>(
      `select iin from card where career_center_id = ? order by id limit 200`, [center!.id])).map((row: { iin: string }) => row.iin);
    if (!scratch) {
      await orm.close(); // the API's process opens the database next (an embedded one allows one process)
      orm = null;
    }

    // 2. Tokens: a key pair of the bench's own, as an identity provider would have.
    const issuer = 'urn:employment-card:bench';
    const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
    const keyFile = join(work, 'issuer.pem');
    await writeFile(keyFile, await exportSPKI(publicKey));
    const sign = (claims: Parameters<typeof signToken>[1]) => signToken(privateKey, claims, { issuer, audience: DEFAULT_AUDIENCE, expiresIn: '2h' });
    const tokens = {
      caseworker: await sign({ subject: 'bench-caseworker', role: 'CASEWORKER', careerCenter: center!.code }),
      analyst: await sign({ subject: 'bench-analyst', role: 'ANALYST' }),
    };
    const centerId = toGlobalId('CareerCenter', center!.id);
    const mix: MixQuery[] = [
      { key: 'deepList', name: 'deep list (50 full cards)', query: DEEP_LIST, variables: () => ({ center: centerId, first: 50 }), token: 'caseworker' },
      { key: 'cardByIin', name: 'one card by IIN', query: CARD_BY_IIN, variables: (n) => ({ iin: iins[n % iins.length] }), token: 'caseworker', varies: true },
      { key: 'mobile', name: 'mobile (20 cards)', query: MOBILE, variables: () => ({ center: centerId, first: 20 }), token: 'caseworker' },
      { key: 'statistics', name: 'statistics', query: STATISTICS, variables: () => ({}), token: 'analyst' },
    ];
    const entryOf = (key: MixName) => mix.find((entry) => entry.key === key)!;
    const auth = (entry: MixQuery) => ({ authorization: `Bearer ${tokens[entry.token]}` });
    const requestOf = (entry: MixQuery): Make => (n) => ({ body: JSON.stringify({ query: entry.query, variables: entry.variables(n) }), headers: auth(entry) });

    // 3. The servers. The API as in production; the same in several processes behind one address;
    // the floors; the peers.
    const workers = embedded ? 1 : options.workers ?? cpus().length;
    const linkSecret = randomBytes(32).toString('hex');
    const apiEnv = (port: number, workerCount: number, redisUrl: string): NodeJS.ProcessEnv => ({
      ...process.env, ...databaseEnv, NODE_ENV: 'production', PORT: String(port), AUTH_PUBLIC_KEY_FILE: keyFile, AUTH_ISSUER: issuer,
      AUTH_JWKS_URL: '', AUTH_ALGORITHM: 'ES256', RATE_LIMIT_PER_WINDOW: '0', RATE_LIMIT_ANONYMOUS_PER_WINDOW: '0', SQL_STATEMENTS_HEADER: 'on', REDIS_URL: redisUrl, TRUSTED_DOCUMENTS: '',
      WEB_CONCURRENCY: String(workerCount),
      // Several workers (or processes) share the key of the download links (settings.ts refuses them without one).
      DOWNLOAD_LINK_SECRET: linkSecret,
      PERSON_REGISTRY_URL: '', PERSON_REGISTRY_FILE: '',
      // No /metrics: the bench reads none, and its port (9464) may be another API's on this machine.
      METRICS_PORT: '0',
      // Logging as deployed (a line per request), whatever the caller's LOG_LEVEL; its start line says it is ready.
      LOG_LEVEL: 'info',
    });
    const apiRequest = (url: string) => (query: MixName) => ({ url, make: requestOf(entryOf(query)), varies: entryOf(query).varies ?? false });

    const processTarget = (key: string, label: string, launch: () => Promise<ChildProcess[]>, request: Target['request'], balanced = false): Target => {
      let children: ChildProcess[] = [];
      return {
        key, label, request,
        running: () => children.length > 0,
        start: async () => {
          if (children.length) return;
          children = await launch();
          log(`  started ${label} (pid ${children.map((child) => child.pid).join(', ')})`);
        },
        stop: async () => {
          for (const child of children) await stopProcess(child);
          children = [];
        },
        pids: () => (balanced ? children.slice(1) : children).map((child) => child.pid!),
        ...(balanced ? { balancerPid: () => children[0]!.pid! } : {}),
      };
    };

    const apiPort = await freePort();
    const apiUrl = `http://127.0.0.1:${apiPort}/graphql`;
    // One worker per core, as deployed (with the embedded database the API stays one process).
    targets.push(processTarget('api', `the API (${workers} worker(s))`,
      async () => [await startProcess('src/main.ts', apiEnv(apiPort, workers, ''), /Employment card API: GraphQL/)], apiRequest(apiUrl)));

    let apiProcessesInfo: BenchReport['apiProcesses'] = null;
    if (apiProcesses > 1) {
      // Stateless processes of one worker each, as on separate machines, sharing Redis when there is one.
      const redis = options.redisUrl ?? '';
      const balancerPort = await freePort();
      const ports = await Promise.all(Array.from({ length: apiProcesses }, () => freePort()));
      apiProcessesInfo = { processes: apiProcesses, balancer: 'node:net round robin per connection (src/bench/balancer.ts), its own process', redis: redis ? 'shared (REDIS_URL)' : 'none: each process keeps its own caches', queries: [] };
      targets.push(processTarget('api-processes', `${apiProcesses} API processes behind one address`, async () => {
        const started = await Promise.all(ports.map((port) => startProcess('src/main.ts', apiEnv(port, 1, redis), /Employment card API: GraphQL/)));
        const balancer = await startProcess('src/bench/balancer.ts', { ...process.env, PORT: String(balancerPort), BALANCE_TO: ports.join(',') }, /balancer listening/);
        return [balancer, ...started];
      }, apiRequest(`http://127.0.0.1:${balancerPort}/graphql`), true));
    }

    const floorPort = await freePort();
    const floorPaths: Record<PeerQuery, string> = { deepList: '/deep-list', cardByIin: '/card-by-iin', mobile: '/mobile' };
    const floorBodies: Record<PeerQuery, Make> = {
      deepList: () => ({ body: JSON.stringify({ center: center!.id, first: 50 }), headers: {} }),
      cardByIin: (n) => ({ body: JSON.stringify({ iin: iins[n % iins.length] }), headers: {} }),
      mobile: () => ({ body: JSON.stringify({ center: center!.id, first: 20 }), headers: {} }),
    };
    targets.push(processTarget('floor', 'the floors (one SQL statement each, bare node:http)',
      async () => [await startProcess('src/bench/floor-server.ts', { ...process.env, ...databaseEnv, PORT: String(floorPort) }, /floor listening/)],
      (query) => (query === 'statistics' ? null : { url: `http://127.0.0.1:${floorPort}${floorPaths[query]}`, make: floorBodies[query], varies: query === 'cardByIin' })));

    const peerServers = new Map<string, string>();
    for (const [i, name] of peerNames.entries()) {
      const start = peerStarters[i]!;
      let peer: RunningPeer | null = null;
      const bodies: Record<PeerQuery, Make> = {
        deepList: () => ({ body: peer!.requests.deepList(center!.id, 50), headers: {} }),
        cardByIin: (n) => ({ body: peer!.requests.cardByIin(iins[n % iins.length]!), headers: {} }),
        mobile: () => ({ body: peer!.requests.mobile(center!.id, 20), headers: {} }),
      };
      targets.push({
        key: `peer:${name}`, label: `the peer ${name}`,
        running: () => peer !== null,
        start: async () => {
          if (peer) return;
          peer = await start({ databaseUrl: databaseUrl!, port: await freePort(), log: (line) => log(`  [${name}] ${line}`) });
          peerServers.set(name, peer.name);
          log(`  started the peer ${name}: ${peer.name} (pid ${peer.pid})`);
        },
        stop: async () => {
          await peer?.stop();
          peer = null;
        },
        pids: () => [peer!.pid],
        request: (query) => (query === 'statistics' ? null : { url: peer!.url, make: bodies[query], varies: query === 'cardByIin' }),
      });
    }

    // An embedded database allows one process: a server is stopped before the next one starts.
    const use = async (target: Target) => {
      if (embedded) for (const other of targets) if (other !== target && other.running()) await other.stop();
      await target.start();
    };
    if (!embedded) for (const target of targets) await use(target);
    log(`Servers ready (${options.connections} connections, ${options.duration} s per query, ${rounds} round(s))`);

    // 4. The rounds: on PostgreSQL, each query on every server back to back before the next
    // query; on the embedded database, every query on one server before the next server.
    const runs: RunFigures[] = [];
    const answers = new Map<string, string>();
    const measure = async (roundNumber: number, target: Target, key: MixName) => {
      const ask = target.request(key);
      if (!ask) return;
      await use(target);
      const entry = entryOf(key);
      await drive(ask.url, ask.make, Math.min(2, options.duration), options.connections, ask.varies); // warm-up
      await settle(databaseEnv!.DATABASE_URL);
      const first = ask.make(0);
      const { statements, bytes, text } = await probe(ask.url, first.headers, first.body);
      if (roundNumber === 1) answers.set(`${target.key} ${key}`, text);
      const pids = target.pids();
      const before = await rssMb(pids);
      const cpuBefore = await cpuMs(pids);
      const balancerBefore = target.balancerPid ? await cpuMs([target.balancerPid()]) : 0;
      const load = await drive(ask.url, ask.make, options.duration, options.connections, ask.varies);
      const perRequest = (ms: number) => round(ms / Math.max(1, load.requests));
      const cpu = perRequest(await cpuMs(pids) - cpuBefore);
      const balancerCpu = target.balancerPid ? perRequest(await cpuMs([target.balancerPid()]) - balancerBefore) : undefined;
      const after = await rssMb(pids);
      await settle(databaseEnv!.DATABASE_URL);
      const { requests: _, ...figures } = load;
      runs.push({
        round: roundNumber, server: target.key, query: key, name: entry.name, ...figures, sqlStatementsPerRequest: statements, responseBytes: bytes,
        serverCpuMsPerRequest: cpu, serverRssBeforeMb: round(before), serverRssAfterMb: round(after),
        ...(balancerCpu === undefined ? {} : { balancerCpuMsPerRequest: balancerCpu }),
      });
      log(`  ${rounds > 1 ? `round ${roundNumber}, ` : ''}${target.key}, ${entry.name}: ${load.requestsPerSecond} req/s, p50 ${load.p50Ms} ms, p99 ${load.p99Ms} ms, `
        + `${statements ?? '?'} SQL/request, ${cpu} ms CPU/request${balancerCpu === undefined ? '' : ` (+ ${balancerCpu} ms the balancer's)`}, RSS ${round(before)} → ${round(after)} MB`);
    };
    for (let r = 1; r <= rounds; r++) {
      if (embedded) for (const target of targets) for (const entry of mix) await measure(r, target, entry.key);
      else for (const entry of mix) for (const target of targets) await measure(r, target, entry.key);
    }

    checkFloors(answers);

    // After the runs, so every worker's caches are warm (a cold one looks up its user's center once).
    const api = targets[0]!;
    await use(api);
    const statementsByPageSize: BenchReport['statementsByPageSize'] = [];
    for (const entry of [entryOf('deepList'), entryOf('mobile')]) {
      for (const first of [1, 10, entry.key === 'deepList' ? 50 : 20]) {
        const { statements } = await probe(apiUrl, auth(entry), JSON.stringify({ query: entry.query, variables: { ...entry.variables(0), first } }));
        statementsByPageSize.push({ query: entry.name, first, statements: statements ?? Number.NaN });
      }
    }

    let soak: BenchReport['soak'] = null;
    if (options.soak > 0) {
      const samples: { atSeconds: number; rssMb: number }[] = [];
      const started = performance.now();
      const every = Math.max(1, Math.min(5, options.soak / 10));
      const timer = setInterval(() => {
        void rssMb(api.pids()).then((rss) => samples.push({ atSeconds: round((performance.now() - started) / 1000), rssMb: round(rss) }));
      }, every * 1000);
      // The whole mix, round robin.
      await drive(apiUrl, (n) => requestOf(mix[n % mix.length]!)(n), options.soak, options.connections, true).finally(() => clearInterval(timer));
      const warm = samples.filter((s) => s.atSeconds >= options.soak * 0.2);
      const growth = warm.length >= 2 ? (warm.at(-1)!.rssMb - warm[0]!.rssMb) / warm[0]!.rssMb : 0;
      soak = { seconds: options.soak, samples, growthAfterWarmup: Math.round(growth * 1000) / 1000 };
      log(`  soak: ${options.soak} s of the mix, RSS ${warm[0]?.rssMb ?? '?'} → ${warm.at(-1)?.rssMb ?? '?'} MB after warm-up (${(growth * 100).toFixed(1)} %)`);
    }
    for (const target of targets) await target.stop();

    // 5. Figures, ratios and targets.
    const figuresOf = (server: string) => mix.map((entry) => runs.filter((run) => run.server === server && run.query === entry.key))
      .filter((list) => list.length > 0).map(summary);
    const ratios: Ratio[] = [];
    const layouts = targets.filter((target) => target.key.startsWith('api')).map((target) => target.key);
    const others = targets.filter((target) => !target.key.startsWith('api')).map((target) => target.key);
    for (const key of PEER_QUERIES) {
      for (const layout of layouts) {
        for (const to of others) {
          const perRound = Array.from({ length: rounds }, (_, i) => {
            const ours = runs.find((run) => run.round === i + 1 && run.server === layout && run.query === key);
            const theirs = runs.find((run) => run.round === i + 1 && run.server === to && run.query === key);
            return ours && theirs && theirs.requestsPerSecond > 0 ? Math.round((ours.requestsPerSecond / theirs.requestsPerSecond) * 1000) / 1000 : 0;
          });
          ratios.push({ query: key, of: layout, to, perRound, median: Math.round(median(perRound) * 1000) / 1000, min: Math.min(...perRound), max: Math.max(...perRound) });
        }
      }
    }
    const ratioOf = (query: MixName, to: string, of = 'api') => ratios.find((ratio) => ratio.query === query && ratio.of === of && ratio.to === to)!;
    const queries = figuresOf('api');
    const floors = figuresOf('floor');
    if (apiProcessesInfo) apiProcessesInfo.queries = figuresOf('api-processes');
    const peers = peerNames.map((name) => ({ name, server: peerServers.get(name) ?? name, queries: figuresOf(`peer:${name}`) }));
    const rps = (server: string, query: MixName) => round(median(runs.filter((run) => run.server === server && run.query === query).map((run) => run.requestsPerSecond)));
    const percent = (value: number) => `${(value * 100).toFixed(1)} %`;
    const times = (value: number) => `${value.toFixed(2)}×`;
    const spread = (ratio: Ratio, show: (value: number) => string) =>
      `${show(ratio.median)}${rounds > 1 ? ` (median of ${rounds} rounds, range ${show(ratio.min)}–${show(ratio.max)})` : ''}`;

    // A section no card on a small page has needs no query (one card may have no relocation), so
    // a page of 1 may take fewer; what must hold is that larger pages take no more.
    const constant = (name: string) => {
      const counts = statementsByPageSize.filter((s) => s.query === name).map((s) => s.statements);
      return counts.at(-1) === counts.at(-2) && counts.every((count) => count <= counts.at(-1)!);
    };
    const targetList: BenchReport['targets'] = [
      { name: 'SQL statements per request constant in page size', met: constant(entryOf('deepList').name) && constant(entryOf('mobile').name),
        detail: statementsByPageSize.map((s) => `${s.query} first ${s.first}: ${s.statements}`).join('; ') },
      ...PEER_QUERIES.map((key) => {
        const ratio = ratioOf(key, 'floor');
        return { name: `${entryOf(key).name} at least ${FLOOR_TARGETS[key] * 100} % of its floor`, met: ratio.median >= FLOOR_TARGETS[key],
          detail: `${spread(ratio, percent)}; ${rps('api', key)} vs ${rps('floor', key)} req/s` };
      }),
      ...peerNames.flatMap((name) => PEER_QUERIES.map((key) => {
        const ratio = ratioOf(key, `peer:${name}`);
        return { name: `${entryOf(key).name} at least ${PEER_TARGET}× ${name}`, met: ratio.median >= PEER_TARGET,
          detail: `${spread(ratio, times)}; ${rps('api', key)} vs ${rps(`peer:${name}`, key)} req/s` };
      })),
      { name: 'server RSS under 10 % growth after warm-up', met: soak !== null && soak.growthAfterWarmup < 0.1,
        detail: soak ? `${(soak.growthAfterWarmup * 100).toFixed(1)} % over ${soak.seconds} s` : 'no soak run' },
      { name: 'no errors', met: runs.every((run) => run.errors === 0 && run.non2xx === 0),
        detail: [...new Set(runs.map((run) => run.server))].map((server) => {
          const mine = runs.filter((run) => run.server === server);
          return `${server}: ${mine.reduce((sum, run) => sum + run.errors, 0)} errors, ${mine.reduce((sum, run) => sum + run.non2xx, 0)} non-2xx`;
        }).join('; ') },
    ];
    return {
      startedAt, machine: { cpus: cpus().length, node: process.version }, database: databaseName, cards,
      connections: options.connections, durationSeconds: options.duration, rounds, seeding, queries, floors,
      apiProcesses: apiProcessesInfo, peers, runs, ratios, deepListShareOfFloor: ratioOf('deepList', 'floor').median,
      statementsByPageSize, soak, targets: targetList,
    };
  } finally {
    for (const target of targets) await target.stop().catch((error: Error) => log(`  (stopping ${target.label}: ${error.message})`));
    if (scratch && options.keepDatabase) {
      await scratch.orm.close();
      log(`Kept the database: ${scratch.url}`);
    } else if (scratch) await scratch.drop();
    else await orm?.close();
    await rm(work, { recursive: true, force: true });
  }
}

const round = (value: number) => Math.round(value * 10) / 10;
