import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { toGlobalId } from '../../src/api/relay.ts';
import { Card } from '../../src/modules/card/card.entity.ts';
import { aCard, aCareerCenter } from '../support/builders.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { runMain, startServerProcess, until, type ServerProcess } from '../support/server-process.ts';

// Tests here start the API in a process of its own (migrations, demo data): seconds on an idle
// machine, several times that on a busy one. The limit is against hangs, not a speed check.
jest.setTimeout(180_000);

// The reviewer's own case: a mutation waiting on a row lock when SIGTERM comes. It is answered and
// committed once the lock is released, by one process and by every worker under WEB_CONCURRENCY.
// A row lock needs a second session on the same database: PostgreSQL only.

const CENTER = 'CC-STOP';
const UPDATE = `mutation($id: ID!, $v: Int!, $input: IdentityInput!) { cardUpdateIdentity(id: $id, version: $v, input: $input) { card { version phone } userErrors { code } } }`;

let db: TestDatabase;
let locker: pg.Client;
beforeAll(async () => {
  db = await createTestDatabase();
  await aCareerCenter(db.orm.em.fork(), { code: CENTER });
  locker = new pg.Client({ connectionString: db.url! });
  await locker.connect();
});
afterAll(async () => {
  await locker?.end();
  await db?.close();
});

async function heldMutation(server: ServerProcess, phone: string) {
  const em = db.orm.em.fork();
  const card = await aCard().save(em, (await aCareerCenter(em, { code: `${CENTER}-${phone.slice(-4)}` })));
  const token = await server.token({ role: 'CASEWORKER', subject: 'caseworker-stop', careerCenter: `${CENTER}-${phone.slice(-4)}` });
  await locker.query('begin');
  await locker.query('select id from card where id = $1 for update', [card.id]);
  const answer = server.post(UPDATE, { id: toGlobalId('Card', card.id), v: card.version, input: { fullName: { surname: 'Серікбаев', givenName: 'Нұрлан' }, phone } }, token);
  // The mutation waits on the lock (an answer before that would be a refusal, shown by the failure).
  let answered: unknown = null;
  void answer.then((result) => (answered = result));
  await until(async () => answered !== null || (await locker.query(`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`)).rows[0].n > 0, 'the mutation waits on the lock');
  expect(answered).toBeNull();
  return { card, answer };
}

/** Runs `check`; should it fail, its message carries every line the processes wrote, which say what a stop waited for. */
function withTheLog(output: { stdout(): string; stderr(): string }, check: () => void) {
  try {
    check();
  } catch (error) {
    (error as Error).message += `\n\nThe processes' output:\n${output.stdout()}${output.stderr() ? `\nstandard error:\n${output.stderr()}` : ''}`;
    throw error;
  }
}

describe('SIGTERM while a mutation waits on a row lock', () => {
  it.each([['one process', 1], ['two worker processes', 2]] as const)('%s: the client gets its answer, the change is committed, the exit is 0', async (_name, workers) => {
    const server = await startServerProcess({ DATABASE_URL: db.url!, WEB_CONCURRENCY: String(workers), DOWNLOAD_LINK_SECRET: 'a shared key for the download links of the workers' });
    try {
      const phone = `+7701555010${workers}`;
      const { card, answer } = await heldMutation(server, phone);
      const stopped = server.stop('SIGTERM');
      await until(() => server.logLines().filter((line) => line.msg === 'stopping: finishing the work in hand').length >= (workers > 1 ? workers + 1 : 1), 'every process is stopping');
      await locker.query('commit');

      const { status, body } = await answer;
      withTheLog(server, () => expect({ status, errors: body.errors, result: body.data?.cardUpdateIdentity }).toEqual({ status: 200, errors: undefined, result: { card: { version: card.version + 1, phone }, userErrors: [] } }));
      // The errors any process logged are part of the expectation: they say why an exit was not 0.
      const exit = await stopped;
      withTheLog(server, () => expect({ ...exit, errors: server.logLines().filter((line) => line.level === 'error' || line.level === 'fatal') }).toEqual({ code: 0, signal: null, errors: [] }));
      const saved = await db.orm.em.fork().findOneOrFail(Card, card.id);
      expect({ version: saved.version, phone: saved.phone }).toEqual({ version: card.version + 1, phone });
    } finally {
      await locker.query('rollback').catch(() => undefined);
      await server.stop('SIGKILL');
      server.cleanUp();
    }
  });
});

// A stop that comes while the workers are still starting (an orchestrator scaling down at once)
// is clean as well: a worker without its handler yet ends on the signal, one further on closes
// what it opened, and neither turns the exit into 1.
describe('SIGTERM while the worker processes are starting', () => {
  it.each([0, 300, 1_000])('%i ms after the primary forked them: the exit is 0 and nothing failed', async (delayMs) => {
    const dir = mkdtempSync(join(tmpdir(), 'card-api-'));
    try {
      const run = runMain([], { PORT: '0', METRICS_PORT: '0', LOG_LEVEL: 'info', AUTH_DEV_KEY_DIR: join(dir, 'keys'), REDIS_URL: '', DATABASE_URL: db.url!, WEB_CONCURRENCY: '2', DOWNLOAD_LINK_SECRET: 'a shared key for the download links of the workers' });
      await until(() => run.stdout().includes('started the worker processes') || run.child.exitCode !== null, 'the primary forks the workers', 120_000);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      run.child.kill('SIGTERM');
      const { code, signal, stdout } = await run.exited;
      const failures = stdout.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line)).filter((line) => line.level === 'error' || line.level === 'fatal');
      expect({ code, signal, failures }).toEqual({ code: 0, signal: null, failures: [] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// The stop that came while a worker opened its first database connection (seen once in CI): the
// ORM's pool was closed under that connection, which then was never given back, and the pool's
// close waited for it until the deadline (exit 1). Here the connection is held open by a proxy in
// front of PostgreSQL, and the signal comes while it is held.
describe('SIGTERM while the process opens its first database connection', () => {
  it('the stop lets the start step end, closes the database, and the exit is 0', async () => {
    const target = new URL(db.url!);
    const sockets = new Set<Socket>();
    let held: () => void = () => undefined;
    const connected = new Promise<void>((resolve) => (held = resolve));
    const proxy = createServer((client) => {
      sockets.add(client);
      held();
      // Each connection reaches PostgreSQL only after a while: long enough for the signal to come first.
      setTimeout(() => {
        const upstream = connect(Number(target.port || 5432), target.hostname);
        sockets.add(upstream);
        client.pipe(upstream).pipe(client);
        const end = () => { client.destroy(); upstream.destroy(); };
        client.on('error', end).on('close', end);
        upstream.on('error', end).on('close', end);
      }, 1_000);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const url = new URL(db.url!);
    url.host = `127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    const dir = mkdtempSync(join(tmpdir(), 'card-api-'));
    try {
      const run = runMain([], { PORT: '0', METRICS_PORT: '0', LOG_LEVEL: 'info', AUTH_DEV_KEY_DIR: join(dir, 'keys'), REDIS_URL: '', DATABASE_URL: url.toString(), WEB_CONCURRENCY: '1', SHUTDOWN_TIMEOUT_MS: '15000' });
      await Promise.race([connected, run.exited]);
      run.child.kill('SIGTERM');
      const { code, signal, stdout } = await run.exited;
      const lines = stdout.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line));
      const failures = lines.filter((line) => line.level === 'error' || line.level === 'fatal');
      withTheLog(run, () => expect({ code, signal, stopping: lines.some((line) => line.msg === 'stopping: finishing the work in hand'), failures }).toEqual({ code: 0, signal: null, stopping: true, failures: [] }));
    } finally {
      sockets.forEach((socket) => socket.destroy());
      await new Promise((resolve) => proxy.close(resolve));
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
