import { readFileSync } from 'node:fs';
import { Migration } from '@mikro-orm/migrations';
import { sqlStatements } from '../sql-script.ts';

// The job queue's tables (src/jobs/runner.ts): pg-boss's schema `pgboss`, version 46, as pg-boss
// 12.38.0 prints it (`getConstructionPlans('pgboss')`), committed in data/ so that this migration
// never changes under an upgrade. pg-boss starts without creating or migrating anything and
// refuses a schema of another version; test/jobs/schema.test.ts fails when the installed pg-boss
// expects another one: the upgrade is then a new migration from `getMigrationPlans('pgboss', 46)`.
// The script's own BEGIN, COMMIT and SET LOCALs are left out: the migration runs in the migrator's
// transaction (a SET LOCAL would hold for every later migration of the run).

const SCRIPT = new URL('./data/pg-boss-schema-46.sql', import.meta.url);
const OWN_TRANSACTION = /^(BEGIN|COMMIT|SET LOCAL\b)/i;

export class Migration20261203203000_job_queue extends Migration {
  override name = 'Migration20261203203000_job_queue';

  override up(): void {
    for (const statement of sqlStatements(readFileSync(SCRIPT, 'utf8'))) {
      if (!OWN_TRANSACTION.test(statement)) this.addSql(statement);
    }
  }

  override down(): void {
    this.addSql('drop schema if exists "pgboss" cascade');
  }
}
