import { PgliteDriver } from '@mikro-orm/pglite';
import type { AbstractSqlConnection } from '@mikro-orm/sql';
import type { Orm } from './orm.ts';
import { replicasOf } from './replicas.ts';
import { currentRequestLog } from './sql-log.ts';

// A request runs at most `perRequest` SQL statements at once, so it never holds more than that
// share of the database pool: the rest of the pool (and of the single embedded connection's
// queue) stays open to other callers. Without it, the aliases of one request started all their
// statements at once: 180 statistics statements held every connection for 6.5–9.6 s while
// another user's `cards(first: 1) { totalCount }` waited up to 6.6 s.
//
// The chokepoint is the connection's `execute`: every statement the ORM and the stores run passes
// through it, in the request's async context (the one sql-log.ts keeps). Statements inside a
// transaction are let through: they run on the connection the transaction already holds, and
// queueing them behind the same request's other statements could only deadlock.

/** The statements of one request that are running, and those waiting for their turn. */
interface Share {
  running: number;
  waiting: (() => void)[];
}

const shares = new WeakMap<object, Share>();

async function inTurn<T>(share: Share, limit: number, run: () => Promise<T>): Promise<T> {
  if (share.running < limit) share.running++;
  else await new Promise<void>((resolve) => share.waiting.push(resolve));
  try {
    return await run();
  } finally {
    // The turn passes to the request's next statement after a turn of the event loop, so that
    // other requests are read and queue their statements first. The embedded database computes on
    // this thread: handed on at once, one request's 12 statistics statements ran back to back and
    // a small query beside them waited 1.5 s (median) instead of a statement or two.
    const next = share.waiting.shift();
    if (next) setImmediate(next);
    else share.running--;
  }
}

/** The limit of each connection already shared, so that sharing it again only changes the limit. */
const limits = new WeakMap<AbstractSqlConnection, { perRequest: number }>();

/**
 * Limits each request (each statement log) of `orm` to `perRequest` statements at once. The
 * embedded database has a single connection and runs one statement at a time, so there a request
 * gets one place in its queue whatever is configured.
 */
export function shareConnections(orm: Orm, perRequest: number): void {
  const limit = orm.driver instanceof PgliteDriver ? 1 : perRequest;
  // A request reads from one server (replicas.ts): each pool, the replicas' too, is shared out alike.
  for (const connection of [orm.em.getConnection('write') as AbstractSqlConnection, ...(replicasOf(orm)?.connections ?? [])]) share(connection, limit);
}

function share(connection: AbstractSqlConnection, limit: number): void {
  const known = limits.get(connection);
  if (known) {
    known.perRequest = limit;
    return;
  }
  const setting = { perRequest: limit };
  limits.set(connection, setting);
  const execute = connection.execute.bind(connection);
  connection.execute = ((...args: Parameters<typeof execute>) => {
    const request = currentRequestLog();
    const inTransaction = args[3] !== undefined;
    if (!request || inTransaction) return execute(...args);
    let share = shares.get(request);
    if (!share) shares.set(request, (share = { running: 0, waiting: [] }));
    return inTurn(share, setting.perRequest, () => execute(...args));
  }) as typeof connection.execute;
}
