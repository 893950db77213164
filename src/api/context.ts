import type { SqlEntityManager } from '@mikro-orm/sql';
import type { RequestLoaders } from './loaders.ts';

/** The time source: injectable so tests can fix "today". */
export interface Clock {
  now(): Date;
  /** Today's date where the card is kept (Kazakhstan), `YYYY-MM-DD`. */
  today(): string;
}

/**
 * What one GraphQL request works with: built anew for every request, never shared. The toolkit
 * knows the request's database session, loaders and clock; each module declares what it adds to
 * every request on this interface (src/modules/context.ts), so the toolkit depends on no module.
 */
export interface Context {
  /** A fork of the EntityManager: its identity map lives and dies with the request. */
  em: SqlEntityManager;
  /** The request's DataLoaders (their caches too live only as long as the request). */
  loaders: RequestLoaders;
  clock: Clock;
  /** Forgets what the request has read so far (after a mutation changed it). */
  refresh(): void;
}
