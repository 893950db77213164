import { startCommand, wholeArgument } from './command.ts';

// npm run bench:statistics: times each statistics table, as an analyst asks for it (every card).
// Not a test: it prints figures. The work's modules load only once the arguments and the settings
// are good (as in main.ts).

const { values, settings } = startCommand({
  usage: 'npm run bench:statistics -- [--cards N] [--runs N] [--database URL]',
  summary: 'Times every statistics list by six groupings on a scratch database of demo cards:\n'
    + 'embedded PGlite, or a new database on the PostgreSQL server of DATABASE_URL, dropped afterwards;\n'
    + 'or on the cards of a database `npm run bench -- --keep-database` left (--database).\n'
    + 'Exit status: 0 done; 1 failure; 64 bad arguments; 78 a bad setting.',
  options: {
    cards: { type: 'string', default: '100000', value: 'N', help: 'demo cards in the scratch database' },
    runs: { type: 'string', default: '7', value: 'N', help: 'timed runs of each list (the median is shown), after one warm-up' },
    database: { type: 'string', value: 'URL', help: 'time on such a database as it is (no seeding, nothing dropped; --cards is ignored)' },
  },
  settings: ['DATABASE_URL', 'LOG_LEVEL'],
});
const cards = wholeArgument('cards', values.cards, 1);
const runs = wholeArgument('runs', values.runs, 1);

const [{ scratchDatabase, existingDatabase }, { withSqlLog }, { seedDemoData }, { Territories }, { STATISTICS_LISTS, STATISTICS_TABLES }, { checkRequest, Statistics }] = await Promise.all([
  import('../bench/database.ts'), import('../db/sql-log.ts'), import('../seed/seeder.ts'), import('../modules/dictionary/territories.ts'),
  import('../modules/statistics/statistics.csv.ts'), import('../modules/statistics/statistics.service.ts'),
]);
type StatisticsDimension = import('../generated/graphql.ts').StatisticsDimension;
const say = (line: string) => process.stdout.write(`${line}\n`);

const db = values.database ? await existingDatabase(values.database) : await scratchDatabase(settings.DATABASE_URL);
try {
  const territories = await Territories.load(db.orm.em.fork());
  if (values.database) {
    const [{ count }] = await db.orm.em.getConnection().execute<[{ count: string }]>('select count(*) from card');
    say(`statistics on the ${count} cards of ${db.kind}, median of ${runs} runs after one warm-up`);
  } else {
    const seeded = performance.now();
    await seedDemoData(db.orm, territories, { cards, onProgress: (done) => done % 20_000 === 0 && say(`  seeded ${done}`) });
    await db.orm.em.getConnection().execute('analyze');
    say(`statistics on ${cards} demo cards, ${db.kind} (seeded in ${((performance.now() - seeded) / 1000).toFixed(0)} s), median of ${runs} runs after one warm-up`);
  }
  const tables = STATISTICS_TABLES;
  const groupings: StatisticsDimension[][] = [[], ['REGION'], ['CAREER_CENTER'], ['SEX', 'AGE_GROUP'], ['EDUCATION_LEVEL'], ['REGION', 'DISTRICT', 'CAREER_CENTER', 'SEX', 'AGE_GROUP', 'EDUCATION_LEVEL']];
  const period = { from: '2024-01-01', to: '2026-11-29' };
  const name = (g: StatisticsDimension[]) => (g.length === 0 ? 'total' : g.length === 6 ? 'all six' : g.map((d) => d.slice(0, 3)).join('+'));
  say(`  ${'table'.padEnd(22)}${groupings.map((g) => name(g).padStart(14)).join('')}   (median ms; rows)`);
  for (const table of tables) {
    const cells: string[] = [];
    for (const groupBy of groupings) {
      const statistics = new Statistics(db.orm.em.fork(), territories, checkRequest(territories, period, groupBy, null));
      const once = (): Promise<unknown[]> => STATISTICS_LISTS[table](statistics);
      await once();
      const times: number[] = [];
      let rows = 0;
      for (let i = 0; i < runs; i++) {
        const started = performance.now();
        const { result, statements } = await withSqlLog(once);
        times.push(performance.now() - started);
        if (statements.length > 2) throw new Error(`${table} ran ${statements.length} statements`);
        rows = result.length;
      }
      times.sort((a, b) => a - b);
      cells.push(`${times[Math.floor(runs / 2)]!.toFixed(0)}; ${rows}`.padStart(14));
    }
    say(`  ${table.padEnd(22)}${cells.join('')}`);
  }
} finally {
  await db.drop();
}
