import type { SqlEntityManager } from '@mikro-orm/sql';
import type { Orm } from '../db/orm.ts';
import type { Territories } from '../modules/dictionary/territories.ts';
import { createLoaders, type Loaders } from './loaders.ts';

/** What one GraphQL request works with; built anew for every request, never shared. */
export interface Context {
  /** A fork of the EntityManager: its identity map lives and dies with the request. */
  em: SqlEntityManager;
  /** The request's DataLoaders (their caches too live only as long as the request). */
  loaders: Loaders;
  /** Read-only reference data shared by all requests. */
  territories: Territories;
}

export function createContext(orm: Orm, territories: Territories): Context {
  const em = orm.em.fork();
  return { em, loaders: createLoaders(em), territories };
}
