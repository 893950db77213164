import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { JobDefinition } from '../../src/jobs/job.ts';
import { JobRunner, type RunnerOptions } from '../../src/jobs/runner.ts';
import { startJobRunner } from '../../src/jobs/start.ts';
import { Territories } from '../../src/modules/dictionary/territories.ts';
import { readSettings } from '../../src/runtime/settings.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { until } from '../support/server-process.ts';

// The job runner on the test's database (PGlite, or PostgreSQL with DATABASE_URL): a job runs, a
// failing one is retried with backoff and then dead-lettered, a singleton key keeps a job from
// being queued twice, the schedules come from the settings and are not doubled by a second
// process, and on the embedded database a job's statements never land in an ORM transaction.

jest.setTimeout(180_000);

let db: TestDatabase;
const runners: JobRunner[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  for (const runner of runners) await runner.stop();
  await db.close();
});

const OPTIONS: RunnerOptions = { timeZone: 'Asia/Almaty', work: true, pollingSeconds: 0.5, superviseSeconds: 1, stopTimeoutMs: 5_000 };

async function runner(definitions: JobDefinition<any>[], options: Partial<RunnerOptions> = {}) {
  const started = await JobRunner.start(db.orm, () => definitions, { ...OPTIONS, databaseUrl: db.url ?? undefined, ...options });
  runners.push(started);
  return started;
}

describe('the job runner', () => {
  it('runs a queued job once', async () => {
    const seen: unknown[] = [];
    const jobs = await runner([{ name: 'test.echo', handle: async (data) => void seen.push(data) }]);
    const id = await jobs.send('test.echo', { card: '42' });
    expect(id).toEqual(expect.any(String));
    await until(() => seen.length > 0, 'the job ran');
    await until(async () => (await jobs.queues()).find((q) => q.name === 'test.echo')!.active === 0, 'the job is done');
    expect(seen).toEqual([{ card: '42' }]);
    expect((await jobs.queues()).find((q) => q.name === 'test.echo')).toMatchObject({ queued: 0, active: 0, deferred: 0, dead: 0 });
  });

  it('retries a failing job with growing delays, then moves it to the dead letters with its error', async () => {
    const attempts: { retryCount: number; at: number }[] = [];
    const jobs = await runner([{
      name: 'test.fails',
      retry: { limit: 2, delaySeconds: 1, backoff: true },
      handle: async (_data, run) => {
        attempts.push({ retryCount: run.retryCount, at: Date.now() });
        throw new Error('the registry is away');
      },
    }]);
    await jobs.send('test.fails', { card: '7' });
    await until(async () => (await jobs.deadLetters('test.fails')).length === 1, 'the job is dead-lettered', 120_000);
    expect(attempts.map((a) => a.retryCount)).toEqual([0, 1, 2]);
    // Backoff: retryDelay × 2^n/2 × (1 + random) after the n-th failure, i.e. at least 1 s, then 2 s.
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(900);
    expect(attempts[2]!.at - attempts[1]!.at).toBeGreaterThanOrEqual(1_900);
    const [letter] = await jobs.deadLetters('test.fails');
    expect(letter).toMatchObject({ queue: 'test.fails', data: { card: '7' }, attempts: 3, error: 'the registry is away' });
    expect((await jobs.queues()).find((q) => q.name === 'test.fails')).toMatchObject({ queued: 0, active: 0, dead: 1 });

    // Sent back, it is attempted afresh (and dead-lettered again here).
    expect(await jobs.retryDeadLetter(letter!.id)).toBe(true);
    expect(await jobs.retryDeadLetter(letter!.id)).toBe(false);
    await until(() => attempts.length === 6, 'the job sent back ran its attempts again', 120_000);
    await until(async () => (await jobs.deadLetters('test.fails')).length === 1, 'dead-lettered again', 60_000);
  });

  it('does not queue a job twice under one singleton key while it waits', async () => {
    const jobs = await runner([{ name: 'test.single', handle: async () => undefined }], { work: false });
    const first = await jobs.send('test.single', {}, { singletonKey: 'card-1' });
    expect(first).toEqual(expect.any(String));
    expect(await jobs.send('test.single', {}, { singletonKey: 'card-1' })).toBeNull();
    expect(await jobs.send('test.single', {}, { singletonKey: 'card-2' })).toEqual(expect.any(String));
    expect((await jobs.queues()).find((q) => q.name === 'test.single')).toMatchObject({ queued: 2 });
    await expect(jobs.send('test.unknown', {})).rejects.toThrow('no job is named test.unknown');
  });

  it('schedules the identity re-check from IDENTITY_RECHECK_SCHEDULE, once however many processes register it', async () => {
    const territories = await Territories.load(db.orm.em.fork());
    const settings = readSettings({ IDENTITY_RECHECK_SCHEDULE: '15 3 * * *', DATABASE_URL: db.url ?? undefined });
    const first = await startJobRunner(db.orm, { territories, registry: null, settings });
    runners.push(first);
    const second = await startJobRunner(db.orm, { territories, registry: null, settings });
    runners.push(second);
    const schedules = await db.orm.em.getConnection().execute(`select name, cron, timezone from pgboss.schedule where name = 'identity.recheck'`);
    expect(schedules).toEqual([{ name: 'identity.recheck', cron: '15 3 * * *', timezone: 'Asia/Almaty' }]);
    expect((await first.queues()).find((q) => q.name === 'identity.recheck')).toMatchObject({ schedule: '15 3 * * *' });

    // `off` takes the schedule away.
    await first.stop();
    await second.stop();
    const off = await startJobRunner(db.orm, { territories, registry: null, settings: readSettings({ IDENTITY_RECHECK_SCHEDULE: 'off', DATABASE_URL: db.url ?? undefined }) });
    runners.push(off);
    expect((await off.queues()).find((q) => q.name === 'identity.recheck')).toMatchObject({ schedule: null });
    // Without a person registry the re-check is done at once, with nothing asked.
    await off.send('identity.recheck', {});
    await until(async () => (await db.orm.em.getConnection().execute(`select state from pgboss.job where name = 'identity.recheck'`))
      .some((row: { state: string }) => row.state === 'completed'), 'the re-check completed');
  });

  it("never runs a job's statements inside an ORM transaction in progress", async () => {
    const jobs = await runner([{ name: 'test.during', handle: async () => undefined }], { work: false });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let inTransaction!: () => void;
    const begun = new Promise<void>((resolve) => (inTransaction = resolve));
    const code = `TX-${Date.now()}`;
    const transaction = db.orm.em.fork().transactional(async (em) => {
      await em.getConnection().execute('select 1', [], 'all', em.getTransactionContext());
      inTransaction();
      await held;
      throw new Error('rolled back on purpose');
    });
    await begun;
    let sent: string | null | undefined;
    const sending = jobs.send('test.during', { during: code }).then((id) => (sent = id));
    // A moment for the statement to reach the database (it cannot go wrong by being slow): on PGlite
    // it waits for the lock the ORM's transaction holds; on PostgreSQL it is another connection's.
    await new Promise((resolve) => setTimeout(resolve, 300));
    if (db.kind === 'pglite') expect(sent).toBeUndefined();
    release();
    await expect(transaction).rejects.toThrow('rolled back on purpose');
    await sending;
    expect(sent).toEqual(expect.any(String));
    const rows = await db.orm.em.getConnection().execute(`select data->>'during' as during from pgboss.job where name = 'test.during'`);
    expect(rows).toEqual([{ during: code }]);
  });
});
