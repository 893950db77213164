import type DataLoader from 'dataloader';
import type { SqlEntityManager } from '@mikro-orm/sql';

/** Makes a DataLoader over one request's EntityManager. */
export type LoaderFactory<K, V, C = K> = (em: SqlEntityManager) => DataLoader<K, V, C>;

/**
 * The DataLoaders of one request, each made the first time a resolver asks for it. Modules keep
 * their loader factories beside their SQL and ask for them here, so no list of every loader exists
 * and no cache outlives the request or crosses users.
 */
export class RequestLoaders {
  readonly #em: SqlEntityManager;
  #made = new Map<LoaderFactory<unknown, unknown, unknown>, DataLoader<unknown, unknown, unknown>>();

  constructor(em: SqlEntityManager) {
    this.#em = em;
  }

  get<K, V, C = K>(factory: LoaderFactory<K, V, C>): DataLoader<K, V, C> {
    let loader = this.#made.get(factory as LoaderFactory<unknown, unknown, unknown>);
    if (!loader) this.#made.set(factory as LoaderFactory<unknown, unknown, unknown>, (loader = factory(this.#em) as DataLoader<unknown, unknown, unknown>));
    return loader as DataLoader<K, V, C>;
  }

  /** Forgets everything loaded so far (after a change). */
  clear(): void {
    this.#made = new Map();
  }
}
