import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { scratchDatabase } from '../../src/bench/database.ts';
import { openOrm, type Orm } from '../../src/db/orm.ts';
import { Card } from '../../src/modules/card/card.entity.ts';
import { ENTITIES } from '../../src/modules/entities.ts';
import { anIdentityRecord } from '../import/records.ts';
import { runCommand, startCommandProcess } from '../support/command.ts';
import { startRegistryServer, type RegistryServer } from '../support/registry-server.ts';

// `npm run import` and `npm run sync` stopped by SIGTERM: the batch in hand is finished, no other
// is started, the summary says what was done (and for sync where to continue), the exit status is
// 3; past SHUTDOWN_TIMEOUT_MS the process exits 1 and what it was cut in is not stored.
// Each run on a database of its own, which the commands prepare themselves.

let dir: string;
let registry: RegistryServer;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'command-stop-test-'));
  registry = await startRegistryServer();
});
afterAll(async () => {
  await registry.close();
  await rm(dir, { recursive: true, force: true });
});

/** A new database for the commands: a scratch one on the PostgreSQL server under test, else an embedded directory. */
async function aDatabase(name: string) {
  const pglite = join(dir, name);
  const scratch = process.env.DATABASE_URL ? await scratchDatabase(process.env.DATABASE_URL) : null;
  await scratch?.orm.close();
  const settings = { url: scratch?.url ?? undefined, embeddedDir: pglite };
  return {
    env: { DATABASE_URL: scratch?.url ?? undefined, PGLITE_DIR: pglite, LOG_LEVEL: 'info' },
    /** Runs `read` on the database, once no command has it open. */
    async read<T>(read: (orm: Orm) => Promise<T>): Promise<T> {
      const orm = await openOrm(settings, ENTITIES);
      try {
        return await read(orm);
      } finally {
        await orm.close();
      }
    },
    drop: async () => {
      if (scratch) await scratch.drop().catch(() => undefined);
    },
  };
}

const numberAfter = (text: string, pattern: RegExp) => Number(pattern.exec(text)?.[1] ?? NaN);

describe('npm run import on SIGTERM', () => {
  it('finishes the batches being written, prints the summary and exits 3: the database holds exactly the batches reported', async () => {
    const db = await aDatabase('import');
    try {
      expect((await runCommand('cli/seed.ts', ['--cards', '0'], db.env)).code).toBe(0); // the career centers
      const total = 3000;
      const records = Array.from({ length: total }, () => anIdentityRecord('CC-KZ-75-002'));
      const file = join(dir, 'many.ndjson');
      await writeFile(file, `${records.map((record) => JSON.stringify(record)).join('\n')}\n`);

      const batch = 20;
      const run = startCommandProcess('cli/import.ts', [file, '--batch', String(batch), '--writers', '2', '--progress-seconds', '0'], db.env);
      await run.waitFor(/^import: \d+ records read/);
      run.process.kill('SIGTERM');
      const { code, stdout } = await run.finished(60_000);

      expect(code).toBe(3);
      const created = numberAfter(stdout, /^created: +(\d+)$/m);
      const lastLine = numberAfter(stdout, /Stopped by a signal: the records up to line (\d+) are imported, none after it/);
      expect(stdout).toMatch(new RegExp(`^read: +${created}$`, 'm'));
      // Whole batches only: every record a card, one record a line.
      expect([created % batch, lastLine]).toEqual([0, created]);
      expect(created).toBeGreaterThan(0);
      expect(created).toBeLessThan(total);
      const stored = await db.read((orm) => orm.em.fork().find(Card, {}, { fields: ['iin'] }));
      expect(stored.map((card) => card.iin).sort()).toEqual(records.slice(0, created).map((record) => record.iin).sort());
    } finally {
      await db.drop();
    }
  }, 180_000);
});

describe('npm run sync on SIGTERM', () => {
  it('finishes the batch in hand, prints where to continue and exits 3', async () => {
    const db = await aDatabase('sync');
    try {
      expect((await runCommand('cli/seed.ts', ['--cards', '12'], db.env)).code).toBe(0);
      const cards = await db.read((orm) => orm.em.fork().find(Card, {}, { orderBy: { id: 'asc' }, fields: ['id', 'iin'] }));
      // A slow registry: a batch is still in hand when the signal comes.
      for (const card of cards) registry.answer(card.iin, { status: 404, json: { message: 'not found' }, delayMs: 400 });

      const run = startCommandProcess('cli/sync.ts', ['--batch', '4', '--concurrency', '4'], { ...db.env, PERSON_REGISTRY_URL: registry.url, PERSON_REGISTRY_TIMEOUT_MS: '30000' });
      await run.waitFor(/^up to card \d+/);
      run.process.kill('SIGTERM');
      const { code, stdout } = await run.finished(60_000);

      expect(code).toBe(3);
      const checked = numberAfter(stdout, /^Stopped by a signal: checked (\d+),/m);
      const lastId = /continue with --after (\d+)\.$/m.exec(stdout)?.[1];
      expect(checked % 4).toBe(0);
      expect(checked).toBeGreaterThan(0);
      expect(checked).toBeLessThan(cards.length);
      expect(lastId).toBe(cards[checked - 1]!.id);
      const after = await db.read((orm) => orm.em.fork().find(Card, {}, { orderBy: { id: 'asc' } }));
      expect(after.map((card) => card.verification.status)).toEqual(cards.map((_, i) => (i < checked ? 'FAILED' : 'PENDING')));
    } finally {
      await db.drop();
    }
  }, 180_000);

  it('past SHUTDOWN_TIMEOUT_MS, cuts the batch in hand and exits 1, having stored nothing of it', async () => {
    const db = await aDatabase('sync-deadline');
    try {
      expect((await runCommand('cli/seed.ts', ['--cards', '3'], db.env)).code).toBe(0);
      const cards = await db.read((orm) => orm.em.fork().find(Card, {}, { fields: ['id', 'iin'] }));
      // A registry that does not answer before the deadline.
      for (const card of cards) registry.answer(card.iin, { status: 404, json: {}, delayMs: 120_000 });

      const run = startCommandProcess('cli/sync.ts', [], { ...db.env, PERSON_REGISTRY_URL: registry.url, PERSON_REGISTRY_TIMEOUT_MS: '120000', SHUTDOWN_TIMEOUT_MS: '1000' });
      await run.waitFor(/^Checking /);
      const signalled = performance.now();
      run.process.kill('SIGTERM');
      const { code, stdout } = await run.finished(60_000);

      expect(code).toBe(1);
      expect(performance.now() - signalled).toBeLessThan(30_000);
      expect(stdout).toContain('the deadline passed');
      const after = await db.read((orm) => orm.em.fork().find(Card, {}));
      expect(after.map((card) => card.verification.status)).toEqual(['PENDING', 'PENDING', 'PENDING']);
    } finally {
      await db.drop();
    }
  }, 180_000);
});
