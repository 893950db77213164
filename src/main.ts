import { databaseSettings } from './db/config.ts';
import { migrate, openOrm } from './db/orm.ts';
import { seedDemoData } from './db/seed/seeder.ts';
import { Card } from './modules/card/card.entity.ts';
import { registryFromEnv } from './modules/verification/registry-from-env.ts';
import { createApp, listen } from './server.ts';

// `npm start`: migrate, load demo cards into an empty embedded database, serve.
const DEMO_CARDS = 300;

const settings = databaseSettings();
// Read before the database opens: a misconfigured registry stops the start with nothing to undo.
const registry = await registryFromEnv();
const orm = await openOrm(settings);
const applied = await migrate(orm);
if (applied.length) console.log(`Applied migrations: ${applied.join(', ')}`);

const { app, territories, auth, protection, trusted, stop } = await createApp(orm, { registry });
// Demo data only ever goes into the embedded database, never into a real server.
if (!settings.url && (await orm.em.fork().count(Card)) === 0) {
  console.log(`Empty embedded database: loading ${DEMO_CARDS} demo cards…`);
  await seedDemoData(orm, territories, { cards: DEMO_CARDS });
}

const port = Number(process.env.PORT ?? 4000);
const server = await listen(app, port);
const where = settings.url ? 'PostgreSQL (DATABASE_URL)' : `embedded PostgreSQL in ${settings.embeddedDir}`;
console.log(`Employment card API on http://localhost:${port}/graphql (GraphiQL in a browser), data: ${where}`);
console.log(`Tokens trusted from ${auth.keySource} (issuer ${auth.issuer}, audience ${auth.audience})`);
if (auth.keySource.startsWith('development key')) {
  console.log('Get a token: npm run token -- --role CASEWORKER --center CC-KZ-75-002   (roles: CASEWORKER, HEAD, ANALYST, CITIZEN, INTEGRATION)');
  console.log('then send   Authorization: Bearer <token>   (in GraphiQL: the Headers tab)');
}
console.log(`Persisted queries and rate limits kept ${protection.redisUrl ? 'in Redis (REDIS_URL)' : 'in this process'}; `
  + (trusted ? `trusted documents only: ${trusted.size} operations from ${protection.trustedDocuments}` : 'any document accepted (no TRUSTED_DOCUMENTS manifest)'));
console.log(registry
  ? `Identities are checked against the person registry ${registry.name}`
  : 'No person registry configured (PERSON_REGISTRY_URL or PERSON_REGISTRY_FILE): identities stay PENDING');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close();
    void stop().then(() => orm.close()).then(() => process.exit(0));
  });
}
