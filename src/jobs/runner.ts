import { randomUUID } from 'node:crypto';
import type { PGlite } from '@electric-sql/pglite';
import type { PgliteConnection } from '@mikro-orm/pglite';
import { PgBoss, type Db, type JobWithMetadata } from 'pg-boss';
import type { Orm } from '../db/orm.ts';
import { log, scrubbed } from '../runtime/log.ts';
import { jobDuration, jobRuns, measureJobs, type JobCount } from '../runtime/metrics.ts';
import type { JobDefinition, JobQueue } from './job.ts';

// The job runner: the modules' jobs (src/jobs/jobs.ts) on pg-boss, in the database the API uses, so
// that a job survives a restart. The only code that knows pg-boss.
//
// - Each definition is a queue with its retries (exponential backoff), expiry (an attempt whose
//   process died is retried once it has run `expireInSeconds`) and a dead-letter queue
//   `<name>.dead`, where a job goes after its last retry; nothing works the dead-letter queues:
//   `npm run jobs` lists them and sends one back.
// - pg-boss's tables come from a committed migration (schema `pgboss`, version JOB_SCHEMA_VERSION);
//   pg-boss itself never creates or migrates them, and refuses to start on another version.
// - PostgreSQL: pg-boss's own pool of a few connections. Its statements are short, and apart from
//   the API's pool they stay out of the per-request connection share (db/fair-share.ts) and the
//   API's statement timeout; a long job holds only its own ORM connections.
// - Embedded (PGlite): one session, which the ORM owns. Every ORM statement and transaction takes
//   PGlite's exclusive lock (kysely's PGlite driver opens its transactions with
//   `pglite.transaction`, and `pglite.query` waits for them), so pg-boss's statements go to the same
//   instance through `query`/`transaction` too and wait their turn; they never land inside an ORM
//   transaction. (Sending them through kysely's connection would: while a transaction is open on
//   its one connection, kysely runs every statement in it.) A pg-boss script that fails halfway is
//   rolled back inside the same lock, so the ORM's next BEGIN never finds an aborted transaction.

/** pg-boss's schema and the version the committed migration creates. */
export const JOB_SCHEMA = 'pgboss';
export const JOB_SCHEMA_VERSION = 46;

/** The dead-letter queue of a job's queue. */
export const deadLetterQueue = (name: string) => `${name}.dead`;

/** How many jobs of a queue are in which state; `dead` counts its dead-letter queue. */
export interface QueueCounts {
  name: string;
  queued: number;
  active: number;
  /** Waiting for a later start (a retry's backoff, `startAfterSeconds`). */
  deferred: number;
  dead: number;
  schedule: string | null;
}

/** A job in a dead-letter queue: what failed, with the last error. */
export interface DeadLetter {
  id: string;
  queue: string;
  data: unknown;
  attempts: number;
  failedOn: Date;
  error: string;
}

export interface RunnerOptions {
  /** PostgreSQL; unset: the ORM's embedded database. */
  databaseUrl?: string;
  /** The zone of the definitions' cron expressions (CARD_TIME_ZONE). */
  timeZone: string;
  /**
   * Handles jobs, registers the schedules and watches for lost attempts. Off: only queues and
   * reads (`npm run jobs`).
   */
  work: boolean;
  /** How often lost (expired) attempts are looked for and old jobs removed. */
  superviseSeconds?: number;
  /** How often an idle queue is asked for work. */
  pollingSeconds?: number;
  /** Stop's limit for the jobs in hand to finish, after which they are given back. */
  stopTimeoutMs?: number;
}

export class JobRunner implements JobQueue {
  private readonly stopping = new AbortController();
  private stopped: Promise<void> | null = null;

  private definitions: readonly JobDefinition<any>[] = [];

  private readonly boss: PgBoss;
  private readonly options: RunnerOptions;

  private constructor(boss: PgBoss, options: RunnerOptions) {
    this.boss = boss;
    this.options = options;
  }

  /**
   * Starts pg-boss on `orm`'s database and, with `work`, the workers and schedules of the jobs
   * `define` makes (given this runner, to queue jobs with).
   */
  static async start(orm: Orm, define: (queue: JobQueue) => readonly JobDefinition<any>[], options: RunnerOptions): Promise<JobRunner> {
    const embedded = !options.databaseUrl;
    const boss = new PgBoss({
      ...(embedded
        ? { db: pgliteDatabase(await (orm.driver.getConnection() as unknown as PgliteConnection).getNativeClient()), backend: 'pglite' as const, reindex: false }
        : { connectionString: options.databaseUrl, max: 3, application_name: 'card-api-jobs' }),
      schema: JOB_SCHEMA,
      migrate: false,
      createSchema: false,
      supervise: options.work,
      schedule: options.work,
      registerInstance: options.work,
      // Lost attempts are found by the monitor pass, which runs at the longer of the two.
      superviseIntervalSeconds: options.superviseSeconds ?? 60,
      monitorIntervalSeconds: options.superviseSeconds ?? 60,
      persistWarnings: false,
    });
    boss.on('error', (error) => log.error({ err: error }, `job queue: ${scrubbed(String(error?.message ?? error))}`));
    boss.on('warning', (warning) => log.warn({ warning: (warning.data as { type?: string } | undefined)?.type }, `job queue: ${scrubbed(warning.message)}`));
    try {
      await boss.start();
    } catch (error) {
      if (/requires migrations|not installed/.test(String((error as Error).message))) {
        throw new Error(`the job queue's tables (schema ${JOB_SCHEMA}) are not at version ${JOB_SCHEMA_VERSION}: run the migrations (npm run migrate)`, { cause: error });
      }
      throw error;
    }
    const runner = new JobRunner(boss, options);
    try {
      const definitions = define(runner);
      const names = new Set<string>();
      for (const definition of definitions) {
        if (names.has(definition.name)) throw new Error(`two jobs are named ${definition.name}`);
        names.add(definition.name);
      }
      runner.definitions = definitions;
      for (const definition of definitions) await runner.declare(definition);
      if (options.work) for (const definition of definitions) await runner.workOn(definition);
    } catch (error) {
      await boss.stop({ graceful: false }).catch(() => undefined);
      throw error;
    }
    measureJobs(() => runner.counts());
    return runner;
  }

  /** The queue, its dead-letter queue, its retries and, when this runner works, its schedule. */
  private async declare(definition: JobDefinition<any>) {
    const dead = deadLetterQueue(definition.name);
    await this.boss.createQueue(dead, { retentionSeconds: 30 * 24 * 3600 });
    const queue = {
      retryLimit: definition.retry?.limit ?? 0,
      retryDelay: definition.retry?.delaySeconds ?? 0,
      retryBackoff: definition.retry?.backoff ?? false,
      expireInSeconds: definition.expireInSeconds ?? 15 * 60,
      deadLetter: dead,
    };
    // `exclusive`: one job per singleton key waiting or running (send() gives a job without a key
    // one of its own).
    await this.boss.createQueue(definition.name, { ...queue, policy: 'exclusive' });
    // A queue made by an earlier version keeps its options until they are updated.
    const { deadLetter: _, ...options } = queue;
    await this.boss.updateQueue(definition.name, options);
    if (!this.options.work) return;
    // Every process registers the same schedule (one row per queue); pg-boss's cron pass sends each
    // occurrence once, whichever process gets there first. A run still waiting or running is not
    // queued again (the singleton key).
    if (definition.schedule) {
      await this.boss.schedule(definition.name, definition.schedule, {}, { tz: this.options.timeZone, singletonKey: 'schedule' });
      log.info({ queue: definition.name, cron: definition.schedule, timeZone: this.options.timeZone }, `job scheduled: ${definition.name}`);
    } else {
      await this.boss.unschedule(definition.name);
    }
  }

  private async workOn(definition: JobDefinition<any>) {
    await this.boss.work(definition.name, { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: this.options.pollingSeconds ?? 2 },
      async ([job]: JobWithMetadata<object>[]) => this.handle(definition, job!));
  }

  private async handle(definition: JobDefinition<any>, job: JobWithMetadata<object>) {
    const queue = definition.name;
    const started = performance.now();
    const attempt = { job: job.id, queue, retryCount: job.retryCount };
    log.info(attempt, `job started: ${queue}`);
    try {
      await definition.handle(job.data, { id: job.id, retryCount: job.retryCount, signal: AbortSignal.any([job.signal, this.stopping.signal]) });
      jobRuns.inc({ queue, outcome: 'completed' });
      jobDuration.observe({ queue, outcome: 'completed' }, (performance.now() - started) / 1000);
      log.info({ ...attempt, durationMs: Math.round(performance.now() - started) }, `job completed: ${queue}`);
    } catch (error) {
      const last = job.retryCount >= job.retryLimit;
      const outcome = last ? 'dead' : 'failed';
      jobRuns.inc({ queue, outcome });
      jobDuration.observe({ queue, outcome }, (performance.now() - started) / 1000);
      if (last) log.error({ ...attempt, err: error, deadLetter: deadLetterQueue(queue) }, `job dead-lettered after ${job.retryCount + 1} attempts: ${queue}`);
      else log.warn({ ...attempt, err: error }, `job failed, to be retried: ${queue}`);
      throw error;
    }
  }

  async send<Data extends object>(name: string, data: Data, options: { singletonKey?: string; startAfterSeconds?: number } = {}): Promise<string | null> {
    if (!this.definitions.some((definition) => definition.name === name)) throw new Error(`no job is named ${name}`);
    return this.boss.send(name, data, {
      singletonKey: options.singletonKey ?? randomUUID(),
      ...(options.startAfterSeconds ? { startAfter: options.startAfterSeconds } : {}),
    });
  }

  /**
   * Every job's queue with its counts and schedule: the jobs of this version, and any other queue
   * the database holds (a job since removed from the code, whose dead letters remain).
   */
  async queues(): Promise<QueueCounts[]> {
    const names = await this.queueNames();
    // Counted now: pg-boss's own queue counts are refreshed only by its monitor pass.
    const { rows } = await this.boss.getDb().executeSql(
      `select name, case when name like '%.dead' then 'dead' when state = 'active' then 'active'
         when start_after > now() then 'deferred' else 'queued' end as state, count(*)::int as count
       from ${JOB_SCHEMA}.job where name = any($1::text[]) and state in ('created', 'retry', 'active') group by 1, 2`,
      [[...names, ...names.map(deadLetterQueue)]],
    );
    const schedules = new Map((await this.boss.getSchedules()).map((schedule) => [schedule.name, schedule.cron]));
    return names.map((name) => {
      const count = (state: string) => Number(rows.find((row) => row.name === (state === 'dead' ? deadLetterQueue(name) : name) && row.state === state)?.count ?? 0);
      return { name, queued: count('queued'), active: count('active'), deferred: count('deferred'), dead: count('dead'), schedule: schedules.get(name) ?? null };
    });
  }

  private async counts(): Promise<JobCount[]> {
    return (await this.queues()).flatMap((queue) => (['queued', 'active', 'deferred', 'dead'] as const).map((state) => ({ queue: queue.name, state, count: queue[state] })));
  }

  private async queueNames(): Promise<string[]> {
    const stored = (await this.boss.getQueues()).filter((queue) => queue.deadLetter === deadLetterQueue(queue.name)).map((queue) => queue.name);
    return [...new Set([...this.definitions.map((definition) => definition.name), ...stored])];
  }

  /** The jobs in the dead-letter queues (of one job, or all), oldest first. */
  async deadLetters(name?: string, limit = 100): Promise<DeadLetter[]> {
    const names = name ? [name] : await this.queueNames();
    const letters: DeadLetter[] = [];
    for (const queue of names) {
      const jobs = await this.boss.findJobs<object>(deadLetterQueue(queue), { queued: true, limit });
      for (const job of jobs) {
        letters.push({
          id: job.id, queue, data: job.data, attempts: (job.sourceRetryCount ?? 0) + 1, failedOn: new Date(job.createdOn),
          error: errorText((job as { sourceOutput?: unknown }).sourceOutput),
        });
      }
    }
    return letters.sort((a, b) => a.failedOn.getTime() - b.failedOn.getTime()).slice(0, limit);
  }

  /** Sends a dead letter back to its job's queue, for a fresh set of attempts; false if there is none with that id. */
  async retryDeadLetter(id: string): Promise<boolean> {
    for (const name of await this.queueNames()) {
      const [job] = await this.boss.findJobs(deadLetterQueue(name), { id, queued: true });
      if (job) return (await this.boss.redrive(deadLetterQueue(name), { ids: [id] })) > 0;
    }
    return false;
  }

  /**
   * Takes no more jobs; the ones in hand see their signal aborted and get `stopTimeoutMs` to finish,
   * after which pg-boss gives them back (failed, so retried).
   */
  stop(): Promise<void> {
    this.stopping.abort();
    measureJobs(null);
    this.stopped ??= this.boss.stop({ graceful: true, timeout: this.options.stopTimeoutMs ?? 20_000 });
    return this.stopped;
  }
}

/** The error a failed job left, as a line (pg-boss stores the thrown error's fields). */
function errorText(output: unknown): string {
  if (!output) return '';
  const message = typeof output === 'object' && 'message' in output ? String((output as { message: unknown }).message) : JSON.stringify(output);
  return scrubbed(message);
}

/** PGlite's own parsing of times (the ORM's session keeps them as text; pg-boss reads Dates, as from `pg`). */
const TIMES = Object.fromEntries([1082, 1114, 1184].map((oid) => [oid, (text: string) => new Date(text)]));

/**
 * pg-boss's database on the ORM's PGlite session: each statement waits for PGlite's lock, which
 * the ORM's statements and transactions take too (see the header). A statement without parameters
 * may be a script (pg-boss's locked blocks: BEGIN … COMMIT); it runs through `exec` inside
 * `transaction`, whose ROLLBACK on failure happens before the lock is let go (its own BEGIN and
 * COMMIT around the script's are only warnings).
 */
export function pgliteDatabase(pglite: PGlite): Db {
  return {
    async executeSql(text: string, values?: unknown[]) {
      if (values?.length) return pglite.query(text, values as any[], { parsers: TIMES });
      const results = await pglite.transaction((tx) => tx.exec(text, { parsers: TIMES }));
      return { rows: results.flatMap((result) => result.rows ?? []) };
    },
  };
}
