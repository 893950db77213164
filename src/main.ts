import cluster from 'node:cluster';
import { databaseSettings } from './db/config.ts';
import { migrate, openOrm } from './db/orm.ts';
import { seedDemoData } from './seed/seeder.ts';
import { Card } from './modules/card/card.entity.ts';
import { registryFromEnv } from './modules/verification/registry-from-env.ts';
import { createApp, listen } from './http/app.ts';
import { protectionFromEnv } from './http/protection.ts';
import { ENTITIES } from './modules/entities.ts';

// `npm start`: migrate, load demo cards into an empty embedded database, serve.
// With PostgreSQL and WEB_CONCURRENCY=N (N > 1), N worker processes serve on one port (node:cluster):
// executing GraphQL is CPU work, and one process uses one core. The primary migrates first, then
// forks the workers and restarts any that dies. The embedded database belongs to one process.
const DEMO_CARDS = 300;

const settings = databaseSettings();
const workers = settings.url ? Number(process.env.WEB_CONCURRENCY ?? 1) : 1;
if (!Number.isInteger(workers) || workers < 1) throw new Error(`WEB_CONCURRENCY must be a whole number of at least 1, not "${process.env.WEB_CONCURRENCY}"`);

/** Applies pending migrations and says which. */
async function migrateAndSay(orm: Awaited<ReturnType<typeof openOrm>>) {
  const applied = await migrate(orm);
  if (applied.length) console.log(`Applied migrations: ${applied.join(', ')}`);
}

if (workers > 1 && cluster.isPrimary) {
  const orm = await openOrm(settings, ENTITIES);
  await migrateAndSay(orm);
  await orm.close();
  let stopping = false;
  for (let i = 0; i < workers; i++) cluster.fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    console.error(`Worker ${worker.process.pid} ended (${signal ?? code}); starting another`);
    cluster.fork();
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      stopping = true;
      const running = Object.values(cluster.workers ?? {}).filter((worker) => worker !== undefined);
      let left = running.length;
      if (left === 0) process.exit(0);
      for (const worker of running) {
        worker.once('exit', () => --left === 0 && process.exit(0));
        worker.process.kill('SIGTERM');
      }
    });
  }
} else {
  await serve();
}

async function serve() {
  // Read before the database opens: a misconfigured registry stops the start with nothing to undo.
  const registry = await registryFromEnv();
  const protection = protectionFromEnv();
  // The API's statements are cut off at DB_STATEMENT_TIMEOUT_MS (so are migrations run here at the
  // start; a long one is for `npm run migrate`).
  const orm = await openOrm({ ...settings, statementTimeoutMs: protection.database.statementTimeoutMs }, ENTITIES);
  if (cluster.isPrimary) await migrateAndSay(orm);

  const { app, territories, auth, trusted, stop } = await createApp(orm, { registry, protection });
  // Demo data only ever goes into the embedded database, never into a real server.
  if (!settings.url && (await orm.em.fork().count(Card)) === 0) {
    console.log(`Empty embedded database: loading ${DEMO_CARDS} demo cards…`);
    await seedDemoData(orm, territories, { cards: DEMO_CARDS });
  }

  const port = Number(process.env.PORT ?? 4000);
  const server = await listen(app, port);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      server.close();
      void stop().then(() => orm.close()).then(() => process.exit(0));
    });
  }
  // With workers, the first one speaks for all.
  if (!cluster.isPrimary && cluster.worker?.id !== 1) return;
  const where = settings.url ? 'PostgreSQL (DATABASE_URL)' : `embedded PostgreSQL in ${settings.embeddedDir}`;
  console.log(`Employment card API on http://localhost:${port}/graphql (GraphiQL in a browser), data: ${where}`
    + (cluster.isPrimary ? '' : `, ${workers} worker processes`));
  console.log(`Tokens trusted from ${auth.keySource} (issuer ${auth.issuer}, audience ${auth.audience})`);
  if (auth.keySource.startsWith('development key')) {
    console.log('Get a token: npm run token -- --role CASEWORKER --center CC-KZ-75-002   (roles: CASEWORKER, HEAD, ANALYST, CITIZEN, INTEGRATION)');
    console.log('then send   Authorization: Bearer <token>   (in GraphiQL: the Headers tab)');
  }
  console.log(`Persisted queries and rate limits kept ${protection.redisUrl ? 'in Redis (REDIS_URL)' : 'in each process'}; `
    + (trusted ? `trusted documents only: ${trusted.size} operations from ${protection.trustedDocuments}` : 'any document accepted (no TRUSTED_DOCUMENTS manifest)'));
  console.log(registry
    ? `Identities are checked against the person registry ${registry.name}`
    : 'No person registry configured (PERSON_REGISTRY_URL or PERSON_REGISTRY_FILE): identities stay PENDING');
}
