import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { PostgreSqlConnection } from '@mikro-orm/postgresql';
import pg from 'pg';
import { type Readiness } from '../../src/http/readiness.ts';
import { Card } from '../../src/modules/card/card.entity.ts';
import { toGlobalId } from '../../src/api/relay.ts';
import { aCard, aCareerCenter, nextIin } from '../support/builders.ts';
import { codesOf, startServer, type Answer, type Caller } from '../support/served-api.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

// Terminating connections and refusing new ones takes a PostgreSQL server (the rest of the
// readiness tests are in readiness.test.ts).
//
// Liveness and readiness: /healthz answers while the process lives; /readyz says whether requests
// can be served (database reachable, migrations applied, Redis reachable when configured). When the
// database goes away, requests are answered 503 DATABASE_UNAVAILABLE with Retry-After, and the API
// serves again as soon as the database is back, without a restart. Found as: /healthz answered 200
// while the database refused connections, and GraphQL answered HTTP 200 INTERNAL_SERVER_ERROR.

const CENTER = 'CC-READY';
const caseworker: Caller = { role: 'CASEWORKER', subject: 'caseworker-ready', careerCenter: CENTER };
const CARDS = '{ cards(first: 5) { totalCount edges { node { iin } } } }';
const OPEN = 'mutation($input: CardOpenInput!) { cardOpen(input: $input) { card { id } userErrors { code } } }';

let db: TestDatabase;
let server: Awaited<ReturnType<typeof startServer>>;
let iin: string;
let centerId: string;
beforeAll(async () => {
  db = await createTestDatabase();
  const em = db.orm.em.fork();
  const center = await aCareerCenter(em, { code: CENTER });
  centerId = toGlobalId('CareerCenter', center.id);
  iin = (await aCard().save(em, center)).iin;
  server = await startServer(db.orm);
});
afterAll(async () => {
  await server?.stop();
  await db?.close();
});

const readyz = async () => {
  const response = await fetch(`${server.base}/readyz`);
  return { status: response.status, body: await response.json() as Readiness };
};

/** Polls `attempt` until `done` says so, at most `ms`; every result on the way is checked by `meanwhile`. */
async function until<T>(attempt: () => Promise<T>, done: (result: T) => boolean, meanwhile: (result: T) => void = () => {}, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const result = await attempt();
    if (done(result)) return result;
    meanwhile(result);
    if (Date.now() > deadline) throw new Error(`not done within ${ms} ms; last: ${JSON.stringify(result)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The answer a request gets while the database is away. */
function expectUnavailable(answer: Answer) {
  expect({ status: answer.status, codes: codesOf(answer), data: answer.body.data ?? null }).toEqual({ status: 503, codes: ['DATABASE_UNAVAILABLE'], data: null });
  expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(JSON.stringify(answer.body)).not.toMatch(/select|"card"|terminat|ECONN|57P0|accepting|  at /i);
}

const servedCorrectly = (answer: Answer) => answer.status === 200 && answer.body.data?.cards.totalCount === 1 && answer.body.data.cards.edges[0].node.iin === iin;

describe('when PostgreSQL goes away and comes back', () => {
  let admin: pg.Client;
  let name: string;
  beforeAll(async () => {
    admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    name = new URL(db.orm.config.get('clientUrl')!).pathname.slice(1);
  });
  afterAll(async () => {
    await admin?.query(`alter database "${name}" allow_connections true`);
    await admin?.end();
  });
  /** Ends every connection to the suite's database but `except`, waiting (up to 5 s) until they are gone. */
  const terminate = (except = 0) => admin.query('select pg_terminate_backend(pid, 5000) from pg_stat_activity where datname = $1 and pid <> $2', [name, except]);

  /**
   * Sends `request` while another connection locks `table`, so that it waits there, and ends the
   * API's connections meanwhile: the request's connection is cut in the middle of it.
   */
  async function cutWhileWaitingOn<T>(table: string, request: () => Promise<T>): Promise<T> {
    const holder = new pg.Client({ connectionString: db.orm.config.get('clientUrl') });
    await holder.connect();
    try {
      await holder.query(`begin; lock table "${table}" in access exclusive mode`);
      const held = request();
      await until(() => admin.query('select count(*)::int as n from pg_stat_activity where datname = $1 and wait_event_type = $2', [name, 'Lock']), (r) => r.rows[0].n > 0);
      await terminate((await holder.query('select pg_backend_pid() as pid')).rows[0].pid);
      return await held;
    } finally {
      await holder.end();
    }
  }
  const input = (iin: string) => ({ iin, appliedOn: '2026-11-02', careerCenter: centerId, fullName: { surname: 'Омаров', givenName: 'Ерлан' } });

  it('answers a query whose connection is terminated 503, and serves the next ones without a restart', async () => {
    expect(servedCorrectly(await server.post(CARDS, undefined, caseworker))).toBe(true);
    expectUnavailable(await cutWhileWaitingOn('card', () => server.post(CARDS, undefined, caseworker)));
    // The pool discards the dead connections and opens new ones.
    await until(() => server.post(CARDS, undefined, caseworker), servedCorrectly, expectUnavailable);
  });

  it('withholds a read whose audit record cannot be written, as DATABASE_UNAVAILABLE', async () => {
    expectUnavailable(await cutWhileWaitingOn('read_audit', () => server.post(CARDS, undefined, caseworker)));
    await until(() => server.post(CARDS, undefined, caseworker), servedCorrectly, expectUnavailable);
  });

  it('leaves nothing of a mutation whose connection is cut halfway', async () => {
    const newcomer = nextIin('1987-06-05');
    // The card is inserted, its history row waits.
    expectUnavailable(await cutWhileWaitingOn('card_history', () => server.post(OPEN, { input: input(newcomer) }, caseworker)));
    await until(() => server.post(CARDS, undefined, caseworker), servedCorrectly, expectUnavailable);
    expect(await db.orm.em.fork().count(Card, { iin: newcomer })).toBe(0);
    // Its cut connection went back to the pool (which discarded it), rather than holding a slot for good.
    const pool = await (db.orm.em.getConnection() as PostgreSqlConnection).getNativeClient();
    expect(pool.totalCount - pool.idleCount).toBe(0);
  });

  it('answers 503 while the database refuses connections, for queries, mutations and the CSV export, and serves again when it accepts them', async () => {
    await admin.query(`alter database "${name}" allow_connections false`);
    try {
      await terminate();
      // The pool may still hand out an idle connection whose end it has not read yet; once it tries
      // a new one, the database's refusal is the reason.
      const probe = await until(readyz, (r) => r.body.checks.database.reason === 'not accepting connections');
      expect(probe.status).toBe(503);
      expect(probe.body.status).toBe('unavailable');
      expect((await fetch(`${server.base}/healthz`)).status).toBe(200);

      expectUnavailable(await server.post(CARDS, undefined, caseworker));
      const newcomer = nextIin('1988-03-04');
      expectUnavailable(await server.post(OPEN, { input: input(newcomer) }, caseworker));
      const csv = await server.get('/export/statistics.csv?table=registrations&from=2026-01-01&to=2026-06-30');
      expect({ status: csv.status, retryAfter: Number(csv.headers.get('retry-after')) > 0, body: await csv.json() })
        .toMatchObject({ status: 503, retryAfter: true, body: { errors: [{ extensions: { code: 'DATABASE_UNAVAILABLE' } }] } });

      await admin.query(`alter database "${name}" allow_connections true`);
      await until(readyz, (r) => r.status === 200);
      await until(() => server.post(CARDS, undefined, caseworker), servedCorrectly, expectUnavailable);
      expect(await db.orm.em.fork().count(Card, { iin: newcomer })).toBe(0);
    } finally {
      await admin.query(`alter database "${name}" allow_connections true`);
    }
  });
});
