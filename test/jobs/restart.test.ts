import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { migrate, openOrm, type Orm } from '../../src/db/orm.ts';
import { JobRunner } from '../../src/jobs/runner.ts';
import { Card } from '../../src/modules/card/card.entity.ts';
import { ENTITIES } from '../../src/modules/entities.ts';
import { CardHistory } from '../../src/modules/history/history.entity.ts';
import { aCard } from '../support/builders.ts';
import { runCommand, startCommandProcess, type Running } from '../support/command.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { registryPerson, startRegistryServer, type RegistryServer } from '../support/registry-server.ts';
import { until } from '../support/server-process.ts';

// Jobs survive a restart (issue 18): `npm run worker` is killed (SIGKILL) while the identity
// re-check waits for the person registry; started again, it finds the attempt lost (past its
// expiry), retries it, and the job completes once: one job, one change in the card's history.
// Then the operator's view of the same database: `npm run jobs` lists the queue and its dead letters.
// On PostgreSQL (DATABASE_URL) and on an embedded database in a directory (the worker on its own:
// the embedded database belongs to one process, whose lock a killed process leaves for 10 s).

jest.setTimeout(180_000);

const embedded = !process.env.DATABASE_URL;
let registry: RegistryServer;
let db: TestDatabase | null = null;
let dir: string | null = null;
let orm: Orm | null = null;
let env: Record<string, string>;
const workers: Running[] = [];

beforeAll(async () => {
  registry = await startRegistryServer();
  if (embedded) {
    dir = mkdtempSync(join(tmpdir(), 'card-jobs-'));
    env = { DATABASE_URL: '', PGLITE_DIR: join(dir, 'pglite') };
  } else {
    db = await createTestDatabase();
    env = { DATABASE_URL: db.url! };
  }
  // The commands' settings, the same for each (a job takes its queue's expiry and retries when sent).
  env = { ...env, LOG_LEVEL: 'info', METRICS_PORT: '0', REDIS_URL: '', IDENTITY_RECHECK_SCHEDULE: 'off', IDENTITY_RECHECK_EXPIRE_SECONDS: '5', JOBS_SUPERVISE_SECONDS: '1' };
});
afterAll(async () => {
  for (const worker of workers) if (worker.process.exitCode === null && worker.process.signalCode === null) worker.process.kill('SIGKILL');
  await orm?.close();
  await db?.close();
  await registry.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The test's own connection (on the embedded database only while no worker runs). */
async function database(): Promise<Orm> {
  if (db) return db.orm;
  orm ??= await openOrm({ embeddedDir: env.PGLITE_DIR! }, ENTITIES);
  return orm;
}
async function letGo() {
  if (!embedded) return;
  await orm?.close();
  orm = null;
}

/** Starts `npm run worker`; on the embedded database, again while a killed one's lock is not yet stale (exit 75). */
async function startWorker(): Promise<Running> {
  for (;;) {
    const worker = startCommandProcess('cli/worker.ts', [], { ...env, PERSON_REGISTRY_URL: registry.url });
    workers.push(worker);
    const outcome = await Promise.race([
      worker.waitFor(/job runner started/, 120_000).then(() => 'started' as const, () => 'ended' as const),
      new Promise<number | null>((resolve) => worker.process.once('close', resolve)),
    ]);
    if (outcome === 'started') return worker;
    const finished = await worker.finished();
    if (finished.code !== 75) throw new Error(`the worker ended (${finished.code}):\n${finished.stdout}\n${finished.stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

const jobRows = async () => (await database()).em.getConnection().execute<{ state: string; retry_count: number }[]>(
  `select state, retry_count from pgboss.job where name = 'identity.recheck'`);

describe('the job runner across a restart', () => {
  it('completes a job once after its worker was killed in the middle of it', async () => {
    const em = (await database()).em.fork();
    if (embedded) await migrate(orm!);
    const card = await aCard().save(em);
    let answer!: () => void;
    const held = new Promise<void>((resolve) => (answer = resolve));
    registry.answer(card.iin, {
      json: registryPerson(card.iin, { surname: card.fullName.surname, givenName: 'Ерлан', patronymic: card.fullName.patronymic, birthDate: card.birthDate, sex: card.sex }),
      until: held,
    });
    await letGo();

    const sent = await runCommand('cli/jobs.ts', ['send', 'identity.recheck'], env);
    expect(sent).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Queued identity\.recheck: job /) });

    const first = await startWorker();
    await until(() => registry.asked().includes(card.iin), 'the re-check asked the registry', 120_000);
    first.process.kill('SIGKILL');
    expect((await first.finished()).code).toBeNull();
    answer();

    const second = await startWorker();
    await second.waitFor(/"msg":"job completed: identity\.recheck"/, 150_000);
    second.process.kill('SIGTERM');
    expect((await second.finished()).code).toBe(0);

    // One job, retried once after its lost attempt; the registry asked once per attempt.
    expect(await jobRows()).toEqual([{ state: 'completed', retry_count: 1 }]);
    expect(registry.asked().filter((iin) => iin === card.iin)).toHaveLength(2);
    const history = await (await database()).em.fork().find(CardHistory, { card: card.id, action: 'registryVerification' });
    // One change: the identity the registry gave, and the verification outcome per part it
    // recorded with it (both of that one change's moment).
    expect(history.map((entry) => entry.part).sort()).toEqual(['identity', 'identityVerification']);
    expect(new Set(history.map((entry) => entry.at.getTime())).size).toBe(1);
    expect(await (await database()).em.fork().findOneOrFail(Card, { id: card.id })).toMatchObject({
      fullName: { givenName: 'Ерлан' }, verification: { status: 'VERIFIED' },
    });
  });

  it('shows the queues and the dead letters to an operator, and sends a dead letter back', async () => {
    // A job that fails its only attempt leaves a dead letter.
    const jobs = await JobRunner.start(await database(), () => [{ name: 'test.cli', handle: async () => { throw new Error('the registry answered HTTP 503'); } }],
      { databaseUrl: db?.url ?? undefined, timeZone: 'Asia/Almaty', work: true, pollingSeconds: 0.5, superviseSeconds: 1 });
    await jobs.send('test.cli', { all: true });
    await until(async () => (await jobs.deadLetters('test.cli')).length === 1, 'the job is dead-lettered', 60_000);
    await jobs.stop();
    await letGo();

    const listed = await runCommand('cli/jobs.ts', [], env);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/^test\.cli\s+0\s+0\s+0\s+1\s+—$/m);
    const dead = await runCommand('cli/jobs.ts', ['dead'], env);
    expect(dead.code).toBe(0);
    const [, id] = /^(\S+)  test\.cli  failed \S+ after 1 attempts: the registry answered HTTP 503$/m.exec(dead.stdout) ?? [];
    expect(id).toBeDefined();

    expect(await runCommand('cli/jobs.ts', ['retry', id!], env)).toMatchObject({ code: 0, stdout: `Sent ${id} back to its queue.\n` });
    expect(await runCommand('cli/jobs.ts', ['retry', id!], env)).toMatchObject({ code: 1, stderr: expect.stringContaining(`No dead letter ${id}`) });
    const after = await runCommand('cli/jobs.ts', ['list'], env);
    expect(after.stdout).toMatch(/^test\.cli\s+1\s+0\s+0\s+0\s+—$/m);
  });
});
