import type { PersistedQuerySettings } from './persisted-queries.ts';
import { DEFAULT_LIMITS, type QueryLimits } from '../graphql/limits.ts';
import type { RateLimitSettings } from './rate-limit.ts';

// How the API protects itself, from the environment. Every number has a default fit for
// one API process on a small machine; the README lists them with the reasons.

export interface Protection {
  /** Shared cache and counters (REDIS_URL); null keeps both in this process. */
  redisUrl: string | null;
  /** Prefix of every Redis key this API writes, so several deployments can share one server. */
  redisPrefix: string;
  /** Automatic persisted queries; null turns them off. */
  persistedQueries: PersistedQuerySettings | null;
  /** A trusted-documents manifest: when set, only its operations run. */
  trustedDocuments: string | null;
  /** Requests per signed-in caller (role and subject). */
  rateLimit: RateLimitSettings;
  /**
   * Requests per client address without a valid token (none, malformed, refused): stricter, and
   * counted before a token is verified, so forged tokens cannot buy signature checks.
   */
  anonymousRateLimit: RateLimitSettings;
  /**
   * Express's `trust proxy`: which peers' X-Forwarded-For names the client address the address
   * limit counts by. Off (false) by default: the socket's peer, which no client can forge. Behind a
   * proxy, its addresses or subnets ("loopback", "10.0.0.0/8") or a hop count.
   */
  trustProxy: boolean | number | string;
  /**
   * The longest bearer token accepted, in bytes: identity providers' JWTs are 1–2 KB. Longer ones
   * are refused (401, reason TOKEN_TOO_LARGE) before any signature check. Headers over Node's own
   * limit (16 KB) are refused by its parser (431).
   */
  maxTokenBytes: number;
  /** The largest request body: an import batch of 500 records of the benchmark mix is 1.6 MB. */
  maxBodyBytes: number;
  limits: QueryLimits;
  database: DatabaseFairness;
  /** Tell each answer how many SQL statements it took (`x-sql-statements`), for benchmarks (SQL_STATEMENTS_HEADER=on). */
  sqlStatementsHeader: boolean;
}

/**
 * The database's share of the protection: no request holds the pool, no statement runs on.
 */
export interface DatabaseFairness {
  /**
   * Statements one request runs at once (db/fair-share.ts), i.e. pool connections it may hold: 3
   * of `pg`'s 10 leaves the rest to other callers while one sends the heaviest query allowed
   * (the embedded database has one connection and gives each request one turn at a time).
   */
  connectionsPerRequest: number;
  /**
   * PostgreSQL's `statement_timeout` for the API's connections, in ms (0: none). 10 s is the
   * execution timeout: past it, no answer is given anyway, so the database stops working on it.
   */
  statementTimeoutMs: number;
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 1): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer of at least ${min}, not "${text}"`);
  return value;
}

/** TRUST_PROXY: unset or "off" trusts no proxy; a number is a hop count; else addresses or subnets. */
function trustProxy(text: string | undefined): boolean | number | string {
  if (text === undefined || text === '' || text === 'off' || text === 'false') return false;
  // Trusting every peer would let any client pick the address its requests are counted under.
  if (text === 'true') throw new Error('TRUST_PROXY=true would let any client choose its own address: name the proxies (e.g. "loopback" or "10.0.0.0/8") or give a hop count');
  return /^\d+$/.test(text) ? Number(text) : text;
}

export function protectionFromEnv(env: NodeJS.ProcessEnv = process.env): Protection {
  return {
    redisUrl: env.REDIS_URL || null,
    redisPrefix: env.REDIS_PREFIX ?? 'card-api:',
    persistedQueries: env.PERSISTED_QUERIES === 'off' ? null : {
      maxBytes: integer(env, 'PERSISTED_QUERIES_CACHE_BYTES', 8 * 1024 * 1024),
      ttlSeconds: integer(env, 'PERSISTED_QUERIES_TTL_SECONDS', 7 * 24 * 3600),
    },
    trustedDocuments: env.TRUSTED_DOCUMENTS || null,
    rateLimit: {
      perWindow: integer(env, 'RATE_LIMIT_PER_WINDOW', 600, 0),
      windowSeconds: integer(env, 'RATE_LIMIT_WINDOW_SECONDS', 60),
    },
    anonymousRateLimit: {
      perWindow: integer(env, 'RATE_LIMIT_ANONYMOUS_PER_WINDOW', 60, 0),
      windowSeconds: integer(env, 'RATE_LIMIT_WINDOW_SECONDS', 60),
    },
    trustProxy: trustProxy(env.TRUST_PROXY),
    maxTokenBytes: integer(env, 'MAX_TOKEN_BYTES', 8 * 1024),
    maxBodyBytes: integer(env, 'MAX_BODY_BYTES', 4 * 1024 * 1024),
    sqlStatementsHeader: env.SQL_STATEMENTS_HEADER === 'on',
    database: databaseFairnessFromEnv(env),
    limits: {
      maxDepth: integer(env, 'QUERY_MAX_DEPTH', DEFAULT_LIMITS.maxDepth),
      maxAliases: integer(env, 'QUERY_MAX_ALIASES', DEFAULT_LIMITS.maxAliases, 0),
      maxDirectives: integer(env, 'QUERY_MAX_DIRECTIVES', DEFAULT_LIMITS.maxDirectives, 0),
      maxTokens: integer(env, 'QUERY_MAX_TOKENS', DEFAULT_LIMITS.maxTokens),
      maxCost: integer(env, 'QUERY_MAX_COST', DEFAULT_LIMITS.maxCost),
      maxHeavyStatements: integer(env, 'QUERY_MAX_HEAVY_STATEMENTS', DEFAULT_LIMITS.maxHeavyStatements, 0),
      executionTimeoutMs: integer(env, 'QUERY_TIMEOUT_MS', DEFAULT_LIMITS.executionTimeoutMs),
    },
  };
}

/** The database's share, from DB_CONNECTIONS_PER_REQUEST and DB_STATEMENT_TIMEOUT_MS. */
export function databaseFairnessFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseFairness {
  return {
    connectionsPerRequest: integer(env, 'DB_CONNECTIONS_PER_REQUEST', 3),
    statementTimeoutMs: integer(env, 'DB_STATEMENT_TIMEOUT_MS', DEFAULT_LIMITS.executionTimeoutMs, 0),
  };
}
