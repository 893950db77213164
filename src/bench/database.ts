import { randomBytes } from 'node:crypto';
import { MikroORM } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { migrate, openOrm, type Orm } from '../db/orm.ts';
import { ENTITIES } from '../modules/entities.ts';

/**
 * A throw-away database for a benchmark: in-memory PGlite, or with DATABASE_URL a new database on
 * that server, dropped afterwards — a benchmark never writes into a database someone uses.
 */
export async function scratchDatabase(serverUrl: string | undefined): Promise<{ orm: Orm; kind: string; url: string | null; drop(): Promise<void> }> {
  if (!serverUrl) {
    const orm = await openOrm({ embeddedDir: 'memory://' }, ENTITIES);
    await migrate(orm);
    return { orm, kind: 'embedded PGlite', url: null, drop: () => orm.close() };
  }
  const name = `card_bench_${randomBytes(4).toString('hex')}`;
  const admin = await MikroORM.init({ driver: PostgreSqlDriver, clientUrl: serverUrl, entities: [], discovery: { warnWhenNoEntities: false } });
  await admin.em.getConnection().execute(`create database "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const orm = await openOrm({ url: url.toString(), embeddedDir: '' }, ENTITIES);
  await migrate(orm);
  return {
    orm,
    kind: `PostgreSQL ${new URL(serverUrl).host}`,
    url: url.toString(),
    async drop() {
      await orm.close();
      await admin.em.getConnection().execute(`drop database if exists "${name}" with (force)`);
      await admin.close();
    },
  };
}

/** A database a kept benchmark run left, used as it is: nothing is seeded, and closing it drops nothing. */
export async function existingDatabase(url: string): Promise<{ orm: Orm; kind: string; url: string; drop(): Promise<void> }> {
  const orm = await openOrm({ url, embeddedDir: '' }, ENTITIES);
  return { orm, kind: `PostgreSQL ${new URL(url).host}${new URL(url).pathname} (kept)`, url, drop: () => orm.close() };
}
