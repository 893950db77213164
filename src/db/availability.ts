import { ConnectionException } from '@mikro-orm/core';
import type { Pool, PoolClient } from 'pg';

// Whether a failure is the database being away (refusing connections, restarting, a connection
// cut) rather than a fault of the request: such a request may be retried as it is, so the API
// answers it 503 DATABASE_UNAVAILABLE with Retry-After instead of a bare internal error.

/** Seconds a client is told to wait before trying again while the database is away. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** Node's socket errors of a connection that could not be made or was cut. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** PostgreSQL's SQLSTATEs of a server shutting down or not yet accepting connections (class 08 is matched whole). */
const SERVER_CODES = new Set(['57P01', '57P02', '57P03', '53300']);
/** `pg`'s own messages for a connection lost without a SQLSTATE, and pg-pool's wait for one. */
const LOST = /^(Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect)/;

interface Failure {
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  errors?: unknown;
  connectionFailed?: unknown;
}

/** Whether `error`, or any error it wraps (`cause`, an AggregateError's `errors`), is the database being unreachable. */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (error == null || typeof error !== 'object' || depth > 5) return false;
  const failure = error as Failure;
  if (error instanceof ConnectionException || failure.connectionFailed === true) return true;
  const code = typeof failure.code === 'string' ? failure.code : '';
  if (SOCKET_CODES.has(code) || SERVER_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return true;
  if (typeof failure.message === 'string' && LOST.test(failure.message)) return true;
  const wrapped = [failure.cause, ...(Array.isArray(failure.errors) ? failure.errors : [])];
  return wrapped.some((inner) => isDatabaseUnavailable(inner, depth + 1));
}

/** A short category of why the database is unavailable, for the readiness probe: no SQL, no addresses. */
export function unavailabilityReason(error: unknown): string {
  const failure = error as Failure | null;
  const code = typeof failure?.code === 'string' ? failure.code : '';
  // Node reports a refusal by every address of a host as an AggregateError of refusals.
  const refusals = Array.isArray(failure?.errors) ? (failure.errors as Failure[]) : [];
  if (code === 'ECONNREFUSED' || refusals.some((e) => e?.code === 'ECONNREFUSED')) return 'connection refused';
  if (code === '55000' || code === '57P03') return 'not accepting connections';
  if (code === '57P01' || code === '57P02') return 'shutting down';
  if (code === '53300') return 'too many connections';
  if (code === '3D000') return 'no such database';
  if (code.startsWith('28')) return 'authentication failed';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host not found';
  if (isDatabaseUnavailable(error)) return 'connection lost';
  return 'error';
}


/**
 * Two guards on the `pg` pool that the ORM's dialect (Kysely) lacks:
 * - every failure to get a connection (refused, timed out, or turned away by the server: a database
 *   not accepting connections answers a SQLSTATE of no connection class) is marked, so that it is
 *   told apart from a failing statement even after the ORM wraps it (it copies the error's own
 *   properties);
 * - a connection that ends while checked out is given back to the pool, which discards it. Kysely
 *   releases a transaction's connection only after its ROLLBACK succeeds, which it cannot on a
 *   cut connection: each mutation cut halfway kept a pool slot for good, until the pool was empty.
 *   A later release of the same connection is then a no-op (pg-pool throws on a second one).
 */
export function guardConnections(pool: Pool): void {
  const connect = pool.connect.bind(pool) as () => Promise<PoolClient>;
  pool.connect = ((...args: unknown[]) => {
    // Kysely asks for a client as a promise; a callback caller (none in the API) is passed through.
    if (args.length) return (connect as (...a: unknown[]) => unknown)(...args);
    return connect().then(releasedWhenEnded, (error: unknown) => {
      if (error && typeof error === 'object') Object.assign(error, { connectionFailed: true });
      throw error;
    });
  }) as Pool['connect'];
}

function releasedWhenEnded(client: PoolClient): PoolClient {
  const release = client.release;
  let released = false;
  const onEnd = () => client.release(new Error('The connection ended while checked out'));
  client.release = ((error?: Error | boolean) => {
    if (released) return;
    released = true;
    client.off('end', onEnd);
    release(error);
  }) as PoolClient['release'];
  client.once('end', onEnd);
  return client;
}
