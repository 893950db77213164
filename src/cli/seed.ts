import { parseArgs } from 'node:util';
import { databaseSettings } from '../db/config.ts';
import { migrate, openOrm } from '../db/orm.ts';
import { seedDemoData } from '../seed/seeder.ts';
import { Territories } from '../modules/dictionary/territories.ts';
import { ENTITIES } from '../modules/entities.ts';

// npm run seed -- --cards N [--seed S] [--today YYYY-MM-DD]
// Adds N deterministic demo cards to the configured database (DATABASE_URL or the embedded one).

const { values } = parseArgs({
  options: {
    cards: { type: 'string', default: '300' },
    seed: { type: 'string', default: '365' },
    today: { type: 'string' },
  },
});
const cards = Number(values.cards);
if (!Number.isInteger(cards) || cards < 0) throw new Error('--cards must be a whole number');

const orm = await openOrm(databaseSettings(), ENTITIES);
try {
  await migrate(orm);
  const territories = await Territories.load(orm.em.fork());
  const started = performance.now();
  const total = await seedDemoData(orm, territories, {
    cards,
    seed: Number(values.seed),
    today: values.today,
    onProgress: (done, all) => process.stdout.write(`\rSeeded ${done}/${all} cards`),
  });
  const seconds = (performance.now() - started) / 1000;
  console.log(`\nDone in ${seconds.toFixed(1)} s (${Math.round(cards / seconds)} cards/s); the database now holds ${total} cards.`);
} finally {
  await orm.close();
}
