import type { PersistedQuerySettings } from './persisted-queries.ts';
import type { QueryLimits } from '../graphql/limits.ts';
import { settings, type Settings } from '../runtime/settings.ts';
import type { RateLimitSettings } from './rate-limit.ts';

// How the API protects itself, from the settings (runtime/settings.ts). Every number has a default
// fit for one API process on a small machine; docs/operations.md lists them with the reasons.

export interface Protection {
  /** Shared cache and counters (REDIS_URL); null keeps both in this process. */
  redisUrl: string | null;
  /** Prefix of every Redis key this API writes, so several deployments can share one server. */
  redisPrefix: string;
  /** Automatic persisted queries; null turns them off. */
  persistedQueries: PersistedQuerySettings | null;
  /** Trusted-documents manifests (several clients' ones): when set, only their operations run. */
  trustedDocuments: readonly string[] | null;
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

export function protectionFrom(from: Settings = settings()): Protection {
  return {
    redisUrl: from.REDIS_URL ?? null,
    redisPrefix: from.REDIS_PREFIX!,
    persistedQueries: from.PERSISTED_QUERIES ? { maxBytes: from.PERSISTED_QUERIES_CACHE_BYTES, ttlSeconds: from.PERSISTED_QUERIES_TTL_SECONDS } : null,
    trustedDocuments: from.TRUSTED_DOCUMENTS ?? null,
    rateLimit: { perWindow: from.RATE_LIMIT_PER_WINDOW, windowSeconds: from.RATE_LIMIT_WINDOW_SECONDS },
    anonymousRateLimit: { perWindow: from.RATE_LIMIT_ANONYMOUS_PER_WINDOW, windowSeconds: from.RATE_LIMIT_WINDOW_SECONDS },
    trustProxy: from.TRUST_PROXY,
    maxTokenBytes: from.MAX_TOKEN_BYTES,
    maxBodyBytes: from.MAX_BODY_BYTES,
    sqlStatementsHeader: from.SQL_STATEMENTS_HEADER,
    database: databaseFairnessFrom(from),
    limits: {
      maxDepth: from.QUERY_MAX_DEPTH,
      maxAliases: from.QUERY_MAX_ALIASES,
      maxDirectives: from.QUERY_MAX_DIRECTIVES,
      maxTokens: from.QUERY_MAX_TOKENS,
      maxCost: from.QUERY_MAX_COST,
      maxHeavyStatements: from.QUERY_MAX_HEAVY_STATEMENTS,
      executionTimeoutMs: from.QUERY_TIMEOUT_MS,
    },
  };
}

/** The database's share, from DB_CONNECTIONS_PER_REQUEST and DB_STATEMENT_TIMEOUT_MS. */
export function databaseFairnessFrom(from: Settings = settings()): DatabaseFairness {
  return { connectionsPerRequest: from.DB_CONNECTIONS_PER_REQUEST, statementTimeoutMs: from.DB_STATEMENT_TIMEOUT_MS };
}
