import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Principal } from '../../src/modules/access/principal.ts';
import { toGlobalId } from '../../src/api/relay.ts';
import { dataOf } from '../support/api.ts';
import { aCard, aCareerCenter } from '../support/builders.ts';
import { apiFixture } from '../support/fixture.ts';

// What each role may read, by every route to a card: `card` (also as of a past
// moment), `cardByIin`, `node` (the card and its entries) and the `cards` connection.

const ids = { mine: '', theirs: '', mineVisit: '', theirsVisit: '' };
const iins = { mine: '', theirs: '' };

const fixture = apiFixture();
beforeAll(async () => {
  const em = fixture.db.orm.em.fork();
  const almaty = await aCareerCenter(em, { code: 'CC-READ-A' });
  const astana = await aCareerCenter(em, { code: 'CC-READ-B', region: 'KZ-71', district: null });
  const mine = await aCard().withVisit().save(em, almaty);
  const theirs = await aCard().withVisit().save(em, astana);
  Object.assign(iins, { mine: mine.iin, theirs: theirs.iin });
  Object.assign(ids, { mine: toGlobalId('Card', mine.id), theirs: toGlobalId('Card', theirs.id) });
  const visits = dataOf(await fixture.api.execute(`query($a: ID!, $b: ID!) {
    a: card(id: $a) { visits(first: 1) { edges { node { id } } } } b: card(id: $b) { visits(first: 1) { edges { node { id } } } } }`,
  { a: ids.mine, b: ids.theirs }));
  ids.mineVisit = visits.a.visits.edges[0].node.id;
  ids.theirsVisit = visits.b.visits.edges[0].node.id;
});

const caseworker = (center: string): Principal => ({ subject: 'cw-1', role: 'CASEWORKER', careerCenter: center, name: null, iin: null });
const head = (center: string): Principal => ({ subject: 'head-1', role: 'HEAD', careerCenter: center, name: null, iin: null });
const citizen = (iin: string): Principal => ({ subject: iin, role: 'CITIZEN', careerCenter: null, name: null, iin });
const ANALYST: Principal = { subject: 'an-1', role: 'ANALYST', careerCenter: null, name: null, iin: null };
const INTEGRATION: Principal = { subject: 'gbd', role: 'INTEGRATION', careerCenter: null, name: null, iin: null };

/** Which routes give `principal` the card `which` (by its id; an analyst sees no IIN, and finds no card by one). */
async function reads(principal: Principal, which: 'mine' | 'theirs') {
  const analyst = principal.role === 'ANALYST';
  const data = dataOf(await fixture.api.execute(`query($id: ID!, $iin: IIN!, $visit: ID!, $at: DateTime!, $analyst: Boolean!) {
    byId: card(id: $id) { id }
    asOf: card(id: $id, asOf: $at) { id }
    byIin: cardByIin(iin: $iin) @skip(if: $analyst) { id }
    node: node(id: $id) { ... on Card { id } }
    entry: node(id: $visit) { id }
    cards(first: 100) { totalCount edges { node { id } } }
  }`, { id: ids[which], iin: iins[which], visit: which === 'mine' ? ids.mineVisit : ids.theirsVisit, at: new Date().toISOString(), analyst }, { principal }));
  const found = (card: { id: string } | null | undefined) => (card?.id === ids[which] ? 'card' : null);
  return {
    byId: found(data.byId),
    asOf: found(data.asOf),
    ...(analyst ? {} : { byIin: found(data.byIin) }),
    node: found(data.node),
    entry: data.entry ? 'visit' : null,
    listed: data.cards.edges.some((e: any) => e.node.id === ids[which]),
    total: data.cards.totalCount,
  };
}

const readsAll = { byId: 'card', asOf: 'card', byIin: 'card', node: 'card', entry: 'visit', listed: true };
const readsNothing = { byId: null, asOf: null, byIin: null, node: null, entry: null, listed: false };
const { byIin: _byIin, ...analystReadsAll } = readsAll;

describe('a caseworker', () => {
  it('reads the cards of their own career center, by every route', async () => {
    expect(await reads(caseworker('CC-READ-A'), 'mine')).toMatchObject({ ...readsAll, total: 1 });
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
    expect(await reads(head('CC-READ-B'), 'theirs')).toMatchObject({ ...readsAll, total: 1 });
    expect(await reads(head('CC-READ-B'), 'mine')).toMatchObject(readsNothing);
  });
});

describe('a citizen', () => {
  it('reads their own card by every route, and it is the only card listed', async () => {
    expect(await reads(citizen(iins.mine), 'mine')).toMatchObject({ ...readsAll, total: 1 });
  });

  it('reads nothing of another person\'s card: not by id, IIN, node id, entry id, nor through cards', async () => {
    expect(await reads(citizen(iins.mine), 'theirs')).toMatchObject({ ...readsNothing, total: 1 });
  });

  it('without a card reads nothing', async () => {
    expect(await reads(citizen('900101300145'), 'mine')).toMatchObject({ ...readsNothing, total: 0 });
  });
});

describe('an analyst', () => {
  it('reads every card (by every route but the IIN, which is refused)', async () => {
    expect(await reads(ANALYST, 'mine')).toEqual({ ...analystReadsAll, total: 2 });
    expect(await reads(ANALYST, 'theirs')).toEqual({ ...analystReadsAll, total: 2 });
  });
});

describe('an integration client', () => {
  it('reads no card: it imports', async () => {
    expect(await reads(INTEGRATION, 'mine')).toMatchObject({ ...readsNothing, total: 0 });
  });
});
