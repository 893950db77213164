import { fileURLToPath } from 'node:url';
import { defineConfig, type EntityClass, type Options } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { PgliteDriver } from '@mikro-orm/pglite';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { guardConnections } from './availability.ts';
import type { ReplicaSettings } from './replicas.ts';
import { recordSql } from './sql-log.ts';
import { settings, type Settings } from '../runtime/settings.ts';

/** Where the data lives: a PostgreSQL server, or else an embedded PGlite cluster. */
export interface DatabaseSettings {
  /** `postgres://…` URL of a PostgreSQL server; when absent, the embedded database is used. */
  url?: string;
  /** Directory of the embedded cluster, or `memory://` for a throw-away one. */
  embeddedDir: string;
  /**
   * A dump of an embedded cluster (`PGlite.dumpDataDir()`) that a `memory://` database starts as,
   * instead of an empty cluster: the tests copy one migrated template this way.
   */
  embeddedFrom?: Blob;
  /**
   * PostgreSQL's `statement_timeout` for every connection of the pool, in milliseconds (0 or
   * absent: none). Set on the pool's connection options, so no statement of the API outlives it,
   * whoever runs it. PGlite accepts the setting but never cancels (WASM has no timer signal), so
   * the embedded database goes without.
   */
  statementTimeoutMs?: number;
  /**
   * Streaming replicas of the server at `url` that the reads of GraphQL queries may go to
   * (replicas.ts); only the server (`npm start`) opens them, commands use the primary alone.
   */
  replicas?: ReplicaSettings;
}

export function databaseSettings(from: Settings = settings()): DatabaseSettings {
  return { url: from.DATABASE_URL, embeddedDir: from.PGLITE_DIR! };
}

/** The read replicas the settings name, if any (the server's, with `databaseSettings`). */
export function replicaSettings(from: Settings = settings()): ReplicaSettings | undefined {
  const urls = from.DATABASE_REPLICA_URLS;
  return urls?.length ? { urls, maxLagSeconds: from.REPLICA_MAX_LAG_SECONDS, checkMs: from.REPLICA_CHECK_MS } : undefined;
}

export const migrationsPath = fileURLToPath(new URL('./migrations', import.meta.url));

/**
 * MikroORM options for the given database and entities (the modules name them); the schema only
 * ever changes through migrations.
 */
export function ormOptions(settings: DatabaseSettings, entities: readonly EntityClass<unknown>[]): Options {
  const common = {
    entities: [...entities],
    extensions: [Migrator],
    migrations: {
      path: migrationsPath,
      glob: 'Migration*.ts',
      emit: 'ts' as const,
      transactional: true,
      allOrNothing: true,
      // The snapshot would be rewritten on every `up`, i.e. committed files changing at run time.
      snapshot: false,
      snapshotOnMigrate: false,
      silent: true,
    },
    onQuery: recordSql,
    forceUtcTimezone: true,
    allowGlobalContext: false,
    propagationOnPrototype: false,
  };
  return settings.url
    ? (defineConfig({
      ...common, driver: PostgreSqlDriver, clientUrl: settings.url, ...poolOptions(settings.statementTimeoutMs),
      // Each replica's pool takes the primary's options (statement timeout, guards); which
      // statements go there is replicas.ts's choice, not MikroORM's.
      ...(settings.replicas?.urls.length ? { replicas: settings.replicas.urls.map((clientUrl, i) => ({ name: `replica-${i + 1}`, clientUrl })) } : {}),
    }) as Options)
    : (defineConfig({ ...common, driver: PgliteDriver, dbName: settings.embeddedDir, ...embeddedFrom(settings.embeddedFrom) }) as Options);
}

/** PGlite's `loadDataDir`, handed to the driver, which passes its options on to `PGlite.create`. */
function embeddedFrom(dump: Blob | undefined): Partial<Pick<Options, 'driverOptions'>> {
  // As a function: MikroORM copies option objects, and a copied Blob can no longer be read, while
  // what a `driverOptions` function returns is used as it is.
  return dump ? { driverOptions: () => ({ loadDataDir: dump }) } : {};
}

/**
 * The `pg` pool's options: `statement_timeout` as a startup parameter of every pooled connection
 * (no extra round trip), and the guards of availability.ts.
 */
function poolOptions(statementTimeoutMs: number | undefined): Pick<Options, 'driverOptions'> {
  return { driverOptions: { ...(statementTimeoutMs ? { statement_timeout: statementTimeoutMs } : {}), onPoolCreated: guardConnections } };
}

/** Whether an error is, or wraps, a statement PostgreSQL cancelled (`query_canceled`, as `statement_timeout` does). */
export const isStatementCancelled = (error: unknown) => (error as { code?: unknown } | null)?.code === '57014';
