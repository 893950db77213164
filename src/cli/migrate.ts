import { refuse, startCommand } from './command.ts';

// npm run migrate [-- create NAME | -- check]. The work's modules load only once the arguments and
// the settings are good (as in main.ts).

const { positionals: [command = 'up', name], settings } = startCommand({
  usage: 'npm run migrate [-- create NAME | -- check]',
  summary: 'With no argument: applies the pending migrations to the configured database (DATABASE_URL, or the embedded one).\n'
    + '`create NAME` writes a new migration from the entity changes, diffed against a throw-away embedded database with the committed migrations applied.\n'
    + '`check` exits 1 when the entities differ from what the migrations create.\n'
    + 'Exit status: 0 done (or no difference); 1 failure (or a difference); 64 bad arguments; 75 the embedded database is in use; 78 a bad setting.',
  options: {},
  positionals: { min: 0, max: 2 },
  settings: ['database', 'LOG_LEVEL'],
});
if (command !== 'up' && command !== 'create' && command !== 'check') refuse(`Unknown command "${command}": give none (apply), create NAME or check. See --help.`);
if (name !== undefined && command !== 'create') refuse(`"${command}" takes no name. See --help.`);

const [{ databaseSettings }, { migrate, openOrm }, { ENTITIES }] = await Promise.all([import('../db/config.ts'), import('../db/orm.ts'), import('../modules/entities.ts')]);
const say = (line: string) => process.stdout.write(`${line}\n`);

if (command === 'up') {
  const orm = await openOrm(databaseSettings(settings), ENTITIES);
  try {
    const applied = await migrate(orm);
    say(applied.length ? `Applied ${applied.join(', ')}` : 'Database schema is up to date.');
  } finally {
    await orm.close();
  }
} else {
  const orm = await openOrm({ embeddedDir: 'memory://' }, ENTITIES);
  try {
    await migrate(orm);
    if (command === 'create') {
      const result = await orm.migrator.create(undefined, false, false, name);
      say(result.fileName ? `Wrote ${result.fileName}` : 'No entity changes: no migration written.');
    } else {
      const differs = await orm.migrator.checkSchema();
      say(differs ? 'Entities differ from the migrations: run `npm run migrate -- create <name>`.' : 'Migrations match the entities.');
      process.exitCode = differs ? 1 : 0;
    }
  } finally {
    await orm.close();
  }
}
