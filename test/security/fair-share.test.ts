import { beforeAll, describe, expect, it } from '@jest/globals';
import { FULL_CARD } from '../../src/bench/queries.ts';
import { DEFAULT_LIMITS } from '../../src/graphql/limits.ts';
import { Territories } from '../../src/modules/dictionary/territories.ts';
import { seedDemoData } from '../../src/seed/seeder.ts';
import { openOrm } from '../../src/db/orm.ts';
import { protectionFrom } from '../../src/http/protection.ts';
import { ENTITIES } from '../../src/modules/entities.ts';
import { codesOf, servedApi, startServer, type Answer } from '../support/served-api.ts';
import { readSettings } from '../../src/runtime/settings.ts';

// One caller's heaviest allowed queries must not starve another caller's small one: a request
// holds at most its share of the database pool, so the small query's statement waits behind a
// few statements, not behind the whole heavy request. Found as: 180 statistics statements in
// one request, and another user's `cards(first: 1) { totalCount }` waiting up to 6.6 s.
// The machine may be small and busy: the figures are printed, and the test asserts only that
// the small query is answered within the execution timeout.

const CARDS = 300;
const api = servedApi();
beforeAll(async () => {
  await seedDemoData(api.db.orm, await Territories.load(api.db.orm.em.fork()), { cards: CARDS });
}, 300_000);

const period = 'period: { from: "2020-01-01", to: "2026-12-31" }';
const lists = `registrations { group { code } kind applied registered refused deregistered }
  refusalReasons { group { code } reason count } deregistrationReasons { group { code } reason count }
  referrals { group { code } referred hired } activeMeasures { group { code } kind referred averageDaysToEmployment }
  relocation { group { code } families persons total }`;
/** Every statistics list, grouped by every dimension, as many times as the limit on heavy statements allows. */
const HEAVIEST_STATISTICS = `{ ${Array.from({ length: DEFAULT_LIMITS.maxHeavyStatements / 6 }, (_, i) =>
  `s${i}: statistics(${period}, groupBy: [REGION, DISTRICT, CAREER_CENTER, SEX, AGE_GROUP, EDUCATION_LEVEL]) { ${lists} }`).join(' ')} }`;
/** The whole card on the largest page the cost allows. */
const HEAVIEST_CARDS = `{ cards(first: 50) { edges { node { ...FullCard } } } } ${FULL_CARD}`;
const SMALL = '{ cards(first: 1) { totalCount } }';

const small = () => api.post(SMALL, undefined, { role: 'ANALYST', subject: 'someone-else' });
const summary = (answers: Answer[]) => {
  const ms = answers.map((answer) => answer.ms).sort((a, b) => a - b);
  return `${answers.length} × median ${ms[Math.floor(ms.length / 2)]!.toFixed(0)} ms, max ${ms.at(-1)!.toFixed(0)} ms`;
};

describe('while one caller sends the heaviest queries the limits allow', () => {
  it("another caller's small query is answered in time", async () => {
    const alone: Answer[] = [];
    for (let i = 0; i < 5; i++) alone.push(await small());

    // Two heavy queries at a time (statistics and whole cards), again and again, until the small ones are done.
    const heavy: Answer[] = [];
    let done = false;
    const heavyCaller = async (query: string) => {
      while (!done) heavy.push(await api.post(query));
    };
    const running = [heavyCaller(HEAVIEST_STATISTICS), heavyCaller(HEAVIEST_CARDS)];
    await new Promise((resolve) => setTimeout(resolve, 300));
    const meanwhile: Answer[] = [];
    try {
      for (let i = 0; i < 10; i++) meanwhile.push(await small());
    } finally {
      done = true;
      await Promise.all(running);
    }

    console.log([
      `Fair share on ${api.db.kind}, ${CARDS} cards:`,
      `  small query alone:           ${summary(alone)}`,
      `  small query beside heavy:    ${summary(meanwhile)}`,
      `  heavy queries (statistics ${DEFAULT_LIMITS.maxHeavyStatements} lists, whole card × 50): ${summary(heavy)}, `
        + `${Math.max(...heavy.map((answer) => answer.bytes))} bytes at most, statuses ${[...new Set(heavy.map((answer) => answer.status))].join(', ')}`,
    ].join('\n'));
    for (const answer of [...alone, ...meanwhile]) {
      expect({ status: answer.status, errors: answer.body.errors, inTime: answer.ms < DEFAULT_LIMITS.executionTimeoutMs })
        .toEqual({ status: 200, errors: undefined, inTime: true });
    }
  }, 120_000);
});

describe('a statement that runs longer than DB_STATEMENT_TIMEOUT_MS', () => {
  it('is cancelled by PostgreSQL and answered as STATEMENT_TIMEOUT, without SQL (the embedded database has none)', async () => {
    if (api.db.kind === 'pglite') {
      // PGlite accepts `statement_timeout` but never cancels (no timer signal in WASM): the API
      // leaves it unset there, and the heaviest statistics run to the end.
      const answer = await api.post(HEAVIEST_STATISTICS);
      expect({ status: answer.status, errors: answer.body.errors }).toEqual({ status: 200, errors: undefined });
      return;
    }
    // The same database through a pool whose statements may run 500 ms, and a statement made to
    // run longer: it waits for a lock that another connection holds until it is answered.
    const timed = await openOrm({ url: api.db.orm.config.get('clientUrl'), embeddedDir: '', statementTimeoutMs: 500 }, ENTITIES);
    const server = await startServer(timed);
    try {
      const answer = await api.db.orm.em.fork().transactional(async (em) => {
        await em.execute('lock table "card" in access exclusive mode');
        return server.post(SMALL);
      });
      console.log(`Statement timeout of 500 ms on postgres: HTTP ${answer.status} in ${answer.ms.toFixed(0)} ms, ${JSON.stringify(answer.body.errors)}`);
      expect(codesOf(answer)).toEqual(['STATEMENT_TIMEOUT']);
      expect(answer.ms).toBeGreaterThanOrEqual(500);
      expect(answer.body.errors![0]!.message).not.toMatch(/select|"card"|statement_timeout|canceling|  at /i);
    } finally {
      await server.stop();
      await timed.close();
    }
  });
});

describe('the database settings', () => {
  it('come from DB_CONNECTIONS_PER_REQUEST and DB_STATEMENT_TIMEOUT_MS (0: no timeout)', () => {
    expect(protectionFrom(readSettings({})).database).toEqual({ connectionsPerRequest: 3, statementTimeoutMs: 10_000 });
    expect(protectionFrom(readSettings({ DB_CONNECTIONS_PER_REQUEST: '1', DB_STATEMENT_TIMEOUT_MS: '0' })).database).toEqual({ connectionsPerRequest: 1, statementTimeoutMs: 0 });
    expect(() => protectionFrom(readSettings({ DB_CONNECTIONS_PER_REQUEST: '0' }))).toThrow('DB_CONNECTIONS_PER_REQUEST must be an integer of at least 1, not "0"');
  });
});
