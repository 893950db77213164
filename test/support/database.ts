import { randomBytes } from 'node:crypto';
import { MikroORM } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { migrate, openOrm, type Orm } from '../../src/db/orm.ts';
import { ENTITIES } from '../../src/modules/entities.ts';

// One clean database per test suite: a throw-away in-memory PGlite by default, or — when
// DATABASE_URL is set — a fresh database created on that PostgreSQL server and dropped afterwards.
// Migrations (not schema sync) build it, exactly as in production.

export interface TestDatabase {
  orm: Orm;
  /** `postgres` or `pglite`, for messages. */
  kind: string;
  close(): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const orm = await openOrm({ embeddedDir: 'memory://' }, ENTITIES);
    await migrate(orm);
    return { orm, kind: 'pglite', close: () => orm.close() };
  }
  const name = `card_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = await MikroORM.init({ driver: PostgreSqlDriver, clientUrl: serverUrl, entities: [], discovery: { warnWhenNoEntities: false } });
  await admin.em.getConnection().execute(`create database "${name}"`);
  const orm = await openOrm({ url: withDatabase(serverUrl, name), embeddedDir: '' }, ENTITIES);
  await migrate(orm);
  return {
    orm,
    kind: 'postgres',
    async close() {
      await orm.close();
      await admin.em.getConnection().execute(`drop database if exists "${name}" with (force)`);
      await admin.close();
    },
  };
}
