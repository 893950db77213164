import { databaseSettings } from '../db/config.ts';
import { migrate, openOrm } from '../db/orm.ts';
import { ENTITIES } from '../modules/entities.ts';

// npm run migrate                 apply pending migrations to the configured database
// npm run migrate -- create name  write a new migration for the entity changes (diffed against a
//                                 throw-away embedded database with the committed migrations applied)
// npm run migrate -- check        fail when the entities differ from what the migrations create

const [command = 'up', name] = process.argv.slice(2);

async function main(): Promise<number> {
  if (command === 'up') {
    const settings = databaseSettings();
    const orm = await openOrm(settings, ENTITIES);
    try {
      const applied = await migrate(orm);
      console.log(applied.length ? `Applied ${applied.join(', ')}` : 'Database schema is up to date.');
    } finally {
      await orm.close();
    }
    return 0;
  }
  const orm = await openOrm({ embeddedDir: 'memory://' }, ENTITIES);
  try {
    await migrate(orm);
    if (command === 'create') {
      const result = await orm.migrator.create(undefined, false, false, name);
      console.log(result.fileName ? `Wrote ${result.fileName}` : 'No entity changes: no migration written.');
      return 0;
    }
    if (command === 'check') {
      const differs = await orm.migrator.checkSchema();
      console.log(differs ? 'Entities differ from the migrations: run `npm run migrate -- create <name>`.' : 'Migrations match the entities.');
      return differs ? 1 : 0;
    }
  } finally {
    await orm.close();
  }
  console.error(`Unknown command "${command}": use up, create <name> or check.`);
  return 2;
}

process.exitCode = await main();
