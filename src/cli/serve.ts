import cluster from 'node:cluster';
import { createServer, type RequestListener, type Server } from 'node:http';
import { databaseSettings, replicaSettings } from '../db/config.ts';
import { migrate, openOrm, type Orm } from '../db/orm.ts';
import { poolUseOf } from '../db/pool.ts';
import { createApp } from '../http/app.ts';
import { drain } from '../http/drain.ts';
import { answerClientErrors, sendStarting } from '../http/errors.ts';
import { listenOn } from '../http/listen.ts';
import { serveMetrics, shareMetricsWithPrimary, type MetricsSettings } from '../http/metrics-server.ts';
import { protectionFrom } from '../http/protection.ts';
import { authFrom } from '../modules/access/auth-config.ts';
import { ROLES } from '../modules/access/principal.ts';
import { Card } from '../modules/card/card.entity.ts';
import { ENTITIES } from '../modules/entities.ts';
import { registryFrom } from '../modules/verification/registry-from-settings.ts';
import { signingFrom } from '../modules/footer/signing-from-settings.ts';
import { log } from '../runtime/log.ts';
import { measurePool } from '../runtime/metrics.ts';
import { isStopping, stopOnSignals } from '../runtime/shutdown.ts';
import { EX_CONFIG, Refusal } from '../runtime/refusal.ts';
import type { Settings } from '../runtime/settings.ts';
import { seedDemoData } from '../seed/seeder.ts';
import { startJobRunner, type JobRunner } from '../jobs/start.ts';
import { publicUrlOf, runsDevProvider, signInFrom } from '../http/sign-in-from-settings.ts';

// `npm start`: the port is bound first (a port in use stops the start at once; /healthz answers
// while the database is migrated), then the database is opened and migrated, demo cards go into an
// empty embedded database, and the API takes over the port. With PostgreSQL and WEB_CONCURRENCY=N
// (N > 1), N worker processes serve one port (node:cluster): executing GraphQL is CPU work, and one
// process uses one core. The primary migrates first, forks the workers, restarts any that dies,
// and serves the workers' summed metrics.

const DEMO_CARDS = 300;

const metricsSettings = (settings: Settings): MetricsSettings => ({ port: settings.METRICS_PORT, host: settings.METRICS_HOST!, allow: settings.METRICS_ALLOW! });

export async function serve(settings: Settings): Promise<void> {
  // In development, browsers sign in with a local identity provider, run once (by the primary).
  const devProvider = cluster.isPrimary && runsDevProvider(settings) ? await startDevProvider(settings) : null;
  if (settings.WEB_CONCURRENCY > 1 && cluster.isPrimary) await primary(settings, devProvider);
  else await worker(settings, devProvider);
}

/**
 * The development identity provider (src/dev/identity-provider.ts) on DEV_OIDC_PORT; loaded only
 * here, since oidc-provider is a development dependency.
 */
async function startDevProvider(settings: Settings): Promise<{ close(): Promise<void> }> {
  let start: typeof import('../dev/identity-provider.ts').startDevProvider;
  try {
    ({ startDevProvider: start } = await import('../dev/identity-provider.ts'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    throw new Refusal('Configuration: the development identity provider (oidc-provider) is not installed, as with npm ci --omit=dev: '
      + 'set OIDC_ISSUER_URL (or NODE_ENV=production), or DEV_OIDC_PORT=0 for no browser sign-in', EX_CONFIG);
  }
  const publicUrl = publicUrlOf(settings);
  const provider = await start({
    port: settings.DEV_OIDC_PORT, redirectUris: [new URL('/auth/callback', publicUrl).href], postLogoutRedirectUris: [new URL('/graphql', publicUrl).href],
  });
  log.info({ issuer: provider.issuer }, `development identity provider (DEV_OIDC_PORT; development only): sign in at ${publicUrl}/graphql`);
  return provider;
}

/** Applies pending migrations and says which. */
async function migrateAndSay(orm: Orm) {
  const applied = await migrate(orm);
  if (applied.length) log.info({ migrations: applied }, 'applied migrations');
}

async function primary(settings: Settings, devProvider: { close(): Promise<void> } | null) {
  let stopping = false;
  let metricsServer: Server | null = null;
  stopOnSignals(async (deadline) => {
    stopping = true;
    const running = Object.values(cluster.workers ?? {}).filter((one) => one !== undefined);
    const kill = () => running.forEach((one) => one.isDead() || one.process.kill('SIGKILL'));
    deadline.addEventListener('abort', kill, { once: true });
    const statuses = await Promise.all(running.map((one) => new Promise<number>((resolve) => {
      // A worker ended by this SIGTERM itself had not yet set its handler: it was starting, with
      // nothing in hand, so that end is clean too.
      const status = (code: number | null, signal: string | null) => code ?? (signal === 'SIGTERM' ? 0 : 1);
      if (one.isDead()) return resolve(status(one.process.exitCode, one.process.signalCode));
      one.once('exit', (code, signal) => resolve(status(code, signal)));
      one.process.kill('SIGTERM');
    })));
    await new Promise((resolve) => (metricsServer ? metricsServer.close(resolve) : resolve(undefined)));
    await devProvider?.close();
    if (statuses.some((status) => status !== 0)) process.exitCode = 1;
  }, settings.SHUTDOWN_TIMEOUT_MS + 2_000); // the workers cut their own connections at theirs

  const orm = await openOrm(databaseSettings(settings), ENTITIES);
  await migrateAndSay(orm);
  await orm.close();
  metricsServer = settings.METRICS_PORT ? await serveMetrics(metricsSettings(settings), { workers: true }) : null;
  cluster.on('exit', (one, code, signal) => {
    if (stopping) return;
    log.error({ worker: one.process.pid, code, signal }, 'a worker process ended; starting another');
    cluster.fork();
  });
  for (let i = 0; i < settings.WEB_CONCURRENCY; i++) cluster.fork();
  log.info({ workers: settings.WEB_CONCURRENCY, port: settings.PORT, metricsPort: settings.METRICS_PORT || null }, 'started the worker processes');
}

async function worker(settings: Settings, devProvider: { close(): Promise<void> } | null) {
  // What stopping must undo, as far as the start has got.
  let orm: Orm | null = null;
  let stopApp: (() => Promise<void>) | null = null;
  // A promise, so that a stop that comes while it starts still waits for it and stops it.
  let runner: Promise<JobRunner> | null = null;
  let metricsServer: Server | null = null;
  let handler: RequestListener = sendStarting;
  const server = createServer((req, res) => handler(req, res));
  answerClientErrors(server);

  // The start, as a promise: see the stop.
  let starting: Promise<void> = Promise.resolve();

  stopOnSignals(async (deadline) => {
    // The jobs in hand finish (or are given back) while the requests in flight are answered;
    // both before the database closes.
    await Promise.all([drain(server, deadline), runner?.then((started) => started.stop(), () => undefined)]);
    // A start that has opened the database may be using it: it is let reach its next step, where it
    // goes no further, before anything it opened is closed. (The ORM's pool closed under a connection
    // being opened never ends: pg-pool's end() waits for that connection, which kysely, finding its
    // pool gone, never gives back.) A start before that point is simply abandoned.
    if (orm) await Promise.race([starting.catch(() => undefined), new Promise((resolve) => deadline.addEventListener('abort', resolve, { once: true }))]);
    await stopApp?.();
    if (metricsServer) await new Promise((resolve) => metricsServer!.close(resolve));
    await devProvider?.close();
    await orm?.close();
  }, settings.SHUTDOWN_TIMEOUT_MS);

  await (starting = start());

  async function start() {
    // The settings were checked; what remains to check before the database opens is what they name.
    const registry = await registryFrom(settings);
    const signing = await signingFrom(settings);
    const auth = await authFrom(settings);
    const signIn = await signInFrom(settings);
    const protection = protectionFrom(settings);
    const database = databaseSettings(settings);
    await listenOn(server, settings.PORT);
    if (cluster.isWorker) shareMetricsWithPrimary();
    else if (settings.METRICS_PORT) metricsServer = await serveMetrics(metricsSettings(settings));
    if (isStopping()) return;

    // The API's statements are cut off at DB_STATEMENT_TIMEOUT_MS (so are migrations run here at the
    // start; a long one is for `npm run migrate`).
    // Only the server reads from replicas (DATABASE_REPLICA_URLS): its GraphQL queries.
    orm = await openOrm({ ...database, statementTimeoutMs: protection.database.statementTimeoutMs, replicas: replicaSettings(settings) }, ENTITIES);
    // From here on, each step checks that no stop has come: the stop waits for the step in hand and
    // closes what the start opened.
    if (isStopping()) return;
    if (cluster.isPrimary) await migrateAndSay(orm);
    const pool = await poolUseOf(orm);
    if (pool) measurePool(pool);

    const { app, territories, trusted, stop } = await createApp(orm, { registry, signing, auth, protection, signIn });
    stopApp = stop;
    if (isStopping()) return;
    // Demo data only ever goes into the embedded database, never into a real server.
    if (!database.url && (await orm.em.fork().count(Card)) === 0) {
      log.info({ cards: DEMO_CARDS }, 'empty embedded database: loading demo cards');
      await seedDemoData(orm, territories, { cards: DEMO_CARDS });
      if (isStopping()) return;
    }
    // Requests are served first: the job runner is background work and must not hold the port at
    // "starting" (with workers, the first one's announcement would then reach clients too early).
    handler = app;
    // Background jobs (docs/operations.md#jobs): in every worker process unless JOBS=off.
    if (settings.JOBS === 'in-process') await (runner = startJobRunner(orm, { territories, registry, settings }));
    if (isStopping()) return;

    // With workers, the first one speaks for all.
    if (!cluster.isPrimary && cluster.worker?.id !== 1) return;
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : settings.PORT;
    log.info({
      url: `http://localhost:${port}/graphql`,
      data: database.url ? 'PostgreSQL (DATABASE_URL)' : `embedded PostgreSQL in ${database.embeddedDir}`,
      workers: cluster.isPrimary ? 1 : settings.WEB_CONCURRENCY,
      metrics: settings.METRICS_PORT ? `http://${settings.METRICS_HOST}:${settings.METRICS_PORT}/metrics` : 'off',
      tokens: `${auth.keySource} (issuer ${auth.issuer}, audience ${auth.audience})`,
      browserSignIn: signIn ? signIn.source : 'off (no OIDC_ISSUER_URL; DEV_OIDC_PORT=0 or NODE_ENV=production)',
      cache: protection.redisUrl ? 'Redis (REDIS_URL)' : 'in each process',
      documents: trusted ? `trusted only: ${trusted.size} operations from ${protection.trustedDocuments!.join(', ')}` : 'any (no TRUSTED_DOCUMENTS manifest)',
      registry: registry ? registry.name : 'none (PERSON_REGISTRY_URL or PERSON_REGISTRY_FILE): identities stay PENDING',
      jobs: settings.JOBS === 'in-process' ? 'in this process' : 'off (JOBS=off: npm run worker runs them)',
      signing: signing ? `${signing.trust.source}${signing.external ? `; other algorithms: ${signing.external.name}` : ''}` : 'refused (no SIGNATURE_TRUST_DIR)',
    }, 'Employment card API: GraphQL (and GraphiQL in a browser)');
    if (auth.keySource.startsWith('development key')) {
      log.info(`get a token: npm run token -- --role CASEWORKER --center CC-KZ-75-002 (roles: ${ROLES.join(', ')}); `
        + 'then send Authorization: Bearer <token> (in GraphiQL: Shared headers)' + (signIn ? '; or sign in from the browser (GraphiQL: Sign in)' : ''));
    }
  }
}
