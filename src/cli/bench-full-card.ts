import { startCommand, wholeArgument } from './command.ts';

// npm run bench:full-card: times the full-card query (every section, every ActiveMeasure member)
// for a page of demo cards, in-process (no HTTP). Not a test: it prints figures. The work's modules
// load only once the arguments and the settings are good (as in main.ts).

const { values, settings } = startCommand({
  usage: 'npm run bench:full-card -- [--cards N] [--runs N]',
  summary: 'Times the full-card query for a page of demo cards, in-process, on a scratch database of 500 demo cards:\n'
    + 'embedded PGlite, or a new database on the PostgreSQL server of DATABASE_URL, dropped afterwards.\n'
    + 'Exit status: 0 done; 1 failure; 64 bad arguments; 78 a bad setting.',
  options: {
    cards: { type: 'string', default: '50', value: 'N', help: 'cards in the page asked for' },
    runs: { type: 'string', default: '30', value: 'N', help: 'timed runs, after 5 warm-up runs' },
  },
  settings: ['DATABASE_URL', 'LOG_LEVEL'],
});
const pageSize = wholeArgument('cards', values.cards, 1);
const runs = wholeArgument('runs', values.runs, 1);

const [{ scratchDatabase }, { FULL_CARD }, { withSqlLog }, { seedDemoData }, { createApolloServer }, { createContext }, { buildSchema }, { Territories }] = await Promise.all([
  import('../bench/database.ts'), import('../bench/queries.ts'), import('../db/sql-log.ts'), import('../seed/seeder.ts'), import('../graphql/apollo.ts'),
  import('../graphql/context.ts'), import('../graphql/schema.ts'), import('../modules/dictionary/territories.ts'),
]);
const say = (line: string) => process.stdout.write(`${line}\n`);

const db = await scratchDatabase(settings.DATABASE_URL);
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
  say(`full-card query, ${pageSize} cards, ${db.kind}, ${runs} runs after 5 warm-up runs`);
  say(`  SQL statements per query: ${statements}`);
  say(`  response size: ${(bytes / 1024).toFixed(0)} KiB`);
  say(`  time: median ${at(0.5)} ms, p95 ${at(0.95)} ms, min ${times[0]!.toFixed(1)} ms`);
  await apollo.stop();
} finally {
  await db.drop();
}
