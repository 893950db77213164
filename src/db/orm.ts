import { mkdirSync } from 'node:fs';
import { MikroORM, type EntityClass } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sql';
import { ormOptions, type DatabaseSettings } from './config.ts';
import { lockEmbeddedDatabase } from './embedded-lock.ts';
import { installReplicas } from './replicas.ts';

export type Orm = MikroORM & { em: SqlEntityManager };

/** Connects to the database described by `settings`, mapping `entities`; does not touch its schema. */
export async function openOrm(settings: DatabaseSettings, entities: readonly EntityClass<unknown>[]): Promise<Orm> {
  // PGlite creates its data directory but not the parents (e.g. `.data/` on a fresh clone).
  if (settings.url) {
    const orm = (await MikroORM.init(ormOptions(settings, entities))) as Orm;
    if (settings.replicas?.urls.length) installReplicas(orm, settings.replicas);
    return orm;
  }
  if (settings.embeddedDir.startsWith('memory:')) return (await MikroORM.init(ormOptions(settings, entities))) as Orm;
  mkdirSync(settings.embeddedDir, { recursive: true });
  const release = await lockEmbeddedDatabase(settings.embeddedDir);
  try {
    const orm = (await MikroORM.init(ormOptions(settings, entities))) as Orm;
    const close = orm.close.bind(orm);
    let released: Promise<void> | null = null;
    orm.close = async (force?: boolean) => {
      await close(force);
      released ??= release();
      await released;
    };
    return orm;
  } catch (error) {
    await release();
    throw error;
  }
}

/** Applies the committed migrations that have not run yet; returns their names. */
export async function migrate(orm: Orm): Promise<string[]> {
  const applied = await orm.migrator.up();
  return applied.map((migration) => migration.name);
}
