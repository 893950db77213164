import { parseArgs } from 'node:util';
import { scratchDatabase } from '../bench/database.ts';
import { withSqlLog } from '../db/sql-log.ts';
import { seedDemoData } from '../seed/seeder.ts';
import type { StatisticsDimension } from '../generated/graphql.ts';
import { Territories } from '../modules/dictionary/territories.ts';
import { STATISTICS_LISTS, STATISTICS_TABLES } from '../modules/statistics/statistics.csv.ts';
import { checkRequest, Statistics } from '../modules/statistics/statistics.service.ts';

// npm run bench:statistics [-- --cards 100000 --runs 7]
// Times each statistics table, as an analyst asks for it (every card), on a scratch database of
// demo cards: embedded PGlite, or PostgreSQL when DATABASE_URL is set. Not a test: it prints figures.

const { values } = parseArgs({ options: { cards: { type: 'string', default: '100000' }, runs: { type: 'string', default: '7' } } });
const cards = Number(values.cards);
const runs = Number(values.runs);

const db = await scratchDatabase(process.env.DATABASE_URL);
try {
  const territories = await Territories.load(db.orm.em.fork());
  const seeded = performance.now();
  await seedDemoData(db.orm, territories, { cards, onProgress: (done) => done % 20_000 === 0 && console.log(`  seeded ${done}`) });
  await db.orm.em.getConnection().execute('analyze');
  console.log(`statistics on ${cards} demo cards, ${db.kind} (seeded in ${((performance.now() - seeded) / 1000).toFixed(0)} s), median of ${runs} runs after one warm-up`);
  const tables = STATISTICS_TABLES;
  const groupings: StatisticsDimension[][] = [[], ['REGION'], ['CAREER_CENTER'], ['SEX', 'AGE_GROUP'], ['EDUCATION_LEVEL'], ['REGION', 'DISTRICT', 'CAREER_CENTER', 'SEX', 'AGE_GROUP', 'EDUCATION_LEVEL']];
  const period = { from: '2024-01-01', to: '2026-11-29' };
  const name = (g: StatisticsDimension[]) => (g.length === 0 ? 'total' : g.length === 6 ? 'all six' : g.map((d) => d.slice(0, 3)).join('+'));
  console.log(`  ${'table'.padEnd(22)}${groupings.map((g) => name(g).padStart(14)).join('')}   (median ms; rows)`);
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
    console.log(`  ${table.padEnd(22)}${cells.join('')}`);
  }
} finally {
  await db.drop();
}
