import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getConstructionPlans } from 'pg-boss';
import { JOB_SCHEMA, JOB_SCHEMA_VERSION } from '../../src/jobs/runner.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

// pg-boss's tables are made by a committed migration, never by pg-boss at run time. These fail when
// the installed pg-boss expects another schema than the committed one: upgrading it then takes a
// new migration (from `getMigrationPlans('pgboss', <the old version>)`, committed the same way) and
// a new JOB_SCHEMA_VERSION.

const installed = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('pg-boss/package.json'), 'utf8')) as { version: string; pgboss: { schema: number } };
const committed = readFileSync(new URL(`../../src/db/migrations/data/pg-boss-schema-${JOB_SCHEMA_VERSION}.sql`, import.meta.url), 'utf8');

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());

describe("pg-boss's schema", () => {
  it('is the version the installed pg-boss expects', () => {
    expect({ version: installed.version, schema: installed.pgboss.schema }).toEqual({ version: '12.38.0', schema: JOB_SCHEMA_VERSION });
  });

  it('is created by the committed script, which is what the installed pg-boss prints', () => {
    expect(getConstructionPlans(JOB_SCHEMA)).toBe(committed);
  });

  it('is in the migrated database at that version', async () => {
    expect(await db.orm.em.getConnection().execute(`select version from ${JOB_SCHEMA}.version`)).toEqual([{ version: JOB_SCHEMA_VERSION }]);
  });
});
