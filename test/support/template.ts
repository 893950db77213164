import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrationsPath } from '../../src/db/config.ts';

// The migrated template that every suite's database is copied from (see global-setup.ts). Its name
// carries a hash of the migrations, so a changed migration builds a new template and a template
// left from an earlier run with the same migrations can be used again.

/** Set by the global setup for the suites: the template database's name, or the PGlite dump's path. */
export const TEMPLATE_ENV = 'TEST_DATABASE_TEMPLATE';

/** Prefix of the template databases the tests create on a PostgreSQL server, and only those. */
export const TEMPLATE_PREFIX = 'card_template_';

/** Where the PGlite dumps are kept between runs (`npm ci` starts it afresh). */
export const DUMP_DIR = fileURLToPath(new URL('../../node_modules/.cache/card-test-template/', import.meta.url));

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** Hash of every file under src/db/migrations (names and contents), 12 hex digits. */
export function migrationsHash(): string {
  const hash = createHash('sha256');
  for (const file of filesUnder(migrationsPath)) {
    hash.update(file.slice(migrationsPath.length)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 12);
}

export function templateDatabaseName(hash: string): string {
  return `${TEMPLATE_PREFIX}${hash}`;
}

/** PGlite's data directory may change between its versions, so the version is part of the name. */
export function dumpFileName(hash: string): string {
  const pglite = JSON.parse(readFileSync(new URL('../../node_modules/@electric-sql/pglite/package.json', import.meta.url), 'utf8')) as { version: string };
  return `pglite-${pglite.version}-${hash}.tar`;
}

/** `url` with its database replaced by `name`. */
export function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}
