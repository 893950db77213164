import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { exportSPKI, generateKeyPair } from 'jose';
import { migrate, openOrm, type Orm } from '../db/orm.ts';
import { seedDemoData } from '../seed/seeder.ts';
import { toGlobalId } from '../api/relay.ts';
import { DEFAULT_AUDIENCE } from '../modules/access/auth-config.ts';
import { signToken } from '../modules/access/tokens.ts';
import { Territories } from '../modules/dictionary/territories.ts';
import { scratchDatabase } from './database.ts';
import { CARD_BY_IIN, DEEP_LIST, MOBILE, STATISTICS } from './queries.ts';
import { ENTITIES } from '../modules/entities.ts';

// The benchmark harness. It seeds deterministic demo cards, starts the API as it runs
// in production (its own process, NODE_ENV=production, tokens checked against a public key), and
// drives it with autocannon over the query mix, one query at a time. Then the floor — the deep
// list from one hand-written SQL statement behind a bare node:http handler — on the same database,
// and optionally a soak run of the whole mix watching the server's memory. Phases never overlap:
// on two cores, anything running beside the server would be measured too.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

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
  log: (line: string) => void;
}

export interface QueryFigures {
  name: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
  sqlStatementsPerRequest: number;
  responseBytes: number;
  /** The API's CPU time per request (all its processes): what the two cores are spent on. */
  serverCpuMsPerRequest: number;
  serverRssBeforeMb: number;
  serverRssAfterMb: number;
}

export interface BenchReport {
  startedAt: string;
  machine: { cpus: number; node: string };
  database: string;
  cards: number;
  connections: number;
  durationSeconds: number;
  queries: QueryFigures[];
  floor: Omit<QueryFigures, 'serverRssBeforeMb' | 'serverRssAfterMb'>;
  /** The API's deep-list requests/s as a share of the floor's. */
  deepListShareOfFloor: number;
  /** SQL statements per request at several page sizes: constant when batching works. */
  statementsByPageSize: { query: string; first: number; statements: number }[];
  soak: { seconds: number; samples: { atSeconds: number; rssMb: number }[]; growthAfterWarmup: number } | null;
  targets: { name: string; met: boolean; detail: string }[];
}

/** The mix. Variables are filled in per request where they vary. */
interface MixQuery {
  name: string;
  query: string;
  /** Whether the variables differ from request to request. */
  varies?: boolean;
  variables: (n: number) => Record<string, unknown>;
  token: 'caseworker' | 'analyst';
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

/** Resident memory of a process and its children, in MB (Linux /proc). */
async function rssMb(pid: number): Promise<number> {
  let total = 0;
  for (const each of await processTree(pid)) {
    const status = await readFile(`/proc/${each}/status`, 'utf8').catch(() => '');
    total += Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
  }
  return total;
}

/** CPU time (user + system) a process and its children have used, in ms (Linux /proc, clock ticks of 10 ms). */
async function cpuMs(pid: number): Promise<number> {
  let total = 0;
  for (const each of await processTree(pid)) {
    const stat = await readFile(`/proc/${each}/stat`, 'utf8').catch(() => '');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    total += (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) * 10;
  }
  return total;
}

/** Starts a Node script in its own process; resolves once `ready` is printed. */
async function startProcess(script: string, env: NodeJS.ProcessEnv, ready: RegExp): Promise<ChildProcess> {
  const child = spawn(process.execPath, [script], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const seen = (chunk: Buffer) => {
      output += chunk.toString();
      if (ready.test(output)) resolve();
    };
    child.stdout!.on('data', seen);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`${script} exited (${code}) before it was ready:\n${output}`)));
  });
  child.stdout!.removeAllListeners('data');
  child.stdout!.resume();
  child.stderr!.resume();
  return child;
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

type Load = { requestsPerSecond: number; requests: number; p50Ms: number; p99Ms: number; errors: number; non2xx: number };

/** The n-th request of a run: its body and headers. */
type Make = (n: number) => { body: string; headers: Record<string, string> };

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

/** One request: the SQL statements it took and the size of its answer; fails on GraphQL errors. */
async function probe(url: string, headers: Record<string, string>, body: string): Promise<{ statements: number; bytes: number }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await response.text();
  if (!response.ok || text.includes('"errors"')) throw new Error(`the benchmark query failed (${response.status}): ${text.slice(0, 500)}`);
  return { statements: Number(response.headers.get('x-sql-statements') ?? Number.NaN), bytes: Buffer.byteLength(text) };
}

export async function runBench(options: BenchOptions): Promise<BenchReport> {
  const { log } = options;
  const startedAt = new Date().toISOString();
  const work = await mkdtemp(join(tmpdir(), 'card-bench-'));
  const children: ChildProcess[] = [];
  let scratch: Awaited<ReturnType<typeof scratchDatabase>> | null = null;
  let orm: Orm | null = null;
  try {
    // 1. The database and its cards.
    let databaseEnv: NodeJS.ProcessEnv;
    let databaseName: string;
    if (options.reuseUrl) {
      orm = await openOrm({ url: options.reuseUrl, embeddedDir: '' }, ENTITIES);
      databaseEnv = { DATABASE_URL: options.reuseUrl };
      databaseName = `PostgreSQL ${new URL(options.reuseUrl).host} (reused)`;
    } else if (options.serverUrl) {
      scratch = await scratchDatabase(options.serverUrl);
      orm = scratch.orm;
      databaseEnv = { DATABASE_URL: scratch.url! };
      databaseName = scratch.kind;
    } else {
      const dir = join(work, 'pglite');
      orm = await openOrm({ embeddedDir: dir }, ENTITIES);
      await migrate(orm);
      databaseEnv = { PGLITE_DIR: dir, DATABASE_URL: '' };
      databaseName = 'embedded PGlite';
    }
    let cards = options.cards;
    if (options.reuseUrl) {
      const [{ count }] = await orm.em.getConnection().execute<[{ count: string }]>('select count(*) from card');
      cards = Number(count);
      log(`Reusing ${databaseName} with its ${cards} cards`);
    } else {
      const territories = await Territories.load(orm.em.fork());
      const seeding = performance.now();
      await seedDemoData(orm, territories, { cards, onProgress: (done) => done % 20_000 === 0 && log(`  seeded ${done} cards`) });
      // A settled database: freshly written tables would otherwise be vacuumed, and the seeding's
      // writes flushed by a checkpoint, in the middle of a run.
      await orm.em.getConnection().execute('vacuum analyze');
      await orm.em.getConnection().execute('checkpoint').catch((error: Error) => log(`  (no checkpoint: ${error.message})`));
      log(`Seeded ${cards} cards into ${databaseName} in ${((performance.now() - seeding) / 1000).toFixed(0)} s`);
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
      { name: 'deep list (50 full cards)', query: DEEP_LIST, variables: () => ({ center: centerId, first: 50 }), token: 'caseworker' },
      { name: 'one card by IIN', query: CARD_BY_IIN, variables: (n) => ({ iin: iins[n % iins.length] }), token: 'caseworker', varies: true },
      { name: 'mobile (20 cards)', query: MOBILE, variables: () => ({ center: centerId, first: 20 }), token: 'caseworker' },
      { name: 'statistics', query: STATISTICS, variables: () => ({}), token: 'analyst' },
    ];
    const auth = (entry: MixQuery) => ({ authorization: `Bearer ${tokens[entry.token]}` });
    const requestOf = (entry: MixQuery): Make => (n) => ({ body: JSON.stringify({ query: entry.query, variables: entry.variables(n) }), headers: auth(entry) });

    // 3. The API, as in production.
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/graphql`;
    const server = await startProcess('src/main.ts', {
      ...process.env, ...databaseEnv, NODE_ENV: 'production', PORT: String(port), AUTH_PUBLIC_KEY_FILE: keyFile, AUTH_ISSUER: issuer,
      AUTH_JWKS_URL: '', AUTH_ALGORITHM: 'ES256', RATE_LIMIT_PER_WINDOW: '0', RATE_LIMIT_ANONYMOUS_PER_WINDOW: '0', SQL_STATEMENTS_HEADER: 'on', REDIS_URL: '', TRUSTED_DOCUMENTS: '',
      // One worker per core, as deployed (with the embedded database the API stays one process).
      WEB_CONCURRENCY: String(options.workers ?? cpus().length),
      // Several workers share the key of the download links (settings.ts refuses them without one).
      DOWNLOAD_LINK_SECRET: randomBytes(32).toString('hex'),
      PERSON_REGISTRY_URL: '', PERSON_REGISTRY_FILE: '',
      // No /metrics: the bench reads none, and its port (9464) may be another API's on this machine.
      METRICS_PORT: '0',
      // Logging as deployed (a line per request), whatever the caller's LOG_LEVEL; its start line says it is ready.
      LOG_LEVEL: 'info',
    }, /Employment card API: GraphQL/);
    children.push(server);
    log(`API started (pid ${server.pid}, NODE_ENV=production, ${options.serverUrl || options.reuseUrl ? options.workers ?? cpus().length : 1} worker(s), ${options.connections} connections, ${options.duration} s per query)`);

    const queries: QueryFigures[] = [];
    for (const entry of mix) {
      await drive(url, requestOf(entry), Math.min(2, options.duration), options.connections, entry.varies); // warm-up
      const { statements, bytes } = await probe(url, auth(entry), requestOf(entry)(0).body);
      const before = await rssMb(server.pid!);
      const cpuBefore = await cpuMs(server.pid!);
      const load = await drive(url, requestOf(entry), options.duration, options.connections, entry.varies);
      const cpu = round((await cpuMs(server.pid!) - cpuBefore) / Math.max(1, load.requests));
      const after = await rssMb(server.pid!);
      queries.push({ name: entry.name, ...load, sqlStatementsPerRequest: statements, responseBytes: bytes, serverCpuMsPerRequest: cpu, serverRssBeforeMb: round(before), serverRssAfterMb: round(after) });
      log(`  ${entry.name}: ${load.requestsPerSecond} req/s, p50 ${load.p50Ms} ms, p99 ${load.p99Ms} ms, ${statements} SQL/request, ${cpu} ms API CPU/request, RSS ${round(before)} → ${round(after)} MB`);
    }

    // After the runs, so every worker's caches are warm (a cold one looks up its user's center once).
    const statementsByPageSize: BenchReport['statementsByPageSize'] = [];
    for (const entry of [mix[0]!, mix[2]!]) {
      for (const first of [1, 10, entry === mix[0] ? 50 : 20]) {
        const { statements } = await probe(url, auth(entry), JSON.stringify({ query: entry.query, variables: { ...entry.variables(0), first } }));
        statementsByPageSize.push({ query: entry.name, first, statements });
      }
    }

    let soak: BenchReport['soak'] = null;
    if (options.soak > 0) {
      const samples: { atSeconds: number; rssMb: number }[] = [];
      const started = performance.now();
      const every = Math.max(1, Math.min(5, options.soak / 10));
      const timer = setInterval(() => {
        void rssMb(server.pid!).then((rss) => samples.push({ atSeconds: round((performance.now() - started) / 1000), rssMb: round(rss) }));
      }, every * 1000);
      // The whole mix, round robin.
      await drive(url, (n) => requestOf(mix[n % mix.length]!)(n), options.soak, options.connections, true).finally(() => clearInterval(timer));
      const warm = samples.filter((s) => s.atSeconds >= options.soak * 0.2);
      const growth = warm.length >= 2 ? (warm.at(-1)!.rssMb - warm[0]!.rssMb) / warm[0]!.rssMb : 0;
      soak = { seconds: options.soak, samples, growthAfterWarmup: Math.round(growth * 1000) / 1000 };
      log(`  soak: ${options.soak} s of the mix, RSS ${warm[0]?.rssMb ?? '?'} → ${warm.at(-1)?.rssMb ?? '?'} MB after warm-up (${(growth * 100).toFixed(1)} %)`);
    }
    await stopProcess(server);

    // 4. The floor, on the same database, alone.
    const floorPort = await freePort();
    const floor = await startProcess('src/bench/floor-server.ts', { ...process.env, ...databaseEnv, PORT: String(floorPort) }, /floor listening/);
    children.push(floor);
    const floorUrl = `http://127.0.0.1:${floorPort}/`;
    const floorRequest: Make = () => ({ body: JSON.stringify({ center: center!.id, first: 50 }), headers: {} });
    const { bytes: floorBytes } = await probe(floorUrl, {}, floorRequest(0).body);
    await drive(floorUrl, floorRequest, Math.min(2, options.duration), options.connections);
    const floorCpuBefore = await cpuMs(floor.pid!);
    const floorLoad = await drive(floorUrl, floorRequest, options.duration, options.connections);
    const floorCpu = round((await cpuMs(floor.pid!) - floorCpuBefore) / Math.max(1, floorLoad.requests));
    await stopProcess(floor);
    log(`  floor (one SQL statement, bare node:http): ${floorLoad.requestsPerSecond} req/s, p50 ${floorLoad.p50Ms} ms, p99 ${floorLoad.p99Ms} ms`);

    const deep = queries[0]!;
    const mobile = queries[2]!;
    const share = floorLoad.requestsPerSecond > 0 ? Math.round((deep.requestsPerSecond / floorLoad.requestsPerSecond) * 1000) / 1000 : 0;
    // A section no card on a small page has needs no query (one card may have no relocation), so
    // a page of 1 may take fewer; what must hold is that larger pages take no more.
    const constant = (name: string) => {
      const counts = statementsByPageSize.filter((s) => s.query === name).map((s) => s.statements);
      return counts.at(-1) === counts.at(-2) && counts.every((count) => count <= counts.at(-1)!);
    };
    const targets = [
      { name: 'SQL statements per request constant in page size', met: constant(mix[0]!.name) && constant(mix[2]!.name),
        detail: statementsByPageSize.map((s) => `${s.query} first ${s.first}: ${s.statements}`).join('; ') },
      { name: 'deep list at least 60 % of the floor', met: share >= 0.6, detail: `${(share * 100).toFixed(1)} % (${deep.requestsPerSecond} vs ${floorLoad.requestsPerSecond} req/s)` },
      { name: `mobile p99 under 20 ms at ${options.connections} connections`, met: mobile.p99Ms < 20, detail: `p99 ${mobile.p99Ms} ms` },
      { name: 'server RSS under 10 % growth after warm-up', met: soak !== null && soak.growthAfterWarmup < 0.1,
        detail: soak ? `${(soak.growthAfterWarmup * 100).toFixed(1)} % over ${soak.seconds} s` : 'no soak run' },
      { name: 'no errors', met: [...queries, floorLoad].every((q) => q.errors === 0 && q.non2xx === 0), detail: queries.map((q) => `${q.name}: ${q.errors} errors, ${q.non2xx} non-2xx`).join('; ') },
    ];
    return {
      startedAt, machine: { cpus: cpus().length, node: process.version }, database: databaseName, cards,
      connections: options.connections, durationSeconds: options.duration, queries,
      floor: { name: 'floor', ...floorLoad, sqlStatementsPerRequest: 1, responseBytes: floorBytes, serverCpuMsPerRequest: floorCpu },
      deepListShareOfFloor: share, statementsByPageSize, soak, targets,
    };
  } finally {
    for (const child of children) await stopProcess(child);
    if (scratch && options.keepDatabase) {
      await scratch.orm.close();
      log(`Kept the database: ${scratch.url}`);
    } else if (scratch) await scratch.drop();
    else await orm?.close();
    await rm(work, { recursive: true, force: true });
  }
}

const round = (value: number) => Math.round(value * 10) / 10;
