import { existsSync, statSync } from 'node:fs';
import { z } from 'zod';
import { EX_CONFIG, Refusal } from './refusal.ts';

// Every environment variable the API and its commands read, declared once: its type, its default
// and what it means. The server and every command check all of them before anything connects, so
// a bad value stops the start in a moment with one line naming it; `--help` prints this list and
// docs/operations.md's tables are checked against it.

/** Which commands care about a variable (`--help` shows each command its own groups). */
export type SettingGroup = 'server' | 'database' | 'auth' | 'protection' | 'registry' | 'jobs' | 'operations' | 'card';

interface Help {
  group: SettingGroup;
  /** The default as a person reads it ("4000", "unset: embedded"). */
  shown: string;
  description: string;
}

/** Help for `--help` and the docs, kept beside each variable's schema. */
const HELP = new Map<z.ZodType, Help>();
const described = <T extends z.ZodType>(schema: T, group: SettingGroup, shown: string, description: string): T => {
  HELP.set(schema, { group, shown, description });
  return schema;
};

/** An unset or blank variable takes its default. */
const blankIsUnset = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

/** A whole number from `min` to `max`, `fallback` when unset. */
function integer(fallback: number, min = 1, max = Number.MAX_SAFE_INTEGER) {
  return z.preprocess(blankIsUnset, z.string().optional()).transform((text, ctx) => {
    if (text === undefined) return fallback;
    const value = Number(text.trim());
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      ctx.addIssue({ code: 'custom', message: `must be an integer ${max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `from ${min} to ${max}`}, not "${text}"` });
      return z.NEVER;
    }
    return value;
  });
}

/** Text, `fallback` (or undefined) when unset. */
function text(fallback?: string) {
  return z.preprocess(blankIsUnset, z.string().optional()).transform((value) => value?.trim() ?? fallback);
}

/** A secret of at least `min` characters, or undefined; never shown back. */
function secret(min: number) {
  return text().transform((value, ctx) => {
    if (value !== undefined && value.length < min) {
      ctx.addIssue({ code: 'custom', message: `must be at least ${min} characters long (it is ${value.length})` });
      return z.NEVER;
    }
    return value;
  });
}

/** An absolute URL with one of `protocols`, or undefined. */
function url(protocols: readonly string[]) {
  return text().transform((value, ctx) => {
    if (value === undefined) return undefined;
    let parsed: URL;
    try {
      parsed = new URL(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: `must be a URL (${protocols.map((p) => `${p}//…`).join(' or ')}), not "${redacted(value)}"` });
      return z.NEVER;
    }
    if (!protocols.includes(parsed.protocol)) {
      ctx.addIssue({ code: 'custom', message: `must start with ${protocols.join(' or ')}, not ${parsed.protocol}` });
      return z.NEVER;
    }
    return value;
  });
}

/** Absolute URLs with one of `protocols`, separated by commas, or undefined. */
function urls(protocols: readonly string[]) {
  const one = url(protocols);
  return text().transform((list, ctx) => {
    const parsed: string[] = [];
    for (const value of list?.split(',').map((item) => item.trim()).filter(Boolean) ?? []) {
      const result = one.safeParse(value);
      if (!result.success) {
        for (const issue of result.error.issues) ctx.addIssue({ code: 'custom', message: issue.message });
        return z.NEVER;
      }
      parsed.push(result.data!);
    }
    return parsed.length ? parsed : undefined;
  });
}

/** A URL as it may be shown: without its password. */
function redacted(value: string): string {
  return value.replace(/(\/\/[^:/@]+:)[^@/]*@/, '$1***@');
}

/** The path of a file that exists, or undefined. */
function file() {
  return text().transform((path, ctx) => {
    if (path === undefined) return undefined;
    if (!existsSync(path) || !statSync(path).isFile()) {
      ctx.addIssue({ code: 'custom', message: `names no file: ${path}` });
      return z.NEVER;
    }
    return path;
  });
}

/** Paths of files that exist, separated by commas, or undefined. */
function files() {
  return text().transform((list, ctx) => {
    if (list === undefined) return undefined;
    const paths = list.split(',').map((path) => path.trim()).filter(Boolean);
    const missing = paths.filter((path) => !existsSync(path) || !statSync(path).isFile());
    if (missing.length) {
      ctx.addIssue({ code: 'custom', message: `names no file: ${missing.join(', ')}` });
      return z.NEVER;
    }
    return paths.length ? paths : undefined;
  });
}

/** The path of a directory that exists, or undefined. */
function directory() {
  return text().transform((path, ctx) => {
    if (path === undefined) return undefined;
    if (!existsSync(path) || !statSync(path).isDirectory()) {
      ctx.addIssue({ code: 'custom', message: `names no directory: ${path}` });
      return z.NEVER;
    }
    return path;
  });
}

function timeZone(fallback: string) {
  return text(fallback).transform((zone, ctx) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return zone!;
    } catch {
      ctx.addIssue({ code: 'custom', message: `must be an IANA time zone such as Asia/Almaty, not "${zone}"` });
      return z.NEVER;
    }
  });
}

/** One of `values`, `fallback` when unset. */
function oneOf<const T extends readonly [string, ...string[]]>(values: T, fallback?: T[number]) {
  return z.preprocess(blankIsUnset, z.string().optional()).transform((value, ctx): T[number] | undefined => {
    if (value === undefined) return fallback;
    if ((values as readonly string[]).includes(value.trim())) return value.trim() as T[number];
    ctx.addIssue({ code: 'custom', message: `must be one of ${values.join(', ')}, not "${value}"` });
    return z.NEVER;
  });
}

function toggle(fallback: boolean) {
  return oneOf(['on', 'off', 'true', 'false'] as const).transform((value) => (value === undefined ? fallback : value === 'on' || value === 'true'));
}

/** TRUST_PROXY: unset or "off" trusts no proxy; a number is a hop count; else addresses or subnets. */
const trustProxy = text().transform((value, ctx): boolean | number | string => {
  if (value === undefined || value === 'off' || value === 'false') return false;
  // Trusting every peer would let any client pick the address its requests are counted under.
  if (value === 'true') {
    ctx.addIssue({ code: 'custom', message: '=true would let any client choose its own address: name the proxies (e.g. "loopback" or "10.0.0.0/8") or give a hop count' });
    return z.NEVER;
  }
  return /^\d+$/.test(value) ? Number(value) : value;
});

/** A cron expression (five fields: minute hour day month weekday), `fallback` when unset; `off` for none (null). */
function schedule(fallback: string) {
  return text(fallback).transform((value, ctx): string | null => {
    if (value === 'off') return null;
    const fields = value!.split(/\s+/);
    if (fields.length !== 5 || !fields.every((field) => /^[\d*,/\-A-Za-z]+$/.test(field))) {
      ctx.addIssue({ code: 'custom', message: `must be a cron expression of five fields (minute hour day month weekday) or off, not "${value}"` });
      return z.NEVER;
    }
    return fields.join(' ');
  });
}

/** Whether a host name is this machine's (localhost, 127.x, ::1): plain http is allowed only there. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '::1';
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const VARIABLES = {
  // The server and its data
  DATABASE_URL: described(url(['postgres:', 'postgresql:']), 'database', 'unset: embedded', 'a PostgreSQL server, e.g. `postgres://user:password@host:5432/cards`; unset, the embedded PGlite database is used'),
  DATABASE_REPLICA_URLS: described(urls(['postgres:', 'postgresql:']), 'server', 'unset: none', 'streaming replicas of `DATABASE_URL`\'s server, comma-separated URLs: GraphQL queries read from them (see [Read replicas](#read-replicas))'),
  REPLICA_MAX_LAG_SECONDS: described(integer(10, 1, 3600), 'server', '`10`', 'a replica further behind the primary takes no reads until it has caught up'),
  REPLICA_CHECK_MS: described(integer(1000, 50, 60_000), 'server', '`1000`', 'how often each API process reads the replicas\' replay positions (and finds one down or back)'),
  PGLITE_DIR: described(text('.data/pglite'), 'database', '`.data/pglite`', "the embedded database's directory (one process at a time); `memory://` for a throw-away one"),
  PORT: described(integer(4000, 0, 65535), 'server', '`4000`', 'the HTTP port'),
  WEB_CONCURRENCY: described(integer(1, 1, 256), 'server', '`1`', 'worker processes serving one port, with PostgreSQL only (see [Workers](#workers))'),
  NODE_ENV: described(text(), 'server', '—', '`production` turns introspection off unless `GRAPHQL_INTROSPECTION=true`'),
  SHUTDOWN_TIMEOUT_MS: described(integer(25_000, 1), 'server', '`25000`', 'on SIGTERM or SIGINT, how long requests in flight (and a command\'s batch in hand) may take to finish before the rest is cut and the exit is non-zero'),
  PRINTOUT_THREADS: described(integer(1, 1, 64), 'server', '`1`', 'threads per API process that lay out printed cards (PDF), beside the thread that serves requests'),
  PRINTOUT_QUEUE_LIMIT: described(integer(16, 0, 10_000), 'server', '`16`', 'printed cards that may wait for a thread; one more is refused with 503 `PRINTOUT_BUSY` and `Retry-After`'),
  CARD_TIME_ZONE: described(timeZone('Asia/Almaty'), 'card', '`Asia/Almaty`', 'the time zone "today" is taken in, for dates on the card'),
  PLAN_HORIZON_YEARS: described(integer(5, 1, 100), 'card', '`5`', 'how many years ahead a planned date (a visit, a course) may be'),
  // Signing in
  AUTH_JWKS_URL: described(url(['https:', 'http:']), 'auth', '—', "the identity provider's JWKS endpoint"),
  AUTH_PUBLIC_KEY_FILE: described(file(), 'auth', '—', 'instead: a PEM public key'),
  AUTH_ALGORITHM: described(oneOf(['ES256', 'RS256', 'PS256', 'EdDSA'] as const, 'ES256'), 'auth', '`ES256`', 'the algorithm of `AUTH_PUBLIC_KEY_FILE`'),
  AUTH_ISSUER: described(text(), 'auth', 'the development issuer', 'the trusted issuer; required with either of the two above'),
  AUTH_AUDIENCE: described(text('employment-card-api'), 'auth', '`employment-card-api`', "this API's audience"),
  AUTH_CLOCK_TOLERANCE_SECONDS: described(integer(30, 0, 3600), 'auth', '`30`', 'clock skew allowed on `exp` and `nbf`'),
  DOWNLOAD_LINK_SECRET: described(secret(32), 'auth', 'unset: a random key per process', 'the key (at least 32 characters) that signs the short-lived links of `Card.printout` (see [Download links](#download-links)); required with `WEB_CONCURRENCY` above 1, and the same on every machine behind one address'),
  DOWNLOAD_LINK_LIFETIME_SECONDS: described(integer(300, 10, 3600), 'auth', '`300`', 'how long a `Card.printout` link can be used'),
  AUTH_DEV_KEY_DIR: described(text('.data/dev-keys'), 'auth', '`.data/dev-keys`', 'where the development key pair is kept (used only with neither of the first two)'),
  // Signing in from a browser (docs/sign-in.md)
  OIDC_ISSUER_URL: described(url(['https:', 'http:']), 'auth', 'unset: the local development provider', "the identity provider (OpenID Connect issuer) browsers sign in with; its `/.well-known/openid-configuration` is read on the first sign-in"),
  OIDC_CLIENT_ID: described(text(), 'auth', '—', "this API's client id at the identity provider; required with `OIDC_ISSUER_URL`"),
  OIDC_CLIENT_SECRET: described(secret(8), 'auth', '— (a public client: PKCE only)', "this API's client secret at the identity provider"),
  OIDC_CLIENT_SECRET_FILE: described(file(), 'auth', '—', 'instead: a file holding it'),
  OIDC_SCOPES: described(text('openid profile'), 'auth', '`openid profile`', 'the scopes asked for; the ID token or userinfo must carry the claims a token does (`role`, `center`, `name`, `iin`)'),
  PUBLIC_URL: described(url(['https:', 'http:']), 'auth', '`http://localhost:PORT`', "the API's address as browsers reach it; the identity provider sends them back to `PUBLIC_URL/auth/callback`; required with `OIDC_ISSUER_URL`, and https unless it is localhost"),
  SESSION_SECRET: described(secret(32), 'auth', 'unset: a development key in `AUTH_DEV_KEY_DIR`', 'the key (at least 32 characters) the session cookie is encrypted with; the same on every replica; required (or the file) with `OIDC_ISSUER_URL`'),
  SESSION_KEY_FILE: described(file(), 'auth', '—', 'instead: a file holding it'),
  SESSION_MAX_AGE_SECONDS: described(integer(8 * 3600, 60, 7 * 24 * 3600), 'auth', '`28800` (8 h)', "a browser session's longest life (shorter if the identity provider's ID token expires sooner)"),
  DEV_OIDC_PORT: described(integer(4001, 0, 65535), 'auth', '`4001`', 'development only (no `OIDC_ISSUER_URL`, `NODE_ENV` not production): the port of the local identity provider `npm start` runs for browser sign-in; `0`: none'),
  // GraphQL and HTTP protections
  GRAPHQL_JIT: described(toggle(true), 'protection', 'on', '`off` runs every query on graphql-js'),
  GRAPHQL_INTROSPECTION: described(oneOf(['true', 'false'] as const), 'protection', 'on (off with `NODE_ENV=production`)', '`true` or `false`'),
  QUERY_MAX_DEPTH: described(integer(15), 'protection', '`15`', 'nesting levels'),
  QUERY_MAX_COST: described(integer(1_100_000), 'protection', '`1100000`', 'fields × page sizes'),
  QUERY_MAX_ALIASES: described(integer(30, 0), 'protection', '`30`', 'aliases'),
  QUERY_MAX_DIRECTIVES: described(integer(50, 0), 'protection', '`50`', 'directives'),
  QUERY_MAX_TOKENS: described(integer(5000), 'protection', '`5000`', 'tokens, checked by the parser'),
  QUERY_MAX_HEAVY_STATEMENTS: described(integer(12, 0), 'protection', '`12`', 'statistics lists (GROUP BY statements) in one query'),
  QUERY_TIMEOUT_MS: described(integer(10_000), 'protection', '`10000`', 'execution time of a query'),
  DB_CONNECTIONS_PER_REQUEST: described(integer(3), 'protection', '`3`', 'SQL statements one request runs at once, i.e. pool connections it may hold (see [Database fairness](#database-fairness))'),
  DB_STATEMENT_TIMEOUT_MS: described(integer(10_000, 0), 'protection', '`10000`', "PostgreSQL's `statement_timeout` for the API's connections; `0` for none"),
  MAX_BODY_BYTES: described(integer(4 * 1024 * 1024), 'protection', '4 MB', 'request body'),
  RATE_LIMIT_PER_WINDOW: described(integer(600, 0), 'protection', '`600`', 'requests per caller per (sliding) window; `0` turns the limit off'),
  RATE_LIMIT_ANONYMOUS_PER_WINDOW: described(integer(60, 0), 'protection', '`60`', 'requests per client address per window without a valid token (none, malformed, refused); `0` turns it off'),
  RATE_LIMIT_WINDOW_SECONDS: described(integer(60), 'protection', '`60`', 'the window of both'),
  TRUST_PROXY: described(trustProxy, 'protection', 'off', 'the reverse proxies whose `X-Forwarded-For` names the client address: addresses or subnets (`loopback`, `10.0.0.0/8`) or a hop count; off, the socket\'s peer is the address; `true` is refused'),
  MAX_TOKEN_BYTES: described(integer(8 * 1024), 'protection', '8 KB', 'the longest bearer token; longer ones get 401 `TOKEN_TOO_LARGE` unread'),
  PERSISTED_QUERIES: described(toggle(true), 'protection', 'on', '`off` turns automatic persisted queries off'),
  PERSISTED_QUERIES_CACHE_BYTES: described(integer(8 * 1024 * 1024), 'protection', '8 MB', 'the in-memory cache, without Redis'),
  PERSISTED_QUERIES_TTL_SECONDS: described(integer(7 * 24 * 3600), 'protection', '7 days', "an entry's life in Redis"),
  TRUSTED_DOCUMENTS: described(files(), 'protection', '—', 'trusted-documents manifests, comma-separated (e.g. `clients/mobile/generated/persisted-documents.json`): only their operations run (see [API](api.md#persisted-queries-and-trusted-documents))'),
  HTTP_CACHE_MAX_AGE_SECONDS: described(integer(60, 0, 86_400), 'protection', '`60`', 'how long a private HTTP cache may keep the answer to a query sent by GET (`Cache-Control: private, max-age`); `0`: never kept (`no-store`)'),
  SQL_STATEMENTS_HEADER: described(toggle(false), 'protection', 'off', '`on` adds `x-sql-statements` to each answer (for benchmarks)'),
  REDIS_URL: described(url(['redis:', 'rediss:']), 'protection', '—', 'Redis, for persisted queries and rate limits (see [Redis](#redis))'),
  REDIS_PREFIX: described(text('card-api:'), 'protection', '`card-api:`', 'prefix of every Redis key'),
  // The person registry and the import
  PERSON_REGISTRY_URL: described(url(['https:', 'http:']), 'registry', '—', "the registry's HTTP API"),
  PERSON_REGISTRY_TIMEOUT_MS: described(integer(3000), 'registry', '`3000`', "one lookup's time limit"),
  PERSON_REGISTRY_FILE: described(file(), 'registry', '—', 'development instead: a file of person records'),
  // The labour-contract register (docs/labour-contracts.md)
  LABOUR_CONTRACT_REGISTRY_URL: described(url(['https:', 'http:']), 'registry', '—', "the labour-contract register's HTTP API"),
  LABOUR_CONTRACT_REGISTRY_TIMEOUT_MS: described(integer(5000), 'registry', '`5000`', "one lookup's time limit"),
  LABOUR_CONTRACT_REGISTRY_FILE: described(file(), 'registry', '—', 'development instead: a file of labour-contract records'),
  LABOUR_CONTRACTS_CHECK_SCHEDULE: described(schedule('30 2 * * *'), 'registry', '`30 2 * * *`', 'when `labourContracts.check` runs on its own (cron, in `CARD_TIME_ZONE`); `off` for never'),
  IMPORT_BATCH_LIMIT: described(integer(500), 'registry', '`500`', 'records per `cardImport` call'),
  // Signatures of the card (docs/signatures.md)
  SIGNATURE_TRUST_DIR: described(directory(), 'registry', '— (signing refused)', 'a folder of trusted CA certificates (PEM or DER): a signer\'s certificate must chain to one of them'),
  SIGNATURE_VERIFIER_URL: described(url(['https:', 'http:']), 'registry', '— (refused)', 'an external verifier of signatures on algorithms verified nowhere else here (GOST 34.310)'),
  SIGNATURE_VERIFIER_TIMEOUT_MS: described(integer(5000), 'registry', '`5000`', "one verification's time limit"),
  // Jobs (docs/operations.md#jobs)
  JOBS: described(oneOf(['in-process', 'off'] as const, 'in-process'), 'jobs', '`in-process`', 'whether `npm start` runs the background jobs in its own processes; `off` leaves them to `npm run worker` (PostgreSQL only)'),
  JOBS_SUPERVISE_SECONDS: described(integer(60, 1, 3600), 'jobs', '`60`', 'how often a job runner looks for lost attempts (past their expiry: their process died) to retry them'),
  IDENTITY_RECHECK_SCHEDULE: described(schedule('0 2 * * *'), 'jobs', '`0 2 * * *`', 'when the identities are re-checked against the person registry (rule 4; cron, in `CARD_TIME_ZONE`); `off`: never on its own'),
  IDENTITY_RECHECK_EXPIRE_SECONDS: described(integer(3600, 1), 'jobs', '`3600`', 'how long one identity re-check may run before it counts as lost and is retried'),
  // Notifications to the person (docs/notifications.md)
  NOTIFICATION_GATEWAY_URL: described(url(['https:', 'http:']), 'registry', '— (kept PENDING)', 'the gateway that delivers messages to people (SMS, e-mail): `POST …/messages`'),
  NOTIFICATION_GATEWAY_TIMEOUT_MS: described(integer(5000), 'registry', '`5000`', "one delivery's time limit"),
  NOTIFICATION_FILE: described(text(), 'registry', '—', 'development instead: a file each message is appended to as a JSON line'),
  NOTIFICATION_DISPATCH_SCHEDULE: described(schedule('* * * * *'), 'registry', '`* * * * *`', 'when pending messages are handed to delivery jobs (cron, in `CARD_TIME_ZONE`); `off`: never on its own'),
  // Logs, metrics, traces
  LOG_LEVEL: described(oneOf(LOG_LEVELS, 'info'), 'operations', '`info`', `the least severe log line written: ${LOG_LEVELS.join(', ')}`),
  METRICS_PORT: described(integer(9464, 0, 65535), 'operations', '`9464`', 'the port of `/metrics` (Prometheus), apart from the API\'s; `0` turns it off'),
  METRICS_HOST: described(text('127.0.0.1'), 'operations', '`127.0.0.1`', 'the address `/metrics` listens on; `0.0.0.0` inside a container whose port only the scraper reaches'),
  METRICS_ALLOW: described(text('loopback, uniquelocal'), 'operations', '`loopback, uniquelocal`', 'the client addresses or subnets `/metrics` answers (others get 403): `loopback`, `uniquelocal`, `10.0.0.0/8`…'),
  OTEL_EXPORTER_OTLP_ENDPOINT: described(url(['http:', 'https:']), 'operations', '— (no traces)', 'an OpenTelemetry collector: traces of requests, GraphQL and SQL are sent there over OTLP/HTTP'),
  OTEL_SERVICE_NAME: described(text('employment-card-api'), 'operations', '`employment-card-api`', 'the service name on the traces'),
};

/** Rules between variables. */
const SETTINGS = z.object(VARIABLES).superRefine((values, ctx) => {
  const problem = (variable: string, message: string) => ctx.addIssue({ code: 'custom', path: [variable], message });
  if (values.AUTH_JWKS_URL && values.AUTH_PUBLIC_KEY_FILE) problem('AUTH_JWKS_URL', 'and AUTH_PUBLIC_KEY_FILE are both set: set one');
  if ((values.AUTH_JWKS_URL || values.AUTH_PUBLIC_KEY_FILE) && !values.AUTH_ISSUER) problem('AUTH_ISSUER', 'is required with AUTH_JWKS_URL or AUTH_PUBLIC_KEY_FILE');
  if (values.OIDC_CLIENT_SECRET && values.OIDC_CLIENT_SECRET_FILE) problem('OIDC_CLIENT_SECRET', 'and OIDC_CLIENT_SECRET_FILE are both set: set one');
  if (values.SESSION_SECRET && values.SESSION_KEY_FILE) problem('SESSION_SECRET', 'and SESSION_KEY_FILE are both set: set one');
  if (values.OIDC_ISSUER_URL) {
    if (!values.OIDC_CLIENT_ID) problem('OIDC_CLIENT_ID', 'is required with OIDC_ISSUER_URL');
    if (!values.PUBLIC_URL) problem('PUBLIC_URL', 'is required with OIDC_ISSUER_URL: the identity provider sends browsers back to PUBLIC_URL/auth/callback');
    if (!values.SESSION_SECRET && !values.SESSION_KEY_FILE) problem('SESSION_SECRET', 'or SESSION_KEY_FILE is required with OIDC_ISSUER_URL: every replica must read the sessions the others issue');
  } else {
    for (const name of ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_CLIENT_SECRET_FILE'] as const) {
      if (values[name]) problem(name, 'is set without OIDC_ISSUER_URL: name the identity provider too (or unset it to use the local development provider)');
    }
  }
  if (values.PUBLIC_URL && new URL(values.PUBLIC_URL).protocol === 'http:' && !isLoopbackHost(new URL(values.PUBLIC_URL).hostname)) {
    problem('PUBLIC_URL', 'must be https (the session cookie is Secure): plain http only for localhost');
  }
  if (values.NOTIFICATION_GATEWAY_URL && values.NOTIFICATION_FILE) problem('NOTIFICATION_GATEWAY_URL', 'and NOTIFICATION_FILE are both set: set one');
  if (values.PERSON_REGISTRY_URL && values.PERSON_REGISTRY_FILE) problem('PERSON_REGISTRY_URL', 'and PERSON_REGISTRY_FILE are both set: set one');
  if (values.LABOUR_CONTRACT_REGISTRY_URL && values.LABOUR_CONTRACT_REGISTRY_FILE) {
    problem('LABOUR_CONTRACT_REGISTRY_URL', 'and LABOUR_CONTRACT_REGISTRY_FILE are both set: set one');
  }
  if (values.DATABASE_REPLICA_URLS?.length && !values.DATABASE_URL) problem('DATABASE_REPLICA_URLS', 'needs DATABASE_URL: replicas are of a PostgreSQL server');
  if (values.DATABASE_REPLICA_URLS?.length && values.WEB_CONCURRENCY > 1 && !values.REDIS_URL) {
    problem('DATABASE_REPLICA_URLS', 'with WEB_CONCURRENCY above 1 needs REDIS_URL: the workers share who changed what (read-your-writes) through it');
  }
  if (values.WEB_CONCURRENCY > 1 && !values.DATABASE_URL) problem('WEB_CONCURRENCY', 'above 1 needs DATABASE_URL: the embedded database belongs to one process');
  if (values.WEB_CONCURRENCY > 1 && !values.DOWNLOAD_LINK_SECRET) {
    problem('WEB_CONCURRENCY', 'above 1 needs DOWNLOAD_LINK_SECRET: a download link signed by one worker must open on another');
  }
});

export type Settings = z.output<typeof SETTINGS>;
export type SettingName = keyof typeof VARIABLES;

/** A configuration that cannot work: one line per variable that is wrong. */
export class SettingsError extends Refusal {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(problems.map((problem) => `Configuration: ${problem}`).join('\n'), EX_CONFIG);
    this.name = 'SettingsError';
    this.problems = problems;
  }
}

/** The settings of an environment; throws a SettingsError naming every variable that is wrong. */
export function readSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const result = SETTINGS.safeParse(env);
  if (result.success) return result.data;
  throw new SettingsError(result.error.issues.map((issue) => `${issue.path.join('.')}${issue.message.startsWith('=') ? '' : ' '}${issue.message}`));
}

let current: Settings | undefined;

/** This process's settings, read from its environment once (or as a command installed them). */
export function settings(): Settings {
  current ??= readSettings();
  return current;
}

/** Makes `checked` this process's settings: a command installs the ones it checked at its start. */
export function useSettings(checked: Settings): void {
  current = checked;
}

/**
 * The variables of some groups (and any named one by one) with their defaults and meanings, as
 * `--help` and the docs show them.
 */
export function settingsHelp(groups?: readonly (SettingGroup | SettingName)[]): { name: SettingName; group: SettingGroup; shown: string; description: string }[] {
  return (Object.entries(VARIABLES) as [SettingName, z.ZodType][])
    .map(([name, schema]) => ({ name, ...HELP.get(schema)! }))
    .filter((variable) => !groups || groups.includes(variable.group) || groups.includes(variable.name));
}
