import { AsyncLocalStorage } from 'node:async_hooks';

// The SQL statements one request (or one test operation) runs, recorded through MikroORM's
// `onQuery` hook: the query-count guarantees (N+1 checks, benchmarks) are measured, not assumed.
// The same hook enforces a request's deadline: past it, no further statement starts.

interface RequestLog {
  statements: string[];
  /** Epoch milliseconds after which statements are refused; null for none. */
  deadline: number | null;
  /** Whether a statement was refused for the deadline. */
  timedOut: boolean;
}

const storage = new AsyncLocalStorage<RequestLog>();

/** A statement refused because its request ran out of time. */
export class DeadlinePassed extends Error {
  /** Kept when the ORM wraps this error in its own (it copies the original's own properties). */
  readonly outOfTime = true;

  constructor() {
    super('The request ran out of time');
    this.name = 'DeadlinePassed';
  }
}

/** Whether an error is, or wraps, a statement refused for its request's deadline. */
export const isDeadlinePassed = (error: unknown) => (error as { outOfTime?: unknown } | null)?.outOfTime === true;

/** `onQuery` hook: records the statement in the current request's log, if any, unchanged. */
export function recordSql(sql: string): string {
  const log = storage.getStore();
  if (!log) return sql;
  if (log.deadline !== null && Date.now() > log.deadline) {
    log.timedOut = true;
    throw new DeadlinePassed();
  }
  log.statements.push(sql);
  return sql;
}

const newLog = (statements: string[]): RequestLog => ({ statements, deadline: null, timedOut: false });

/** Runs `fn` with a fresh statement log and returns its result with the statements it ran. */
export async function withSqlLog<T>(fn: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  const statements: string[] = [];
  const result = await storage.run(newLog(statements), fn);
  return { result, statements };
}

/** Starts a statement log for the rest of the current async flow (an HTTP request). */
export function startSqlLog(): string[] {
  const statements: string[] = [];
  storage.enterWith(newLog(statements));
  return statements;
}

/** The current request's log (deadline and all), if it has one. */
export function currentRequestLog(): RequestLog | undefined {
  return storage.getStore();
}

/** Runs `fn` outside any request's log: its statements are not counted, and no deadline refuses them. */
export function outsideRequestLog<T>(fn: () => Promise<T>): Promise<T> {
  return storage.exit(fn);
}
