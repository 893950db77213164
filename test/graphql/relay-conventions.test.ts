import { beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'graphql';
import { toGlobalId } from '../../src/api/relay.ts';
import { operationCost } from '../../src/graphql/limits.ts';
import { buildSchema } from '../../src/graphql/schema.ts';
import { aCard, aCareerCenter } from '../support/builders.ts';
import { codesOf, servedApi, type Caller } from '../support/served-api.ts';

// The schema's own conventions, over HTTP as a client meets them: connections page both ways
// (Relay's `last`/`before`), references are objects, fixed sets are enums, and what they replace
// stays, deprecated.

const api = servedApi();
const CENTER = 'CC-RELAY';
const caseworker: Caller = { role: 'CASEWORKER', subject: 'cw-relay', careerCenter: CENTER, name: 'Ахметова Динара' };
const head: Caller = { role: 'HEAD', subject: 'head-relay', careerCenter: CENTER, name: 'Бекова Алия' };
let cardId = '';
let iin = '';

beforeAll(async () => {
  const em = api.db.orm.em.fork();
  const center = await aCareerCenter(em, { code: CENTER });
  const builder = aCard().registered('UNEMPLOYED');
  for (let day = 1; day <= 7; day++) builder.withVisit({ plannedOn: `2026-02-${String(day + 10).padStart(2, '0')}`, attendedOn: null, note: null });
  const card = await builder.save(em, center);
  cardId = toGlobalId('Card', card.id);
  iin = card.iin;
  // Five changes over the API: five history records, and the reads leave audit records.
  let version = card.version;
  for (let day = 1; day <= 5; day++) {
    const answer = await api.post(`mutation($id: ID!, $version: Int!, $on: Date!) {
      visitPlan(cardId: $id, version: $version, input: { plannedOn: $on }) { card { version } userErrors { code message } } }`,
    { id: cardId, version, on: `2027-01-0${day}` }, caseworker);
    expect(answer.body.data.visitPlan.userErrors).toEqual([]);
    version = answer.body.data.visitPlan.card.version;
  }
  for (let i = 0; i < 4; i++) expect((await api.post('query($id: ID!) { card(id: $id) { iin } }', { id: cardId }, caseworker)).status).toBe(200);
}, 60_000);

interface Edge { cursor: string; node: { id?: string; at?: string } }
interface Connection { edges: Edge[]; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null } }

/** Reads a whole list forwards in one page, then backwards `size` at a time from its end, checking each page's `pageInfo`. */
async function pagesBothWays(read: (args: Record<string, unknown>) => Promise<Connection>, size: number) {
  const whole = await read({ first: 100 });
  expect(whole.edges.length).toBeGreaterThan(size);
  const backwards: Edge[][] = [];
  let before: string | null = null;
  for (;;) {
    const page: Connection = await read(before ? { last: size, before } : { last: size });
    backwards.unshift(page.edges);
    expect(page.pageInfo.startCursor).toBe(page.edges[0]?.cursor ?? null);
    expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
    // After the first page backwards, items follow `before`; before the last one, items precede.
    expect(page.pageInfo.hasNextPage).toBe(before !== null);
    const seen = backwards.flat().length;
    expect(page.pageInfo.hasPreviousPage).toBe(seen < whole.edges.length);
    if (!page.pageInfo.hasPreviousPage) break;
    before = page.pageInfo.startCursor;
  }
  // Backwards, page by page, in the list's own order: the same items as forwards.
  expect(backwards.flat()).toEqual(whole.edges);
  return whole;
}

describe('connections page backwards (last/before)', () => {
  it('§18 visits', async () => {
    const read = async (args: Record<string, unknown>) => {
      const answer = await api.post(`query($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {
        card(id: $id) { visits(first: $first, after: $after, last: $last, before: $before) {
          edges { cursor node { id plannedOn } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } }`, { id: cardId, ...args }, caseworker);
      expect(answer.body.errors).toBeUndefined();
      return answer.body.data.card.visits as Connection;
    };
    const whole = await pagesBothWays(read, 3);
    expect(whole.edges).toHaveLength(12);
    // Forwards from the middle, then backwards from the same cursor: the two halves of the list.
    const middle = whole.edges[5]!.cursor;
    const after = await read({ first: 100, after: middle });
    expect(after.edges).toEqual(whole.edges.slice(6));
    expect(after.pageInfo.hasPreviousPage).toBe(true);
    const beforeMiddle = await read({ last: 100, before: middle });
    expect(beforeMiddle.edges).toEqual(whole.edges.slice(0, 5));
    expect([beforeMiddle.pageInfo.hasPreviousPage, beforeMiddle.pageInfo.hasNextPage]).toEqual([false, true]);
  });

  it('§18 visits of a card read as it stood (asOf), paged in memory, mean the same', async () => {
    const read = async (asOf: string | null) => {
      const answer = await api.post(`query($id: ID!, $asOf: DateTime) { card(id: $id, asOf: $asOf) { visits(last: 3, before: null) {
        edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } }`, { id: cardId, asOf }, caseworker);
      expect(answer.body.errors).toBeUndefined();
      return answer.body.data.card.visits as Connection;
    };
    const live = await read(null);
    expect(live.edges).toHaveLength(3);
    expect(await read(new Date().toISOString())).toEqual(live);
  });

  it('the card\'s history', async () => {
    const read = async (args: Record<string, unknown>) => {
      const answer = await api.post(`query($id: ID!, $first: Int, $last: Int, $before: String) {
        card(id: $id) { history(first: $first, last: $last, before: $before) {
          totalCount edges { cursor node { id at } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } }`, { id: cardId, ...args }, caseworker);
      expect(answer.body.errors).toBeUndefined();
      return answer.body.data.card.history as Connection;
    };
    expect((await pagesBothWays(read, 2)).edges).toHaveLength(5);
  });

  it('the read audit', async () => {
    const read = async (args: Record<string, unknown>) => {
      const answer = await api.post(`query($first: Int, $last: Int, $before: String, $card: ID!) {
        readAudit(first: $first, last: $last, before: $before, filter: { card: $card }) {
          edges { cursor node { at } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`, { card: cardId, ...args }, head);
      expect(answer.body.errors).toBeUndefined();
      return answer.body.data.readAudit as Connection;
    };
    const whole = await pagesBothWays(read, 2);
    expect(whole.edges.length).toBeGreaterThanOrEqual(9);
  });

  it.each([
    ['first and last together', { first: 2, last: 2 }, 'last'],
    ['a negative last', { last: -1 }, 'last'],
    ['a last over 100', { last: 101 }, 'last'],
    ['a before that is not a cursor', { last: 2, before: 'nope' }, 'before'],
    ['a before of another list', { last: 2, before: Buffer.from('["12"]').toString('base64url') }, 'before'],
  ])('%s is BAD_USER_INPUT naming the argument, before any SQL runs', async (_, args, argument) => {
    const answer = await api.post(`query($id: ID!, $first: Int, $last: Int, $before: String) {
      card(id: $id) { visits(first: $first, last: $last, before: $before) { totalCount } } }`, { id: cardId, ...args }, caseworker);
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', argument } })]);
    expect(answer.statements).toBe(0);
  });

  it('a page from the end costs as much as one from the start', () => {
    const schema = buildSchema();
    const cost = (args: string) => operationCost(schema, parse(`{ cards(first: 10) { edges { node { visits(${args}) { edges { node { plannedOn note } } } } } } }`));
    expect(cost('last: 100')).toBe(cost('first: 100'));
    expect(cost('last: 100')).toBeGreaterThan(cost('first: 5'));
    // Neither given: the default page of 20, either way.
    expect(cost('includeVoided: true')).toBe(cost('first: 20'));
  });

  it('first and last together on the read audit are refused too', async () => {
    const answer = await api.post('{ readAudit(first: 1, last: 1) { edges { cursor } } }', {}, head);
    expect(codesOf(answer)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('references are objects', () => {
  it('a read audit record gives the cards read, as cards the head may read', async () => {
    const answer = await api.post(`query($card: ID!) { readAudit(first: 1, filter: { card: $card }) { edges { node {
      cards cardsRead { id card { id iin } } } } } }`, { card: cardId }, head);
    expect(answer.body.errors).toBeUndefined();
    const record = answer.body.data.readAudit.edges[0].node;
    expect(record.cards).toEqual([cardId]);
    expect(record.cardsRead).toEqual([{ id: cardId, card: { id: cardId, iin: expect.stringMatching(/^\d{12}$/) } }]);
  });

  it('a history record gives the entry that changed, as that entry', async () => {
    const answer = await api.post(`query($id: ID!) { card(id: $id) { history(last: 1) { edges { node {
      entryId entry { __typename ... on Visit { id plannedOn } } } } } } }`, { id: cardId }, caseworker);
    expect(answer.body.errors).toBeUndefined();
    const record = answer.body.data.card.history.edges[0].node;
    expect(record.entry).toEqual({ __typename: 'Visit', id: record.entryId, plannedOn: '2027-01-05' });
  });
});

describe('references to what is no longer the reader\'s', () => {
  it('a voided entry is still the entry a history record names', async () => {
    const { body } = await api.post(`query($id: ID!) { card(id: $id) { version visits(last: 1) { edges { node { id } } } } }`, { id: cardId }, caseworker);
    const visit = body.data.card.visits.edges[0].node.id;
    const voided = await api.post(`mutation($id: ID!, $version: Int!) { cardEntryVoid(id: $id, version: $version, reason: "entered twice") { userErrors { code } } }`,
      { id: visit, version: body.data.card.version }, caseworker);
    expect(voided.body.errors).toBeUndefined();
    const history = await api.post(`query($id: ID!) { card(id: $id) { history(last: 1) { edges { node { changedPart entry { ... on Visit { id voided { reason } } } } } } } }`,
      { id: cardId }, caseworker);
    expect(history.body.data.card.history.edges[0].node).toEqual({ changedPart: 'VISIT', entry: { id: visit, voided: { reason: 'entered twice' } } });
  });

});

describe('fixed sets are enums', () => {
  it('a history record names its part with an enum', async () => {
    const answer = await api.post('query($id: ID!) { card(id: $id) { history(first: 1) { edges { node { part changedPart } } } } }', { id: cardId }, caseworker);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data.card.history.edges[0].node).toEqual({ part: 'visit', changedPart: 'VISIT' });
  });

  it('a read audit record names the kind of operation with an enum', async () => {
    const answer = await api.post('query($card: ID!) { readAudit(first: 1, filter: { card: $card }) { edges { node { operationType operation } } } }', { card: cardId }, head);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data.readAudit.edges[0].node).toEqual({ operationType: 'query', operation: 'QUERY' });
  });
});

describe('what they replace stays, deprecated', () => {
  it.each([
    ['ReadAuditRecord', 'cards', 'cardsRead'],
    ['ReadAuditRecord', 'operationType', 'operation'],
    ['CardHistoryEntry', 'entryId', 'entry'],
    ['CardHistoryEntry', 'part', 'changedPart'],
  ])('%s.%s points to %s', async (type, field, replacement) => {
    const answer = await api.post(`query($type: String!) { __type(name: $type) { fields(includeDeprecated: true) { name isDeprecated deprecationReason } } }`, { type }, caseworker);
    const fields = answer.body.data.__type.fields as { name: string; isDeprecated: boolean; deprecationReason: string | null }[];
    expect(fields.find((f) => f.name === field)).toEqual({ name: field, isDeprecated: true, deprecationReason: expect.stringContaining(`\`${replacement}\``) });
    expect(fields.find((f) => f.name === replacement)?.isDeprecated).toBe(false);
  });
});

// Last: the card leaves the center, so the caseworker above can no longer read it.
describe('a card that is no longer the reader\'s', () => {
  it('a card that moved to another center keeps its id in the audit, not its data', async () => {
    const other = await aCareerCenter(api.db.orm.em.fork(), { code: 'CC-RELAY-B', region: 'KZ-71', district: null });
    const moved = await api.post(`mutation($input: CardOpenInput!) { cardOpen(input: $input) { transfer { ground } userErrors { code message } } }`, {
      input: { iin, appliedOn: '2026-11-30', careerCenter: toGlobalId('CareerCenter', other.id), fullName: { surname: 'Серікбаев', givenName: 'Нұрлан' } },
    }, { role: 'CASEWORKER', subject: 'cw-relay-b', careerCenter: 'CC-RELAY-B', name: 'Оспанова Гүлнар' });
    expect(moved.body.data.cardOpen.userErrors).toEqual([]);
    expect(moved.body.data.cardOpen.transfer).not.toBeNull();
    const answer = await api.post(`query($card: ID!) { readAudit(first: 100, filter: { card: $card }) { edges { node { cards cardsRead { id card { iin } } } } } }`,
      { card: cardId }, head);
    expect(answer.body.errors).toBeUndefined();
    const records = answer.body.data.readAudit.edges.map((edge: any) => edge.node);
    expect(records.length).toBeGreaterThan(1);
    for (const record of records) expect(record).toEqual({ cards: [cardId], cardsRead: [{ id: cardId, card: null }] });
  });
});
