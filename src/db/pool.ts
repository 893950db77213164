import type { Orm } from './orm.ts';

interface PgPool {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/** How the PostgreSQL pool is used now (for the metrics); null for the embedded database, which has no pool. */
export async function poolUseOf(orm: Orm): Promise<(() => { total: number; idle: number; waiting: number }) | null> {
  const connection = orm.driver.getConnection() as unknown as { getNativeClient?: () => Promise<unknown> };
  const pool = (await connection.getNativeClient?.()) as PgPool | undefined;
  if (!pool || typeof pool.totalCount !== 'number') return null;
  return () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount });
}
