import { AsyncLocalStorage } from 'node:async_hooks';

// The SQL statements one request (or one test operation) runs, recorded through MikroORM's
// `onQuery` hook: the query-count guarantees (N+1 checks, benchmarks) are measured, not assumed.

const storage = new AsyncLocalStorage<string[]>();

/** `onQuery` hook: records the statement in the current request's log, if any, unchanged. */
export function recordSql(sql: string): string {
  storage.getStore()?.push(sql);
  return sql;
}

/** Runs `fn` with a fresh statement log and returns its result with the statements it ran. */
export async function withSqlLog<T>(fn: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  const statements: string[] = [];
  const result = await storage.run(statements, fn);
  return { result, statements };
}

/** Starts a statement log for the rest of the current async flow (an HTTP request). */
export function startSqlLog(): string[] {
  const statements: string[] = [];
  storage.enterWith(statements);
  return statements;
}
