import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import pg from 'pg';
import { toGlobalId } from '../../src/api/relay.ts';
import { Card } from '../../src/modules/card/card.entity.ts';
import { aCard, aCareerCenter } from '../support/builders.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { startServerProcess, until, type ServerProcess } from '../support/server-process.ts';

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
      expect({ status, errors: body.errors, result: body.data?.cardUpdateIdentity }).toEqual({ status: 200, errors: undefined, result: { card: { version: card.version + 1, phone }, userErrors: [] } });
      expect(await stopped).toEqual({ code: 0, signal: null });
      const saved = await db.orm.em.fork().findOneOrFail(Card, card.id);
      expect({ version: saved.version, phone: saved.phone }).toEqual({ version: card.version + 1, phone });
    } finally {
      await locker.query('rollback').catch(() => undefined);
      await server.stop('SIGKILL');
      server.cleanUp();
    }
  });
});
