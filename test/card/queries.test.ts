import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { toGlobalId } from '../../src/api/relay.ts';
import type { Card } from '../../src/modules/card/card.entity.ts';
import { countCards } from '../../src/modules/card/card.store.ts';
import { createTestApi, dataOf, type TestApi } from '../support/api.ts';
import { aCard, aCareerCenter } from '../support/builders.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

let db: TestDatabase;
let api: TestApi;
const cards = {} as Record<'applied' | 'jobSeeker' | 'unemployed' | 'deregistered' | 'refused' | 'voided', Card>;
let almaty: string;
let astana: string;

const ids = (connection: { edges: { node: { id: string } }[] }) => connection.edges.map((e) => e.node.id);
const gid = (card: Card) => toGlobalId('Card', card.id);

beforeAll(async () => {
  db = await createTestDatabase();
  api = await createTestApi(db.orm);
  const em = db.orm.em.fork();
  const almatyCenter = await aCareerCenter(em);
  const astanaCenter = await aCareerCenter(em, { region: 'KZ-71', district: 'KZ-71-001', nameRu: 'Центр карьеры района Алматы (Астана)' });
  almaty = toGlobalId('CareerCenter', almatyCenter.id);
  astana = toGlobalId('CareerCenter', astanaCenter.id);
  const inAstana = { address: { region: 'KZ-71', district: 'KZ-71-001', settlement: 'Астана', street: 'Кенесары', house: '1' } };
  // Opened in this order, so ids (and the list order) follow it.
  cards.applied = await aCard().withRegistration('JOB_SEEKER', { registeredOn: null }).save(em, almatyCenter);
  cards.jobSeeker = await aCard().withRegistration('JOB_SEEKER', { registeredOn: '2026-02-10', appliedOn: '2026-02-09' }).save(em, almatyCenter);
  cards.unemployed = await aCard().withRegistration('JOB_SEEKER').withRegistration('UNEMPLOYED', { appliedOn: '2026-03-01', registeredOn: '2026-03-02' })
    .withProfessionalTraining().save(em, almatyCenter);
  cards.deregistered = await aCard(inAstana)
    .withRegistration('JOB_SEEKER', { registeredOn: '2025-05-05', appliedOn: '2025-05-04', deregistration: { deregisteredOn: '2025-09-01', reason: 'EMPLOYED' } })
    .withRelocation().save(em, astanaCenter);
  cards.refused = await aCard(inAstana)
    .withRegistration('JOB_SEEKER', { registeredOn: null, refusal: { refusedOn: '2026-01-16', reason: 'EMPLOYED' } }).save(em, astanaCenter);
  cards.voided = await aCard(inAstana)
    .withRegistration('UNEMPLOYED', { voidedAt: new Date(), voidedBy: 'test', voidReason: 'entered on the wrong card' })
    .withSubsidizedJob({ voidedAt: new Date(), voidedBy: 'test', voidReason: 'duplicate' }).save(em, astanaCenter);
}, 60_000);
afterAll(() => db.close());

describe('card and cardByIin', () => {
  it('find a card by global id and by IIN', async () => {
    const { card, byIin } = dataOf(await api.execute('query($id: ID!, $iin: IIN!) { card(id: $id) { id iin } byIin: cardByIin(iin: $iin) { id } }', {
      id: gid(cards.unemployed), iin: cards.unemployed.iin,
    }));
    expect(card).toEqual({ id: gid(cards.unemployed), iin: cards.unemployed.iin });
    expect(byIin.id).toBe(gid(cards.unemployed));
  });

  it('return null for an unknown card', async () => {
    const result = await api.execute('query($id: ID!) { card(id: $id) { id } }', { id: toGlobalId('Card', '999999') });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ card: null });
  });

  it.each([
    ['garbage', 'not-a-global-id'],
    ['the id of another type', toGlobalId('Visit', '1')],
    ['base64 of nonsense', Buffer.from('Card:abc').toString('base64url')],
  ])('reject a malformed id (%s) as BAD_USER_INPUT naming the argument', async (_, id) => {
    const result = await api.execute('query($id: ID!) { card(id: $id) { id } }', { id });
    expect(result.data?.card ?? null).toBeNull();
    expect(result.errors).toEqual([expect.objectContaining({
      message: expect.stringContaining('"id"'), extensions: { code: 'BAD_USER_INPUT', argument: 'id' },
    })]);
  });
});

describe('node', () => {
  it('resolves a card and entries of its list sections by global id', async () => {
    const { card } = dataOf(await api.execute(`query($id: ID!) { card(id: $id) {
      jobSeekerRegistrations { id } activeMeasures { edges { node { ... on Relocation { id } } } } } }`, { id: gid(cards.deregistered) }));
    const registrationId = card.jobSeekerRegistrations[0].id;
    const relocationId = card.activeMeasures.edges[0].node.id;
    const { a, b, c } = dataOf(await api.execute(`query($a: ID!, $b: ID!, $c: ID!) {
      a: node(id: $a) { __typename id ... on Card { iin } }
      b: node(id: $b) { __typename ... on Registration { status deregistration { reason } } }
      c: node(id: $c) { __typename ... on Relocation { destination { region { code } } } } }`, { a: gid(cards.deregistered), b: registrationId, c: relocationId }));
    expect(a).toEqual({ __typename: 'Card', id: gid(cards.deregistered), iin: cards.deregistered.iin });
    expect(b).toEqual({ __typename: 'Registration', status: 'DEREGISTERED', deregistration: { reason: 'EMPLOYED' } });
    expect(c).toEqual({ __typename: 'Relocation', destination: { region: { code: 'KZ-59' } } });
  });

  it('finds nothing for an id whose type does not match its row, or a voided entry', async () => {
    const { card } = dataOf(await api.execute('query($id: ID!) { card(id: $id) { activeMeasures { edges { node { ... on Relocation { id } } } } } }', { id: gid(cards.deregistered) }));
    const relocationDbId = Buffer.from(card.activeMeasures.edges[0].node.id, 'base64url').toString().split(':')[1];
    const [voided] = await db.orm.em.fork().execute<{ id: string }[]>('select id from registration where card_id = ? and voided_at is not null', [cards.voided.id]);
    const result = await api.execute('query($a: ID!, $b: ID!) { a: node(id: $a) { id } b: node(id: $b) { id } }', {
      a: toGlobalId('ProfessionalTraining', relocationDbId!), b: toGlobalId('Registration', String(voided!.id)),
    });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ a: null, b: null });
  });

  it('rejects an id that is not one of ours', async () => {
    const result = await api.execute('{ node(id: "bm9wZTox") { id } }');
    expect(result.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'id' });
  });
});

describe('cards', () => {
  const list = (args: string, variables?: Record<string, unknown>) =>
    api.execute(`query($first: Int, $after: String, $filter: CardFilter) { cards(first: $first, after: $after, filter: $filter) {
      totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id registrationStatus } } } }`, { ...variables, ...JSON.parse(args || '{}') });

  it('lists cards oldest first and pages through them with cursors without gaps or repeats', async () => {
    const all = [cards.applied, cards.jobSeeker, cards.unemployed, cards.deregistered, cards.refused, cards.voided].map(gid);
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 3; page++) {
      const connection: any = dataOf(await list('', { first: 2, after })).cards;
      expect(connection.totalCount).toBe(6);
      expect(connection.pageInfo.hasPreviousPage).toBe(page > 0);
      expect(connection.pageInfo.hasNextPage).toBe(page < 2);
      seen.push(...ids(connection));
      after = connection.pageInfo.endCursor;
    }
    expect(seen).toEqual(all);
  });

  it('filters by registration status, derived from the open registrations and ignoring voided ones', async () => {
    const byStatus = async (registrationStatus: string) => ids(dataOf(await list('', { filter: { registrationStatus } })).cards);
    expect(await byStatus('UNEMPLOYED')).toEqual([gid(cards.unemployed)]);
    expect(await byStatus('JOB_SEEKER')).toEqual([gid(cards.jobSeeker)]);
    expect(await byStatus('NONE')).toEqual([cards.applied, cards.deregistered, cards.refused, cards.voided].map(gid));
    const { cards: connection } = dataOf(await list('', { filter: { registrationStatus: 'NONE' } }));
    expect(connection.edges.every((e: any) => e.node.registrationStatus === 'NONE')).toBe(true);
  });

  it('filters by region, district and career center', async () => {
    expect(ids(dataOf(await list('', { filter: { region: 'KZ-71' } })).cards)).toEqual([cards.deregistered, cards.refused, cards.voided].map(gid));
    expect(ids(dataOf(await list('', { filter: { region: 'KZ-75', district: 'KZ-75-002' } })).cards)).toEqual([cards.applied, cards.jobSeeker, cards.unemployed].map(gid));
    expect(dataOf(await list('', { filter: { careerCenter: astana } })).cards.totalCount).toBe(3);
    expect(dataOf(await list('', { filter: { careerCenter: almaty, region: 'KZ-71' } })).cards.totalCount).toBe(0);
  });

  it('filters by registration date range (inclusive) and by active-measure kind, ignoring voided measures', async () => {
    const range = (from?: string, to?: string) => list('', { filter: { registeredBetween: { from, to } } });
    expect(ids(dataOf(await range('2026-02-10', '2026-02-10')).cards)).toEqual([gid(cards.jobSeeker)]);
    expect(ids(dataOf(await range(undefined, '2025-12-31')).cards)).toEqual([gid(cards.deregistered)]);
    expect(ids(dataOf(await range('2026-03-02')).cards)).toEqual([gid(cards.unemployed)]);
    expect(ids(dataOf(await list('', { filter: { activeMeasureKind: 'RELOCATION' } })).cards)).toEqual([gid(cards.deregistered)]);
    expect(ids(dataOf(await list('', { filter: { activeMeasureKind: 'SUBSIDIZED_JOB' } })).cards)).toEqual([]);
  });

  it('counts the cards up to a limit, and says whether the count is exact', async () => {
    const { cards: all } = dataOf(await api.execute('{ cards(first: 1) { totalCount totalCountExact } }'));
    expect(all).toEqual({ totalCount: 6, totalCountExact: true });
    // The limit of the API is 10,000; the same count with a limit of 2 and of 6.
    const em = db.orm.em.fork();
    expect(await countCards(em, {}, { kind: 'all' }, 2)).toEqual({ count: 2, exact: false });
    expect(await countCards(em, {}, { kind: 'all' }, 6)).toEqual({ count: 6, exact: true });
    expect(await countCards(em, { region: 'KZ-71' }, { kind: 'all' }, 2)).toEqual({ count: 2, exact: false });
    expect(await countCards(em, { registrationStatus: 'UNEMPLOYED' }, { kind: 'all' }, 2)).toEqual({ count: 1, exact: true });
  });

  it('hides voided entries from the card sections', async () => {
    const { card } = dataOf(await api.execute('query($id: ID!) { card(id: $id) { unemployedRegistrations { id } activeMeasures { totalCount } } }', { id: gid(cards.voided) }));
    expect(card).toEqual({ unemployedRegistrations: [], activeMeasures: { totalCount: 0 } });
  });

  it('caps first at 100 and rejects negative sizes', async () => {
    for (const first of [101, -1]) {
      const result = await list('', { first });
      expect(result.errors).toEqual([expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', argument: 'first' } })]);
    }
    expect(dataOf(await list('', { first: 100 })).cards.edges).toHaveLength(6);
    const { cards: empty } = dataOf(await list('', { first: 0 }));
    expect(empty).toMatchObject({ edges: [], pageInfo: { hasNextPage: true }, totalCount: 6 });
  });

  it('rejects malformed cursors and filters as BAD_USER_INPUT naming the argument', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ after: 'not a cursor' }, 'after'],
      [{ after: Buffer.from('["2026-01-01","1"]').toString('base64url') }, 'after'],
      [{ filter: { region: 'KZ-00' } }, 'filter.region'],
      [{ filter: { district: 'KZ-75-999' } }, 'filter.district'],
      [{ filter: { region: 'KZ-71', district: 'KZ-75-002' } }, 'filter.district'],
      [{ filter: { careerCenter: gid(cards.applied) } }, 'filter.careerCenter'],
      [{ filter: { registeredBetween: { from: '2026-05-01', to: '2026-04-01' } } }, 'filter.registeredBetween'],
    ];
    for (const [variables, argument] of cases) {
      const result = await list('', variables);
      expect(result.data?.cards ?? null).toBeNull();
      expect(result.errors).toEqual([expect.objectContaining({ message: expect.stringContaining(`"${argument}"`), extensions: { code: 'BAD_USER_INPUT', argument } })]);
    }
  });
});

describe('section connections', () => {
  it('page through a card\'s visits with per-card cursors and a stable total', async () => {
    const em = db.orm.em.fork();
    const card = await aCard().withVisit({ plannedOn: '2026-01-10' }).withVisit({ plannedOn: '2026-02-10' })
      .withVisit({ plannedOn: '2026-03-10' }).withVisit({ plannedOn: '2026-03-10' }).save(em);
    const page = async (after: string | null) => dataOf(await api.execute(`query($id: ID!, $after: String) { card(id: $id) {
      visits(first: 2, after: $after) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { node { rowNumber } } } } }`,
    { id: gid(card), after })).card.visits;
    const first = await page(null);
    expect(first).toMatchObject({ totalCount: 4, pageInfo: { hasNextPage: true, hasPreviousPage: false } });
    const second = await page(first.pageInfo.endCursor);
    expect(second).toMatchObject({ totalCount: 4, pageInfo: { hasNextPage: false, hasPreviousPage: true } });
    const last = await page(second.pageInfo.endCursor);
    expect(last).toMatchObject({ totalCount: 4, edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: true } });
    expect([...first.edges, ...second.edges].map((e: any) => e.node.rowNumber)).toEqual([1, 2, 3, 4]);
  });

  it('filter §16 by kind', async () => {
    const card = await aCard().withProfessionalTraining().withRelocation().withRelocation({ referredOn: '2026-06-01' }).save(db.orm.em.fork());
    const { card: result } = dataOf(await api.execute(`query($id: ID!) { card(id: $id) {
      relocations: activeMeasures(kind: RELOCATION) { totalCount edges { node { __typename } } }
      all: activeMeasures { totalCount } } }`, { id: gid(card) }));
    expect(result.relocations).toEqual({ totalCount: 2, edges: [{ node: { __typename: 'Relocation' } }, { node: { __typename: 'Relocation' } }] });
    expect(result.all.totalCount).toBe(3);
  });
});

describe('careerCenters', () => {
  it('lists the centers by code with their territory', async () => {
    const { careerCenters } = dataOf(await api.execute('{ careerCenters { id code region { code } district { code } } }'));
    expect(careerCenters.map((c: any) => c.id)).toEqual(expect.arrayContaining([almaty, astana]));
    expect(careerCenters.find((c: any) => c.id === astana)).toMatchObject({ region: { code: 'KZ-71' }, district: { code: 'KZ-71-001' } });
    expect(careerCenters.map((c: any) => c.code)).toEqual([...careerCenters.map((c: any) => c.code)].sort());
  });
});

describe('§18 the next planned visit', () => {
  it('is the earliest visit planned for today or later and not attended; voided and past ones do not count', async () => {
    const em = db.orm.em.fork();
    const center = await aCareerCenter(em);
    const voided = { voidedAt: new Date(), voidedBy: 'test', voidReason: 'planned by mistake' };
    const card = await aCard()
      .withVisit({ plannedOn: '2026-03-15', attendedOn: null, note: null })
      .withVisit({ plannedOn: '2026-12-01', attendedOn: null, note: null, ...voided })
      .withVisit({ plannedOn: '2027-01-10', attendedOn: null, note: null })
      .withVisit({ plannedOn: '2026-12-20', attendedOn: null, note: null })
      .save(em, center);
    const none = await aCard().withVisit().save(em, center);
    const query = 'query($a: ID!, $b: ID!) { a: card(id: $a) { nextPlannedVisit { rowNumber plannedOn } } b: card(id: $b) { nextPlannedVisit { rowNumber } } }';
    const result = await api.execute(query, { a: gid(card), b: gid(none) });
    expect(dataOf(result)).toEqual({ a: { nextPlannedVisit: { rowNumber: 2, plannedOn: '2026-12-20' } }, b: { nextPlannedVisit: null } });
  });
});
