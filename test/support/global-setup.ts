import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PgliteConnection } from '@mikro-orm/pglite';
import pg from 'pg';
import { migrate, openOrm } from '../../src/db/orm.ts';
import { DUMP_DIR, TEMPLATE_ENV, TEMPLATE_PREFIX, dumpFileName, migrationsHash, templateDatabaseName, withDatabase } from './template.ts';
import { ENTITIES } from '../../src/modules/entities.ts';

// Builds the template once per test run, in jest's parent process before any worker starts, rather
// than once per worker: the migrations run once instead of once per worker, and no two workers race
// to build the same template. The workers learn where it is from TEMPLATE_ENV.

/** The connection that holds this run's claim on its template database; closed by global-teardown.ts. */
export const TEMPLATE_CLAIM = Symbol.for('card-test-template-claim');

export default async function globalSetup(): Promise<void> {
  // The suites' servers write no log lines unless LOG_LEVEL asks: a test that reads the log starts
  // its own server process and sets the level it reads at.
  process.env.LOG_LEVEL ??= 'silent';
  const hash = migrationsHash();
  const serverUrl = process.env.DATABASE_URL;
  process.env[TEMPLATE_ENV] = serverUrl ? await templateDatabase(serverUrl, hash) : await templateDump(hash);
}

/** A migrated PGlite cluster dumped to a file, kept for later runs with the same migrations. */
async function templateDump(hash: string): Promise<string> {
  mkdirSync(DUMP_DIR, { recursive: true });
  const name = dumpFileName(hash);
  const path = join(DUMP_DIR, name);
  // Dumps of other migrations go, and so do halves that a killed run left.
  for (const file of readdirSync(DUMP_DIR)) {
    if (file !== name && !beingWritten(file)) rmSync(join(DUMP_DIR, file), { force: true });
  }
  if (existsSync(path)) return path;

  const orm = await openOrm({ embeddedDir: 'memory://' }, ENTITIES);
  try {
    await migrate(orm);
    const pglite = await (orm.em.getConnection() as unknown as PgliteConnection).getNativeClient();
    const dump = await pglite.dumpDataDir('none');
    // Written aside, then renamed: a run started meanwhile reads the whole dump or writes its own.
    const part = `${path}.${process.pid}.part`;
    writeFileSync(part, new Uint8Array(await dump.arrayBuffer()));
    renameSync(part, path);
  } finally {
    await orm.close();
  }
  return path;
}

/** A part still being written by a live process (`<dump>.<pid>.part`). */
function beingWritten(file: string): boolean {
  const pid = /\.(\d+)\.part$/.exec(file)?.[1];
  if (!pid) return false;
  try {
    process.kill(Number(pid), 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A migrated database on the server, marked a template. Test runs sharing the server (two
 * checkouts, two terminals) coordinate through advisory locks in DATABASE_URL's database: one at a
 * time builds or removes templates, and each holds a shared lock on the template it uses until it
 * ends, so that no run removes a template another is copying.
 */
async function templateDatabase(serverUrl: string, hash: string): Promise<string> {
  const name = templateDatabaseName(hash);
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query('select pg_advisory_lock(hashtext($1), 0)', [TEMPLATE_PREFIX]);
    try {
      const found = await admin.query<{ datistemplate: boolean }>('select datistemplate from pg_database where datname = $1', [name]);
      // It is marked a template only once migrated: an unmarked one is what a killed build left.
      if (!found.rows[0]?.datistemplate) await buildTemplate(admin, serverUrl, name);
      await admin.query('select pg_advisory_lock_shared(hashtext($1), hashtext($2))', [TEMPLATE_PREFIX, name]);
      await removeStaleTemplates(admin, name);
    } finally {
      await admin.query('select pg_advisory_unlock(hashtext($1), 0)', [TEMPLATE_PREFIX]);
    }
  } catch (error) {
    await admin.end();
    throw error;
  }
  (globalThis as Record<symbol, unknown>)[TEMPLATE_CLAIM] = admin;
  return name;
}

async function buildTemplate(admin: pg.Client, serverUrl: string, name: string): Promise<void> {
  const quoted = admin.escapeIdentifier(name);
  await admin.query(`drop database if exists ${quoted} with (force)`);
  await admin.query(`create database ${quoted}`);
  const orm = await openOrm({ url: withDatabase(serverUrl, name), embeddedDir: '' }, ENTITIES);
  try {
    await migrate(orm);
  } catch (error) {
    await orm.close();
    await admin.query(`drop database ${quoted} with (force)`);
    throw error;
  }
  await orm.close();
  // No connections: CREATE DATABASE … TEMPLATE fails while anyone is connected to the template.
  await admin.query(`alter database ${quoted} with is_template true allow_connections false`);
  await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1', [name]);
}

/** Templates of other migrations that no running test run holds. */
async function removeStaleTemplates(admin: pg.Client, keep: string): Promise<void> {
  const stale = await admin.query<{ datname: string }>('select datname from pg_database where starts_with(datname, $1) and datname <> $2', [TEMPLATE_PREFIX, keep]);
  for (const { datname } of stale.rows) {
    const free = await admin.query<{ free: boolean }>('select pg_try_advisory_lock(hashtext($1), hashtext($2)) as free', [TEMPLATE_PREFIX, datname]);
    if (!free.rows[0]?.free) continue;
    try {
      const quoted = admin.escapeIdentifier(datname);
      await admin.query(`alter database ${quoted} with is_template false`);
      await admin.query(`drop database ${quoted} with (force)`);
    } finally {
      await admin.query('select pg_advisory_unlock(hashtext($1), hashtext($2))', [TEMPLATE_PREFIX, datname]);
    }
  }
}
