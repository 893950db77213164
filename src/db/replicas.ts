import { AsyncLocalStorage } from 'node:async_hooks';
import type { Connection } from '@mikro-orm/core';
import type { AbstractSqlConnection } from '@mikro-orm/sql';
import { isDatabaseUnavailable } from './availability.ts';
import { outsideRequestLog } from './sql-log.ts';
import type { Orm } from './orm.ts';
import { log } from '../runtime/log.ts';
import { replicaFallbacks, replicaLag, replicaReads, replicaUp } from '../runtime/metrics.ts';

// Reads on PostgreSQL streaming replicas (DATABASE_REPLICA_URLS; docs/operations.md#read-replicas).
// MikroORM's `replicas` opens a pool per replica, and its statements ask for a connection by type:
// 'write' (flushes, transactions, raw `execute` by default) or 'read' (`find`, `count`, and the
// stores' reads, which say so). Its own choice for 'read' is a random replica, for anybody at any
// time; here a read goes to a replica only inside a request that was given one (`routeReads`,
// chosen per GraphQL query operation), and to the primary everywhere else: mutations and every
// read in them, the read audit, jobs, migrations and commands. A request keeps the replica it was
// given for all its statements, so one answer is read from one server.
//
// Which replica a request may have is decided from what this process knows, without asking the
// database on the way: every `checkMs` it reads each replica's replayed WAL position
// (`pg_last_wal_replay_lsn()`) and the primary's (`pg_current_wal_lsn()`). A replica is in
// rotation while it answers and is at most `maxLagSeconds` behind: it has replayed everything the
// primary had written that long ago. Read-your-writes (read-your-writes.ts) adds, per caller who
// changed something recently, the primary's position after the change: that caller's reads go to
// a replica only once it has replayed past it, and to the primary until then.

export interface ReplicaSettings {
  /** `postgres://…` URLs of streaming replicas of DATABASE_URL's server, same database name. */
  urls: string[];
  /** A replica further behind than this (seconds) takes no reads until it has caught up. */
  maxLagSeconds: number;
  /** How often each process reads the replicas' positions and the primary's (milliseconds). */
  checkMs: number;
}

/** A WAL position (`16/B374D848`) as a number that compares. */
export function lsnOf(text: string): bigint {
  const [high, low] = text.split('/');
  return (BigInt(`0x${high}`) << 32n) + BigInt(`0x${low}`);
}

interface Replica {
  /** For logs and metrics: host:port of the URL (no user, no password). */
  name: string;
  connection: AbstractSqlConnection;
  /** The connection's own `execute`, without the fallback to the primary: for the checks. */
  check: AbstractSqlConnection['execute'];
  /** The position it had replayed at the last check; null until one succeeded. */
  replayed: bigint | null;
  /** When it last answered a check (epoch ms). */
  checkedAt: number;
  up: boolean;
}

/** Where the current request's reads go: a replica, or null for the primary. */
interface Route {
  replica: Replica | null;
}

const routes = new AsyncLocalStorage<Route>();

/** `promise`, or a rejection after `ms`. */
function within<T>(ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * A read a replica could not serve that the primary can: the replica away (availability.ts), or a
 * statement it cancelled for a conflict with the WAL it replays (SQLSTATE 40001).
 */
const REPLICA_ONLY = new Set(['40001']);
const isReplicaFailure = (error: unknown) => isDatabaseUnavailable(error) || REPLICA_ONLY.has(String((error as { code?: unknown } | null)?.code));

export class ReadReplicas {
  readonly #primary: AbstractSqlConnection;
  readonly #replicas: Replica[];
  readonly #settings: ReplicaSettings;
  /** The primary's positions at the last checks, oldest first, kept for `maxLagSeconds` and a little more. */
  #samples: { at: number; lsn: bigint }[] = [];
  #timer: NodeJS.Timeout | null = null;
  #checking: Promise<void> | null = null;
  #stopped = false;

  constructor(orm: Orm, settings: ReplicaSettings) {
    const driver = orm.driver as unknown as { getConnection(type?: string): Connection; replicas: AbstractSqlConnection[] };
    this.#primary = driver.getConnection('write') as AbstractSqlConnection;
    this.#settings = settings;
    this.#replicas = driver.replicas.map((connection, i) => {
      const url = new URL(settings.urls[i]!);
      return { name: `${url.hostname}:${url.port || 5432}`, connection, check: connection.execute.bind(connection), replayed: null, checkedAt: 0, up: false };
    });
    // A read goes to the replica of its request, if it has one; anything else to the primary
    // (MikroORM's default would send reads anywhere to a random replica, and `getConnection()`
    // without a type too).
    driver.getConnection = (type?: string) => (type === 'read' ? routes.getStore()?.replica?.connection : undefined) ?? this.#primary;
    const primaryExecute = this.#primary.execute.bind(this.#primary);
    for (const replica of this.#replicas) this.#fallBackToPrimary(replica, primaryExecute);
  }

  /**
   * How long a caller's mark (read-your-writes) must be kept: past it, every replica in rotation
   * has replayed it (it is at most `maxLagSeconds` behind a position read at most one check
   * after the mark; a check's result counts for three intervals and a second).
   */
  get markLifeMs(): number {
    return this.#settings.maxLagSeconds * 1000 + 5 * this.#settings.checkMs + 1000;
  }

  /** The replicas, for fair-share.ts (each pool is shared out per request, as the primary's). */
  get connections(): AbstractSqlConnection[] {
    return this.#replicas.map((replica) => replica.connection);
  }

  /** Checks now and then every `checkMs` until `stop()`. */
  async start(): Promise<void> {
    await this.check();
    this.#schedule();
  }

  #schedule() {
    if (this.#stopped || this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.check().finally(() => this.#schedule());
    }, this.#settings.checkMs);
    this.#timer.unref();
  }

  stop(): void {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }

  /** Reads the primary's position and each replica's; one check at a time. */
  check(): Promise<void> {
    this.#checking ??= this.#check().finally(() => {
      this.#checking = null;
    });
    return this.#checking;
  }

  async #check(): Promise<void> {
    // Outside any request's route: these statements go where they are sent.
    await routes.exit(async () => {
      const replicas = this.#replicas.map(async (replica) => {
        try {
          // A replica that does not answer (packets dropped) must not hold up the checks of the others.
          const [row] = await within(3 * this.#settings.checkMs + 1000, replica.check<{ standby: boolean; lsn: string | null }[]>('select pg_is_in_recovery() as standby, pg_last_wal_replay_lsn()::text as lsn'));
          // A server that is no (longer a) replica has no replay position: it takes no reads.
          if (!row?.standby || !row.lsn) throw Object.assign(new Error('not a streaming replica (pg_is_in_recovery() is false)'), { notReplica: true });
          replica.replayed = lsnOf(row.lsn);
          replica.checkedAt = Date.now();
          this.#markUp(replica);
        } catch (error) {
          this.#markDown(replica, error);
        }
      });
      const primary = (async () => {
        try {
          const [row] = await within(3 * this.#settings.checkMs + 1000, this.#primary.execute<{ lsn: string }[]>('select pg_current_wal_lsn()::text as lsn'));
          const at = Date.now();
          this.#samples.push({ at, lsn: lsnOf(row!.lsn) });
          const keep = at - this.#settings.maxLagSeconds * 1000 - 3 * this.#settings.checkMs;
          while (this.#samples.length > 1 && this.#samples[1]!.at < keep) this.#samples.shift();
        } catch {
          // The primary away: its own callers see that; the replicas' lag is unknown meanwhile and
          // grows with the time since the last position read.
        }
      })();
      await Promise.all([...replicas, primary]);
    });
    const now = Date.now();
    for (const replica of this.#replicas) replicaLag.set({ replica: replica.name }, Number.isFinite(this.lagMs(replica, now)) ? this.lagMs(replica, now) / 1000 : -1);
  }

  /**
   * How far behind the replica is, in milliseconds: the age of the oldest position of the primary
   * it had not replayed at its last check (0 when it had them all). Infinite when unknown.
   */
  lagMs(replica: Replica, now = Date.now()): number {
    if (!replica.up || replica.replayed === null) return Infinity;
    // A check that has not come back for a while tells nothing of now.
    if (now - replica.checkedAt > 3 * this.#settings.checkMs + 1000) return Infinity;
    const behind = this.#samples.find((sample) => sample.lsn > replica.replayed!);
    return behind ? now - behind.at : 0;
  }

  /**
   * A replica for a request to read from: one in rotation that has replayed `atLeast` (the
   * caller's last change, for read-your-writes), at random; null for the primary.
   */
  pick(atLeast: bigint | null): Replica | null {
    const now = Date.now();
    const fit = this.#replicas.filter((replica) => this.lagMs(replica, now) <= this.#settings.maxLagSeconds * 1000 && (atLeast === null || replica.replayed! >= atLeast));
    return fit.length ? fit[Math.floor(Math.random() * fit.length)]! : null;
  }

  /**
   * Sends the reads of the rest of the current request (its async flow) to a replica, unless
   * `atLeast` (the caller's last change) is further than every replica in rotation has replayed.
   */
  routeReads(atLeast: bigint | null): void {
    const replica = this.pick(atLeast);
    replicaReads.inc({ to: replica ? 'replica' : atLeast !== null && this.pick(null) ? 'primary (own recent change)' : 'primary (no replica in rotation)' });
    const route = routes.getStore();
    if (route) route.replica = replica;
    else routes.enterWith({ replica });
  }

  /** Leaves the current request's reads on the primary: who wrote what recently is not known just now. */
  keepOnPrimary(): void {
    replicaReads.inc({ to: 'primary (marks unknown)' });
  }

  /**
   * The primary's WAL position now: after a change has committed, a position its readers need.
   * Read even past the request's deadline: a mutation that ran out of time may still have committed.
   */
  async primaryPosition(): Promise<bigint> {
    const [row] = await outsideRequestLog(() => this.#primary.execute<{ lsn: string }[]>('select pg_current_wal_lsn()::text as lsn'));
    return lsnOf(row!.lsn);
  }

  /**
   * A read the replica fails for being away (or for a conflict with the WAL it replays) is run
   * again on the primary, and the rest of its request reads there too: a replica going down costs
   * its requests in flight a retry, not an error. The replica leaves the rotation until a check
   * finds it answering again.
   */
  #fallBackToPrimary(replica: Replica, primaryExecute: AbstractSqlConnection['execute']) {
    const execute = replica.connection.execute.bind(replica.connection);
    replica.connection.execute = (async (...args: Parameters<typeof execute>) => {
      try {
        return await execute(...args);
      } catch (error) {
        if (!isReplicaFailure(error)) throw error;
        replicaFallbacks.inc({ replica: replica.name });
        const route = routes.getStore();
        if (route?.replica === replica) route.replica = null;
        if (isDatabaseUnavailable(error)) this.#markDown(replica, error);
        else log.warn({ replica: replica.name, err: error }, 'a read failed on a replica; it is read again on the primary');
        return primaryExecute(...args);
      }
    }) as typeof execute;
  }

  #markUp(replica: Replica) {
    if (!replica.up) log.info({ replica: replica.name }, 'replica answering: it takes reads while not too far behind');
    replica.up = true;
    replicaUp.set({ replica: replica.name }, 1);
  }

  #markDown(replica: Replica, error: unknown) {
    if (replica.up || replica.checkedAt === 0) {
      log.warn({ replica: replica.name, err: error }, 'replica unavailable: its reads go to the primary until it answers again');
    }
    replica.up = false;
    replica.checkedAt = Math.max(replica.checkedAt, 1);
    replicaUp.set({ replica: replica.name }, 0);
  }
}

const installed = new WeakMap<Orm, ReadReplicas>();

/** Takes over the routing of `orm`'s reads (openOrm does, when replicas are configured). */
export function installReplicas(orm: Orm, settings: ReplicaSettings): ReadReplicas {
  const replicas = new ReadReplicas(orm, settings);
  installed.set(orm, replicas);
  return replicas;
}

/** The replicas of `orm`, if it has any. */
export const replicasOf = (orm: Orm): ReadReplicas | null => installed.get(orm) ?? null;

/** Starts the current request's route (reads on the primary until `routeReads` says otherwise). */
export function startRoute(): void {
  routes.enterWith({ replica: null });
}

/** Runs `fn` as a request of its own, reading from the primary until `routeReads` says otherwise (for tests and tools). */
export function withRoute<T>(fn: () => Promise<T>): Promise<T> {
  return routes.run({ replica: null }, fn);
}

/** Whether the current request reads from a replica, and which (for tests and logs). */
export const currentReplica = (): string | null => routes.getStore()?.replica?.name ?? null;
