import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

// The process's Prometheus metrics, declared here once; the layers that do the work count it.
// Served on a port of their own (http/metrics-server.ts), never on the API's.

export const metrics = new Registry();
collectDefaultMetrics({ register: metrics });

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export const requestDuration = new Histogram({
  name: 'api_request_duration_seconds',
  help: 'HTTP requests by route, GraphQL operation (its name, or "anonymous") and outcome (ok, or the error code)',
  labelNames: ['route', 'operation', 'outcome'] as const,
  buckets: SECONDS,
  registers: [metrics],
});

export const requestStatements = new Histogram({
  name: 'api_request_sql_statements',
  help: 'SQL statements one request ran, by GraphQL operation',
  labelNames: ['operation'] as const,
  buckets: [0, 1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 64],
  registers: [metrics],
});

export const refusals = new Counter({
  name: 'api_refusals_total',
  help: 'Requests refused by a protection: rate limits, query limits, timeouts (by error code)',
  labelNames: ['code'] as const,
  registers: [metrics],
});

export const auditWriteDuration = new Histogram({
  name: 'api_read_audit_write_seconds',
  help: 'Writing the read-audit record of a request (its answer waits for it)',
  labelNames: ['outcome'] as const,
  buckets: SECONDS,
  registers: [metrics],
});

export const replicaReads = new Counter({
  name: 'api_replica_reads_total',
  help: 'GraphQL queries by where their reads went, with read replicas (replica; primary (own recent change): read-your-writes; primary (no replica in rotation); primary (marks unknown): the marks shared through Redis cannot be trusted just now)',
  labelNames: ['to'] as const,
  registers: [metrics],
});

export const replicaFallbacks = new Counter({
  name: 'api_replica_fallbacks_total',
  help: 'Reads a replica failed (away, or a conflict with the WAL it replays) that were run again on the primary, by replica',
  labelNames: ['replica'] as const,
  registers: [metrics],
});

export const replicaUp = new Gauge({
  name: 'api_replica_up',
  help: 'Whether a read replica answered its last check (1) or not (0)',
  labelNames: ['replica'] as const,
  registers: [metrics],
});

export const replicaLag = new Gauge({
  name: 'api_replica_lag_seconds',
  help: 'How far a read replica was behind the primary at its last check (-1: unknown, e.g. away)',
  labelNames: ['replica'] as const,
  registers: [metrics],
});

/** The pool's counts now, when the process has a PostgreSQL pool (the embedded database has none). */
export type PoolUse = () => { total: number; idle: number; waiting: number };
let poolUse: PoolUse | null = null;

/** Has `/metrics` report the pool `use` describes. */
export function measurePool(use: PoolUse): void {
  poolUse = use;
}

export const databasePool = new Gauge({
  name: 'api_database_pool_connections',
  help: 'PostgreSQL pool connections by state (total, idle, waiting = statements waiting for one)',
  labelNames: ['state'] as const,
  registers: [metrics],
  collect() {
    if (!poolUse) return;
    const use = poolUse();
    for (const state of ['total', 'idle', 'waiting'] as const) this.set({ state }, use[state]);
  },
});

export const importedRecords = new Counter({
  name: 'api_import_records_total',
  help: 'Card records imported, by outcome (created, updated, unchanged, rejected …)',
  labelNames: ['outcome'] as const,
  registers: [metrics],
});

export const labourContractChecks = new Counter({
  name: 'api_labour_contract_outcomes_total',
  help: 'What the labour-contract register gave the outcomes check, by result (recorded: an outcome recorded, conflict: a conflict listed, unknown: a person the register does not know, unusable: an answer logged and skipped)',
  labelNames: ['result'] as const,
  registers: [metrics],
});

export const syncedCards = new Counter({
  name: 'api_sync_cards_total',
  help: 'Cards re-checked against the person registry (rule 4), by result (verified, changed: verified with the identity taken from the registry, pending, failed)',
  labelNames: ['result'] as const,
  registers: [metrics],
});

/**
 * Operation names come from clients: past this many distinct ones, the rest are counted as "other",
 * so that a client cannot grow the metrics without bound.
 */
const MAX_OPERATION_NAMES = 200;
const operationNames = new Set<string>();

/** The label an operation name is counted under. */
export function operationLabel(name: string | null | undefined): string {
  if (!name) return 'anonymous';
  if (operationNames.has(name)) return name;
  if (operationNames.size >= MAX_OPERATION_NAMES || !/^[A-Za-z_]\w{0,63}$/.test(name)) return 'other';
  operationNames.add(name);
  return name;
}

export const jobRuns = new Counter({
  name: 'api_jobs_total',
  help: 'Job attempts handled by this process, by queue and outcome (completed; failed: to be retried; dead: moved to the dead-letter queue)',
  labelNames: ['queue', 'outcome'] as const,
  registers: [metrics],
});

export const jobDuration = new Histogram({
  name: 'api_job_duration_seconds',
  help: 'How long a job attempt ran, by queue and outcome',
  labelNames: ['queue', 'outcome'] as const,
  buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600],
  registers: [metrics],
});

/** A queue's jobs in one state, read from the database when `/metrics` is scraped. */
export interface JobCount { queue: string; state: 'queued' | 'active' | 'deferred' | 'dead'; count: number }
let jobCounts: (() => Promise<JobCount[]>) | null = null;

/** Has `/metrics` report the job queues' counts (null: no runner in this process). */
export function measureJobs(counts: (() => Promise<JobCount[]>) | null): void {
  jobCounts = counts;
}

export const jobsByState = new Gauge({
  name: 'api_jobs',
  help: 'Jobs in the database by queue and state (queued, active, deferred: waiting for a retry\'s backoff; dead: in the dead-letter queue)',
  labelNames: ['queue', 'state'] as const,
  // Every worker process reads the same database: one of them speaks for all.
  aggregator: 'first',
  registers: [metrics],
  async collect() {
    if (!jobCounts) return;
    try {
      for (const { queue, state, count } of await jobCounts()) this.set({ queue, state }, count);
    } catch {
      // The database is away: /readyz says so; the metrics keep their last values.
    }
  },
});
