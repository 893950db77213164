import { currentRequestLog, outsideRequestLog } from './sql-log.ts';

// Group commit: rows that concurrent requests must each have durable before they answer (the
// read audit) are written by one statement and one commit for all the requests waiting at that
// moment, instead of one each. The first request finds nothing in flight and writes at once, so
// an idle server answers as before; under load, the rows that arrive while a write is in flight
// go together in the next one. Each caller's promise settles only when the write that holds its
// row has committed (or failed: then every caller of that write gets the error), so nothing
// waits less than its own row's commit.

interface Pending<T> {
  item: T;
  /** The statement log of the request the item came from: the shared statement is noted in it. */
  log: ReturnType<typeof currentRequestLog>;
  resolve(): void;
  reject(error: unknown): void;
}

export class GroupCommit<T> {
  readonly #write: (items: readonly T[]) => Promise<string>;
  readonly #maxBatch: number;
  #queue: Pending<T>[] = [];
  #writing = false;

  /**
   * @param write writes the items in one statement (autocommitted) and returns its SQL text, which
   *   each request's statement log then counts: every request took part in it.
   * @param maxBatch the most items one statement carries.
   */
  constructor(write: (items: readonly T[]) => Promise<string>, maxBatch = 500) {
    this.#write = write;
    this.#maxBatch = maxBatch;
  }

  /** Resolves once `item` is committed. */
  add(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#queue.push({ item, log: currentRequestLog(), resolve, reject });
      if (!this.#writing) void this.#flush();
    });
  }

  async #flush(): Promise<void> {
    this.#writing = true;
    try {
      while (this.#queue.length) {
        const batch = this.#queue.splice(0, this.#maxBatch);
        try {
          // Outside every request: the write is no single request's, so no request's deadline or
          // share of the pool applies to it (a request out of time must not fail the others' rows).
          const sql = await outsideRequestLog(() => this.#write(batch.map((pending) => pending.item)));
          for (const pending of batch) {
            pending.log?.statements.push(sql);
            pending.resolve();
          }
        } catch (error) {
          for (const pending of batch) pending.reject(error);
        }
      }
    } finally {
      this.#writing = false;
    }
  }
}
