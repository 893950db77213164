import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Principal } from '../../src/modules/access/principal.ts';
import { Card } from '../../src/modules/card/card.entity.ts';
import type { CareerCenter } from '../../src/modules/career-center/career-center.entity.ts';
import { toGlobalId } from '../../src/api/relay.ts';
import { createTestApi, dataOf, type GraphQLResult } from '../support/api.ts';
import { aCard, aCareerCenter, nextIin } from '../support/builders.ts';
import { wholeCard } from '../support/keeping.ts';
import { anIdentityRecord } from '../import/records.ts';
import { apiFixture } from '../support/fixture.ts';
import { TrustStore } from '../../src/modules/footer/trust-store.ts';

// Who may change which cards: caseworkers and heads their own center's cards (and sign them: as
// HEAD only a head), integration clients import, analysts and citizens change nothing. A refused change
// leaves the card exactly as it was.

let almaty: CareerCenter;
let astana: CareerCenter;

const fixture = apiFixture();
beforeAll(async () => {
  almaty = await aCareerCenter(fixture.db.orm.em.fork(), { code: 'CC-WRITE-A' });
  astana = await aCareerCenter(fixture.db.orm.em.fork(), { code: 'CC-WRITE-B', region: 'KZ-71', district: null });
});

const as = (role: Principal['role'], careerCenter: string | null = null, subject = `${role.toLowerCase()}-1`): Principal => ({ subject, role, careerCenter, name: null, iin: null });

const PLAN = `mutation($cardId: ID!, $version: Int!) { visitPlan(cardId: $cardId, version: $version, input: { plannedOn: "2026-12-20" }) {
  card { id version } userErrors { field code } } }`;
const SIGN = `mutation($id: ID!, $version: Int!) { cardSign(id: $id, version: $version, input: { role: HEAD, signature: "c2lnbmF0dXJl" }) {
  signature { role } userErrors { field code } } }`;
const VOID = `mutation($id: ID!, $version: Int!) { cardEntryVoid(id: $id, version: $version, reason: "typed twice") { card { id } userErrors { field code } } }`;

async function cardIn(center: CareerCenter) {
  const card = await aCard().withVisit().save(fixture.db.orm.em.fork(), center);
  return toGlobalId('Card', card.id);
}

/** Runs a refused change and checks that the card did not change at all. */
async function unchanged(cardId: string, run: () => Promise<GraphQLResult>) {
  const before = await wholeCard(fixture.api, cardId);
  const result = await run();
  expect(await wholeCard(fixture.api, cardId)).toEqual(before);
  return result;
}

describe('a caseworker', () => {
  it('changes a card their center keeps, recorded under their name', async () => {
    const cardId = await cardIn(almaty);
    const { visitPlan } = dataOf(await fixture.api.execute(PLAN, { cardId, version: 1 }, { principal: as('CASEWORKER', 'CC-WRITE-A', 'cw-77') }));
    expect(visitPlan).toEqual({ card: { id: cardId, version: 2 }, userErrors: [] });
    const { card } = dataOf(await fixture.api.execute(`query($id: ID!) { card(id: $id) { history(first: 5) { edges { node { actor } } } } }`, { id: cardId }));
    expect(card.history.edges.map((e: any) => e.node.actor)).toEqual(['cw-77']);
  });

  it('finds no card another center keeps: changing it or one of its entries answers NOT_FOUND', async () => {
    const cardId = await cardIn(astana);
    const principal = as('CASEWORKER', 'CC-WRITE-A');
    const plan = await unchanged(cardId, () => fixture.api.execute(PLAN, { cardId, version: 1 }, { principal }));
    expect(dataOf(plan).visitPlan).toEqual({ card: null, userErrors: [{ field: ['cardId'], code: 'NOT_FOUND' }] });
    const visit = (await wholeCard(fixture.api, cardId)).visits.edges[0].node.id;
    const voided = await unchanged(cardId, () => fixture.api.execute(VOID, { id: visit, version: 1 }, { principal }));
    expect(dataOf(voided).cardEntryVoid).toEqual({ card: null, userErrors: [{ field: ['id'], code: 'NOT_FOUND' }] });
  });

  it('receives applications at their own center only; a known person\'s card moves to it', async () => {
    const principal = as('CASEWORKER', 'CC-WRITE-A');
    const OPEN = `mutation($input: CardOpenInput!) { cardOpen(input: $input) { card { careerCenter { code } } existingCard userErrors { field code } } }`;
    const input = (iin: string, center: CareerCenter) => ({ iin, appliedOn: '2026-11-02', careerCenter: toGlobalId('CareerCenter', center.id), fullName: { surname: 'Омаров', givenName: 'Ерлан' } });
    const elsewhere = dataOf(await fixture.api.execute(OPEN, { input: input(nextIin('1985-02-03'), astana) }, { principal })).cardOpen;
    expect(elsewhere).toEqual({ card: null, existingCard: false, userErrors: [{ field: ['input', 'careerCenter'], code: 'FORBIDDEN' }] });

    const keptInAstana = await aCard().save(fixture.db.orm.em.fork(), astana); // no open application
    const moved = dataOf(await fixture.api.execute(OPEN, { input: input(keptInAstana.iin, almaty) }, { principal })).cardOpen;
    expect(moved).toEqual({ card: { careerCenter: { code: 'CC-WRITE-A' } }, existingCard: true, userErrors: [] });
  });

  it('may not sign as HEAD, nor import', async () => {
    const cardId = await cardIn(almaty);
    const principal = { ...as('CASEWORKER', 'CC-WRITE-A'), iin: '880215400123' };
    const signing = { trust: new TrustStore('none', []), external: null };
    const api = await createTestApi(fixture.db.orm, { signing });
    const sign = await unchanged(cardId, () => api.execute(SIGN, { id: cardId, version: 1 }, { principal }));
    expect(dataOf(sign).cardSign).toEqual({ signature: null, userErrors: [{ field: ['input', 'role'], code: 'FORBIDDEN' }] });
    const record = anIdentityRecord('CC-WRITE-A');
    const imported = await fixture.api.execute('mutation($r: [JSONObject!]!) { cardImport(records: $r) { summary { created } } }', { r: [record] }, { principal });
    expect(imported.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(await fixture.db.orm.em.fork().count(Card, { iin: record.iin })).toBe(0);
  });
});

describe('a head', () => {
  it('may sign a card of their center (here refused only as signing is not configured), and finds none of another', async () => {
    // Signing itself, with certificates, is test/footer/signing.test.ts's.
    const own = await cardIn(almaty);
    const signed = dataOf(await unchanged(own, () => fixture.api.execute(SIGN, { id: own, version: 1 }, { principal: as('HEAD', 'CC-WRITE-A') }))).cardSign;
    expect(signed).toEqual({ signature: null, userErrors: [{ field: null, code: 'SIGNING_NOT_CONFIGURED' }] });
    const other = await cardIn(astana);
    const refused = await unchanged(other, () => fixture.api.execute(SIGN, { id: other, version: 1 }, { principal: as('HEAD', 'CC-WRITE-A') }));
    expect(dataOf(refused).cardSign).toEqual({ signature: null, userErrors: [{ field: ['id'], code: 'NOT_FOUND' }] });
  });
});

describe('roles that keep no cards', () => {
  it.each([['ANALYST'], ['CITIZEN'], ['INTEGRATION']] as const)('%s may change nothing', async (role) => {
    const cardId = await cardIn(almaty);
    const card = await fixture.db.orm.em.fork().findOneOrFail(Card, { careerCenter: almaty.id }, { orderBy: { id: 'desc' } });
    const principal = as(role, null, role === 'CITIZEN' ? card.iin : undefined);
    const result = await unchanged(cardId, () => fixture.api.execute(PLAN, { cardId, version: 1 }, { principal }));
    expect(result.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([['FORBIDDEN', `A ${role} may not change cards`]]);
  });

  it('an integration client imports, and gets card ids but not the cards', async () => {
    const record = anIdentityRecord('CC-WRITE-B');
    const { cardImport } = dataOf(await fixture.api.execute('mutation($r: [JSONObject!]!) { cardImport(records: $r) { results { outcome cardId card { iin } } } }',
      { r: [record] }, { principal: as('INTEGRATION') }));
    const stored = await fixture.db.orm.em.fork().findOneOrFail(Card, { iin: record.iin });
    expect(cardImport.results).toEqual([{ outcome: 'CREATED', cardId: toGlobalId('Card', stored.id), card: null }]);
  });
});
