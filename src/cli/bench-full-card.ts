import { parseArgs } from 'node:util';
import { scratchDatabase } from '../bench/database.ts';
import { FULL_CARD } from '../bench/queries.ts';
import { withSqlLog } from '../db/sql-log.ts';
import { seedDemoData } from '../seed/seeder.ts';
import { createApolloServer } from '../graphql/apollo.ts';
import { createContext } from '../graphql/context.ts';
import { buildSchema } from '../graphql/schema.ts';
import { Territories } from '../modules/dictionary/territories.ts';

// npm run bench:full-card [-- --cards 50 --runs 30]
// Times the full-card query (every section, every ActiveMeasure member) for a page of demo cards,
// in-process (no HTTP), on a scratch database: embedded PGlite, or PostgreSQL when DATABASE_URL is set.

const { values } = parseArgs({ options: { cards: { type: 'string', default: '50' }, runs: { type: 'string', default: '30' } } });
const pageSize = Number(values.cards);
const runs = Number(values.runs);

const db = await scratchDatabase(process.env.DATABASE_URL);
try {
  const territories = await Territories.load(db.orm.em.fork());
  await seedDemoData(db.orm, territories, { cards: 500 });
  const apollo = createApolloServer(buildSchema());
  await apollo.start();
  const query = `query($first: Int!) { cards(first: $first) { edges { node { ...FullCard } } } } ${FULL_CARD}`;
  const once = () => withSqlLog(async () => {
    const response = await apollo.executeOperation({ query, variables: { first: pageSize } }, { contextValue: createContext(db.orm, territories) });
    if (response.body.kind !== 'single' || response.body.singleResult.errors) throw new Error(JSON.stringify(response.body));
    return JSON.stringify(response.body.singleResult.data).length;
  });
  for (let i = 0; i < 5; i++) await once();
  const times: number[] = [];
  let statements = 0;
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const { result, statements: sql } = await once();
    times.push(performance.now() - started);
    statements = sql.length;
    bytes = result;
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(1);
  console.log(`full-card query, ${pageSize} cards, ${db.kind}, ${runs} runs after 5 warm-up runs`);
  console.log(`  SQL statements per query: ${statements}`);
  console.log(`  response size: ${(bytes / 1024).toFixed(0)} KiB`);
  console.log(`  time: median ${at(0.5)} ms, p95 ${at(0.95)} ms, min ${times[0]!.toFixed(1)} ms`);
  await apollo.stop();
} finally {
  await db.drop();
}
