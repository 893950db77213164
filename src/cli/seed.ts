import { refuse, startCommand, wholeArgument } from './command.ts';

// npm run seed: deterministic demo cards added to the configured database. The work's modules load
// only once the arguments and the settings are good (as in main.ts).

const { values, settings } = startCommand({
  usage: 'npm run seed -- [--cards N] [--seed S] [--today YYYY-MM-DD]',
  summary: 'Adds N deterministic demo cards to the configured database (DATABASE_URL, or the embedded one), after any already there.\n'
    + 'Exit status: 0 done; 1 failure; 64 bad arguments; 75 the embedded database is in use by another process; 78 a bad setting.',
  options: {
    cards: { type: 'string', default: '300', value: 'N', help: 'demo cards to add' },
    seed: { type: 'string', default: '365', value: 'S', help: 'the random seed: the same seed and today give the same cards' },
    today: { type: 'string', value: 'YYYY-MM-DD', help: 'the day the cards are made as of (default 2026-11-29)' },
  },
  settings: ['database', 'card', 'LOG_LEVEL'],
});
const cards = wholeArgument('cards', values.cards, 0);
const seed = wholeArgument('seed', values.seed, 0);
if (values.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.today)) refuse(`--today must be a date (YYYY-MM-DD), not "${values.today}". See --help.`);

const [{ databaseSettings }, { migrate, openOrm }, { seedDemoData }, { Territories }, { ENTITIES }] = await Promise.all([
  import('../db/config.ts'), import('../db/orm.ts'), import('../seed/seeder.ts'), import('../modules/dictionary/territories.ts'), import('../modules/entities.ts'),
]);

const orm = await openOrm(databaseSettings(settings), ENTITIES);
try {
  await migrate(orm);
  const territories = await Territories.load(orm.em.fork());
  const started = performance.now();
  const total = await seedDemoData(orm, territories, {
    cards,
    seed,
    today: values.today,
    onProgress: (done, all) => process.stdout.write(`\rSeeded ${done}/${all} cards`),
  });
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(`\nDone in ${seconds.toFixed(1)} s (${Math.round(cards / seconds)} cards/s); the database now holds ${total} cards.\n`);
} finally {
  await orm.close();
}
