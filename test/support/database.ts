import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { MikroORM } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { migrate, openOrm, type Orm } from '../../src/db/orm.ts';
import { ENTITIES } from '../../src/modules/entities.ts';
import { TEMPLATE_ENV, withDatabase } from './template.ts';

// One clean database per test suite: a throw-away in-memory PGlite by default, or — when
// DATABASE_URL is set — a fresh database created on that PostgreSQL server and dropped afterwards.
// Each is a copy of a template that the committed migrations built (not schema sync), as in
// production, once per test run (global-setup.ts): a new cluster migrated for every suite took
// seconds of each suite's start.

export interface TestDatabase {
  orm: Orm;
  /** `postgres` or `pglite`, for messages. */
  kind: string;
  /** The PostgreSQL database's URL, for a process of its own to use (null for the in-memory PGlite). */
  url: string | null;
  close(): Promise<void>;
}

export interface TestDatabaseOptions {
  /** Run every migration on an empty database instead of copying the template: for the tests of the migrations. */
  fromScratch?: boolean;
}

export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const embeddedFrom = options.fromScratch ? undefined : new Blob([await readFile(template())]);
    const orm = await openOrm({ embeddedDir: 'memory://', embeddedFrom }, ENTITIES);
    if (options.fromScratch) await migrate(orm);
    return { orm, kind: 'pglite', url: null, close: () => orm.close() };
  }
  const name = `card_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = await MikroORM.init({ driver: PostgreSqlDriver, clientUrl: serverUrl, entities: [], discovery: { warnWhenNoEntities: false } });
  await admin.em.getConnection().execute(`create database "${name}"${options.fromScratch ? '' : ` template "${template()}"`}`);
  const url = withDatabase(serverUrl, name);
  const orm = await openOrm({ url, embeddedDir: '' }, ENTITIES);
  if (options.fromScratch) await migrate(orm);
  return {
    orm,
    kind: 'postgres',
    url,
    async close() {
      await orm.close();
      await admin.em.getConnection().execute(`drop database if exists "${name}" with (force)`);
      await admin.close();
    },
  };
}

/** The template database's name or the PGlite dump's path, from the global setup. */
function template(): string {
  const value = process.env[TEMPLATE_ENV];
  if (!value) throw new Error(`${TEMPLATE_ENV} is not set: run the tests through jest.config.js, whose globalSetup builds the template`);
  return value;
}
