// Background work (Appendix 2, items 4–6: data checked against the state registries and kept
// current automatically) runs as jobs on PostgreSQL (pg-boss): queued in the database, so they
// survive a restart, retried with backoff, and moved to a dead-letter queue when they keep failing.
// A module declares its jobs as `JobDefinition`s, made by a factory from what they need; the
// runner (src/jobs/runner.ts) is the only code that knows the queue library.

/** One kind of job: its queue, how it is handled, how it is retried and when it runs on its own. */
export interface JobDefinition<Data extends object = Record<string, unknown>> {
  /** The queue's name, unique among jobs (`module.verb`, e.g. `identity.recheck`). */
  name: string;
  /**
   * Handles one job. It must be idempotent: after a crash a job runs again, so doing it twice must
   * leave what doing it once leaves. Throwing fails this attempt; it is retried with backoff.
   */
  handle(data: Data, job: JobRun): Promise<void>;
  /** Attempts after the first, and the delay before the first retry (doubled each time with `backoff`). */
  retry?: { limit: number; delaySeconds: number; backoff: boolean };
  /** How long one attempt may run before it counts as lost (its process died) and is retried. */
  expireInSeconds?: number;
  /** A cron expression (in CARD_TIME_ZONE) on which the job is queued with `{}`; null: never on its own. */
  schedule?: string | null;
}

/** The attempt being handled. */
export interface JobRun {
  id: string;
  /** 0 for the first attempt. */
  retryCount: number;
  /** Aborted when the process is stopping: finish or give the job back soon. */
  signal: AbortSignal;
}

/** Queueing a job from code (a job that fans out, a command). */
export interface JobQueue {
  /**
   * Queues a job; with `singletonKey`, a job of that queue and key that is still waiting or running
   * is not queued twice (returns null then).
   */
  send<Data extends object>(name: string, data: Data, options?: { singletonKey?: string; startAfterSeconds?: number }): Promise<string | null>;
}
