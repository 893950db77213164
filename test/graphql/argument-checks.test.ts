import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { toGlobalId } from '../../src/api/relay.ts';
import { protectionFrom } from '../../src/http/protection.ts';
import { createTestIssuer } from '../support/auth.ts';
import { aCard, aCareerCenter } from '../support/builders.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer } from '../support/http.ts';
import { readSettings } from '../../src/runtime/settings.ts';

// Page sizes and cursors are checked for the whole operation before anything runs, over HTTP as a
// client sends them: a bad one deep inside a list of cards costs no SQL statement and leaves no
// audit record, and an answer that carries no card data is never recorded as a read.

let db: TestDatabase;
let url = '';
let token = '';
let stop: () => Promise<void>;
let centerId = '';

beforeAll(async () => {
  db = await createTestDatabase();
  const issuer = await createTestIssuer();
  const center = await aCareerCenter(db.orm.em.fork(), { code: 'CC-ARGS' });
  centerId = toGlobalId('CareerCenter', center.id);
  for (let i = 0; i < 3; i++) await aCard().withVisit().save(db.orm.em.fork(), center);
  token = await issuer.token({ role: 'CASEWORKER', careerCenter: 'CC-ARGS' });
  const protection = { ...protectionFrom(readSettings({})), rateLimit: { perWindow: 0, windowSeconds: 60 }, sqlStatementsHeader: true };
  const server = await startTestServer(db.orm, { auth: issuer.settings, registry: null, protection });
  ({ stop } = server);
  url = `${server.base}/graphql`;
});
afterAll(async () => {
  await stop();
  await db.close();
});

async function post(query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
  return { status: response.status, statements: Number(response.headers.get('x-sql-statements')), body: await response.json() as { data?: unknown; errors?: { extensions?: Record<string, unknown> }[] } };
}

const auditCount = async () => Number((await db.orm.em.fork().execute<{ n: string }[]>('select count(*) as n from read_audit'))[0]!.n);

const CARDS_WITH_VISITS = `query($center: ID!, $first: Int, $after: String) {
  cards(first: 10, filter: { careerCenter: $center }) { edges { node { iin fullName { surname } visits(first: $first, after: $after) { totalCount } } } }
}`;

describe('a bad page size or cursor inside a list of cards', () => {
  it.each([
    ['a page over 100', { first: 101 }, 'first'],
    ['a negative page', { first: -1 }, 'first'],
    ['a cursor that is not one', { after: 'not a cursor' }, 'after'],
    ['a cursor of another list', { after: Buffer.from('["12"]').toString('base64url') }, 'after'],
  ])('%s is refused before any SQL runs, with no audit record', async (_, variables, argument) => {
    const before = await auditCount();
    const { status, statements, body } = await post(CARDS_WITH_VISITS, { center: centerId, ...variables });
    expect(status).toBe(400);
    expect(body.data ?? null).toBeNull();
    expect(body.errors).toEqual([expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', argument } })]);
    expect(statements).toBe(0);
    expect(await auditCount()).toBe(before);
  });

  it('is refused when it comes from a variable\'s default too', async () => {
    const { status, statements, body } = await post(`query($center: ID!, $first: Int = 101) {
      cards(first: 5, filter: { careerCenter: $center }) { edges { node { iin visits(first: $first) { totalCount } } } } }`, { center: centerId });
    expect([status, statements]).toEqual([400, 0]);
    expect(body.errors).toEqual([expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', argument: 'first' } })]);
  });

  it('within every limit, the same query reads the cards and records one read', async () => {
    const before = await auditCount();
    const { status, body } = await post(CARDS_WITH_VISITS, { center: centerId, first: 100 });
    expect(status).toBe(200);
    expect((body.data as { cards: { edges: unknown[] } }).cards.edges).toHaveLength(3);
    expect(await auditCount()).toBe(before + 1);
  });
});

describe('an answer that carries no card data', () => {
  it('leaves no audit record, though cards were read on the way', async () => {
    const before = await auditCount();
    // The card is read, then a filter the resolver refuses fails the non-null list: no data leaves.
    const { body } = await post(`query($center: ID!) {
      cards(first: 1, filter: { careerCenter: $center }) { edges { node { iin } } }
      bad: cards(filter: { region: "KZ-00" }) { totalCount } }`, { center: centerId });
    expect(body.data ?? null).toBeNull();
    expect(body.errors).toEqual([expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', argument: 'filter.region' } })]);
    expect(await auditCount()).toBe(before);
  });
});
