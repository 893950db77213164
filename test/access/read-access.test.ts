import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Principal } from '../../src/modules/access/principal.ts';
import { toGlobalId } from '../../src/graphql/relay.ts';
import { createTestApi, dataOf, type TestApi } from '../support/api.ts';
import { aCard, aCareerCenter } from '../support/builders.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

// Issue 6 — what each role may read, by every route to a card: `card` (also as of a past
// moment), `cardByIin`, `node` (the card and its entries) and the `cards` connection.

let db: TestDatabase;
let api: TestApi;
const ids = { mine: '', theirs: '', mineVisit: '', theirsVisit: '' };
const iins = { mine: '', theirs: '' };

beforeAll(async () => {
  db = await createTestDatabase();
  api = await createTestApi(db.orm);
  const em = db.orm.em.fork();
  const almaty = await aCareerCenter(em, { code: 'CC-READ-A' });
  const astana = await aCareerCenter(em, { code: 'CC-READ-B', region: 'KZ-71', district: null });
  const mine = await aCard().withVisit().save(em, almaty);
  const theirs = await aCard().withVisit().save(em, astana);
  Object.assign(iins, { mine: mine.iin, theirs: theirs.iin });
  Object.assign(ids, { mine: toGlobalId('Card', mine.id), theirs: toGlobalId('Card', theirs.id) });
  const visits = dataOf(await api.execute(`query($a: ID!, $b: ID!) {
    a: card(id: $a) { visits(first: 1) { edges { node { id } } } } b: card(id: $b) { visits(first: 1) { edges { node { id } } } } }`,
  { a: ids.mine, b: ids.theirs }));
  ids.mineVisit = visits.a.visits.edges[0].node.id;
  ids.theirsVisit = visits.b.visits.edges[0].node.id;
});
afterAll(() => db.close());

const caseworker = (center: string): Principal => ({ subject: 'cw-1', role: 'CASEWORKER', careerCenter: center, name: null });
const head = (center: string): Principal => ({ subject: 'head-1', role: 'HEAD', careerCenter: center, name: null });
const citizen = (iin: string): Principal => ({ subject: iin, role: 'CITIZEN', careerCenter: null, name: null });
const ANALYST: Principal = { subject: 'an-1', role: 'ANALYST', careerCenter: null, name: null };
const INTEGRATION: Principal = { subject: 'gbd', role: 'INTEGRATION', careerCenter: null, name: null };

/** What `principal` reads of the card `which`, by each route. */
async function reads(principal: Principal, which: 'mine' | 'theirs') {
  const data = dataOf(await api.execute(`query($id: ID!, $iin: IIN!, $visit: ID!, $at: DateTime!) {
    byId: card(id: $id) { iin }
    asOf: card(id: $id, asOf: $at) { iin }
    byIin: cardByIin(iin: $iin) { iin }
    node: node(id: $id) { ... on Card { iin } }
    entry: node(id: $visit) { id }
    cards(first: 100) { totalCount edges { node { iin } } }
  }`, { id: ids[which], iin: iins[which], visit: which === 'mine' ? ids.mineVisit : ids.theirsVisit, at: new Date().toISOString() }, { principal }));
  return {
    byId: data.byId?.iin ?? null,
    asOf: data.asOf?.iin ?? null,
    byIin: data.byIin?.iin ?? null,
    node: data.node?.iin ?? null,
    entry: data.entry ? 'visit' : null,
    listed: data.cards.edges.some((e: any) => e.node.iin === iins[which]),
    total: data.cards.totalCount,
  };
}

const readsAll = (iin: string) => ({ byId: iin, asOf: iin, byIin: iin, node: iin, entry: 'visit', listed: true });
const readsNothing = { byId: null, asOf: null, byIin: null, node: null, entry: null, listed: false };

describe('a caseworker', () => {
  it('reads the cards of their own career center, by every route', async () => {
    expect(await reads(caseworker('CC-READ-A'), 'mine')).toMatchObject({ ...readsAll(iins.mine), total: 1 });
  });

  it('reads nothing of a card another center keeps, by any route', async () => {
    expect(await reads(caseworker('CC-READ-A'), 'theirs')).toMatchObject({ ...readsNothing, total: 1 });
  });

  it('of a center that does not exist reads nothing at all', async () => {
    expect(await reads(caseworker('CC-NOWHERE'), 'mine')).toMatchObject({ ...readsNothing, total: 0 });
  });
});

describe('a head of a center', () => {
  it('reads their center\'s cards and no other', async () => {
    expect(await reads(head('CC-READ-B'), 'theirs')).toMatchObject({ ...readsAll(iins.theirs), total: 1 });
    expect(await reads(head('CC-READ-B'), 'mine')).toMatchObject(readsNothing);
  });
});

describe('a citizen', () => {
  it('reads their own card by every route, and it is the only card listed', async () => {
    expect(await reads(citizen(iins.mine), 'mine')).toMatchObject({ ...readsAll(iins.mine), total: 1 });
  });

  it('reads nothing of another person\'s card: not by id, IIN, node id, entry id, nor through cards', async () => {
    expect(await reads(citizen(iins.mine), 'theirs')).toMatchObject({ ...readsNothing, total: 1 });
  });

  it('without a card reads nothing', async () => {
    expect(await reads(citizen('900101300145'), 'mine')).toMatchObject({ ...readsNothing, total: 0 });
  });
});

describe('an analyst', () => {
  it('reads every card', async () => {
    expect(await reads(ANALYST, 'mine')).toMatchObject({ ...readsAll(iins.mine), total: 2 });
    expect(await reads(ANALYST, 'theirs')).toMatchObject(readsAll(iins.theirs));
  });
});

describe('an integration client', () => {
  it('reads no card: it imports', async () => {
    expect(await reads(INTEGRATION, 'mine')).toMatchObject({ ...readsNothing, total: 0 });
  });
});
