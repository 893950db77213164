import type { RequestHandler } from 'express';
import { unavailabilityReason } from '../db/availability.ts';
import type { Orm } from '../db/orm.ts';
import type { Redis } from '../db/redis.ts';

// GET /readyz: whether this process can serve requests now, for a load balancer or an
// orchestrator to route to it or not. 200 `{ status: 'ready', checks }` when every check passes,
// 503 `{ status: 'unavailable', checks }` naming the failing one otherwise. /healthz, the liveness
// probe, asks nothing of the database: a database outage must not get the process restarted.

/** The longest a check may take: a hung database makes the probe fail, not hang. */
export const READINESS_CHECK_TIMEOUT_MS = 2_000;

export interface Check {
  ok: boolean;
  /** A short category (`connection refused`, `timed out`), never SQL or an address. */
  reason?: string;
  /** Migrations not applied yet. */
  pending?: number;
}

export interface Readiness {
  status: 'ready' | 'unavailable';
  checks: { database: Check; migrations: Check; redis?: Check };
}

class TimedOut extends Error {}

async function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimedOut()), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const failed = (error: unknown): Check => ({ ok: false, reason: error instanceof TimedOut ? 'timed out' : unavailabilityReason(error) });

/** The checks of one process; probes that arrive while a check runs share its result. */
export function readinessCheck(orm: Orm, redis: Redis | null, timeoutMs = READINESS_CHECK_TIMEOUT_MS): () => Promise<Readiness> {
  // Applied migrations are never taken back, so once none is pending the question is settled.
  let migrated = false;
  let running: Promise<Readiness> | null = null;

  const database = async (): Promise<Check> => {
    try {
      await within(timeoutMs, orm.em.getConnection().execute('select 1'));
      return { ok: true };
    } catch (error) {
      return failed(error);
    }
  };
  const migrations = async (): Promise<Check> => {
    if (migrated) return { ok: true };
    try {
      const pending = (await within(timeoutMs, orm.migrator.getPending())).length;
      migrated = pending === 0;
      return migrated ? { ok: true } : { ok: false, pending };
    } catch (error) {
      return failed(error);
    }
  };
  const redisCheck = async (client: Redis): Promise<Check> => {
    try {
      await within(timeoutMs, client.ping());
      return { ok: true };
    } catch (error) {
      // The client fails commands at once while disconnected (redis.ts): the connection is down.
      return { ok: false, reason: error instanceof TimedOut ? 'timed out' : 'connection lost' };
    }
  };
  const check = async (): Promise<Readiness> => {
    const [db, migrationsCheck, redisChecked] = await Promise.all([database(), migrations(), redis ? redisCheck(redis) : undefined]);
    const checks: Readiness['checks'] = { database: db, migrations: migrationsCheck, ...(redisChecked ? { redis: redisChecked } : {}) };
    return { status: Object.values(checks).every((c) => c.ok) ? 'ready' : 'unavailable', checks };
  };
  return () => (running ??= check().finally(() => {
    running = null;
  }));
}

/** GET /readyz. */
export function readyz(check: () => Promise<Readiness>): RequestHandler {
  return async (_req, res) => {
    const readiness = await check();
    // A probe's answer is about this moment only.
    res.status(readiness.status === 'ready' ? 200 : 503).set('cache-control', 'no-store').json(readiness);
  };
}
