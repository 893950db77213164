import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

// PostGraphile v5 as the benchmark's peer: its own process, set up as it would run in production
// (NODE_ENV=production, no GraphiQL, no explain, no watch, one process), serving the schema it
// generates from the tables through grafserv on node:http. The packages live in a scratch folder
// that postgraphile.ts installs (they are not dependencies of the API), so they are loaded from
// there by path.
//   PEER_MODULES=<scratch folder> DATABASE_URL=… PORT=… POOL_SIZE=10 node src/bench/peers/postgraphile-server.ts
// Ready line: "postgraphile listening on <port>".

const { PEER_MODULES, DATABASE_URL, PORT, POOL_SIZE } = process.env;
if (!PEER_MODULES || !DATABASE_URL || !PORT) throw new Error('PEER_MODULES, DATABASE_URL and PORT are required');

const require = createRequire(join(PEER_MODULES, 'package.json'));
const load = async (name: string) => (await import(pathToFileURL(require.resolve(name)).href)) as Record<string, any>;

const [{ postgraphile }, { grafserv }, { PostGraphileAmberPreset }, { makePgService }, { PgSimplifyInflectionPreset }, { PostGraphileConnectionFilterPreset }] = await Promise.all([
  load('postgraphile'),
  load('postgraphile/grafserv/node'),
  load('postgraphile/presets/amber'),
  load('postgraphile/adaptors/pg'),
  load('@graphile/simplify-inflection'),
  load('postgraphile-plugin-connection-filter'),
]);

const preset = {
  // Amber: the schema from the tables (no JWT, no lazy-JWT). Simplified inflection (`visits`, not
  // `visitsByCardId`) and the connection filter (`filter: {plannedOn: {greaterThanOrEqualTo: …}}`,
  // `isNull: false`), which the mix's conditions need beyond `condition`'s equality.
  extends: [PostGraphileAmberPreset, PgSimplifyInflectionPreset, PostGraphileConnectionFilterPreset],
  // Conditions and orders on every column, as v4 gave by default: v5 offers them on indexed columns
  // only, and the mix orders sections by dates and leaves out voided rows (`voidedAt: null`). The
  // API reads the same columns with the same indexes, so neither side gets an index the other lacks.
  disablePlugins: ['PgIndexBehaviorsPlugin'],
  pgServices: [makePgService({ connectionString: DATABASE_URL, schemas: ['public'], poolConfig: { max: Number(POOL_SIZE ?? 10) } })],
  grafserv: { graphqlPath: '/graphql', graphiql: false, graphiqlOnGraphQLGET: false, watch: false, websockets: false },
  grafast: { explain: false },
};

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = createServer();
server.on('error', (error) => {
  console.error(error);
  process.exit(1);
});
await serv.addTo(server);
// The schema is built before the ready line, so the first request is not the one that builds it.
await pgl.getSchema();
server.listen(Number(PORT), '127.0.0.1', () => console.log(`postgraphile listening on ${PORT}`));
// Keep-alive connections would hold close() open: the bench is done with them.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(0));
