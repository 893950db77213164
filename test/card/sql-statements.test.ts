import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEFAULT_LIMITS } from '../../src/graphql/limits.ts';
import { toGlobalId } from '../../src/api/relay.ts';
import { createTestApi, dataOf, type TestApi } from '../support/api.ts';
import { aCard, aCareerCenter } from '../support/builders.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { FULL_CARD } from '../../src/bench/queries.ts';
import { Card } from '../../src/modules/card/card.entity.ts';
import { CareerCenter } from '../../src/modules/career-center/career-center.entity.ts';
import { CHILD_SECTIONS, LIST_SECTIONS } from '../../src/modules/sections.ts';
import type { Principal } from '../../src/modules/access/principal.ts';

// The N+1 guard: how many SQL statements a query runs must not depend on how many cards it returns.

let db: TestDatabase;
let api: TestApi;
let centerId: string;
let centerCode: string;

/** The card's table, its keeping center's, and the table of every section (from their declarations). */
let TABLES: string[] = [];
const tablesIn = (statements: string[]) =>
  new Set(statements.flatMap((sql) => TABLES.filter((table) => new RegExp(`(from|join) "${table}"`).test(sql))));

beforeAll(async () => {
  db = await createTestDatabase();
  const tableOf = (entity: object) => db.orm.getMetadata().get(entity as never).tableName;
  TABLES = [...new Set([tableOf(Card), tableOf(CareerCenter), ...LIST_SECTIONS.map((s) => tableOf(s.entity)), ...CHILD_SECTIONS.map((c) => tableOf(c.entity))])];
  // The full card on the largest page (100) is over the default cost limit (limits.test.ts):
  // here the question is only how many statements it takes.
  api = await createTestApi(db.orm, { limits: { ...DEFAULT_LIMITS, maxCost: Number.MAX_SAFE_INTEGER } });
  const em = db.orm.em.fork();
  const center = await aCareerCenter(em);
  centerId = toGlobalId('CareerCenter', center.id);
  centerCode = center.code;
  for (let i = 0; i < 100; i++) await aCard().complete().save(em, center);
}, 180_000);
afterAll(() => db.close());

describe('SQL statements per query', () => {
  const fullList = (first: number) => api.execute(
    `query($first: Int!, $center: ID!) { cards(first: $first, filter: { careerCenter: $center }) { edges { node { ...FullCard } } } } ${FULL_CARD}`,
    { first, center: centerId },
  );

  it('the full-card list runs the same statements for 1, 10 and 100 cards', async () => {
    const counts: number[] = [];
    for (const first of [1, 10, 100]) {
      const result = await fullList(first);
      expect(dataOf(result).cards.edges).toHaveLength(first);
      counts.push(result.statements.length);
    }
    expect(counts[1]).toBe(counts[0]);
    expect(counts[2]).toBe(counts[0]);
    // One statement for the page, then one per table a section lives in.
    const once = await fullList(100);
    expect([...tablesIn(once.statements)].sort()).toEqual([...TABLES].sort());
    expect(once.statements.length).toBe(TABLES.length);
  });

  it('every card of the list is complete: batching loses nothing', async () => {
    const { cards } = dataOf(await fullList(100));
    for (const { node } of cards.edges) {
      expect(node.activeMeasures.edges.map((e: any) => e.node.__typename))
        .toEqual(['ProfessionalTraining', 'EntrepreneurshipSupport', 'SubsidizedJob', 'Relocation']);
      expect(node.activeMeasures.edges[3].node.familyMembersUnableToWork).toHaveLength(1);
      expect(node.referrals.totalCount).toBe(2);
      expect(node.visits.totalCount).toBe(2);
      expect(node.footer.signatures).toHaveLength(1);
    }
  });

  it('the mobile list (§1, §12 status, next planned visit) runs the same statements for 1, 10 and 100 cards', async () => {
    const counts: number[] = [];
    for (const first of [1, 10, 100]) {
      const result = await api.execute(`query($first: Int!, $center: ID!) { cards(first: $first, filter: { careerCenter: $center }) {
        edges { node { fullName { surname givenName } registrationStatus nextPlannedVisit { plannedOn } } } } }`, { first, center: centerId });
      expect(dataOf(result).cards.edges).toHaveLength(first);
      counts.push(result.statements.length);
    }
    // The page alone: the status and the next visit are read beside each card (page-extras.ts).
    expect(counts).toEqual([1, 1, 1]);
  });

  it('backward pages (last/before) of §14, §16, §18 and the history run the same statements for 1, 10 and 100 cards', async () => {
    const counts: number[] = [];
    for (const first of [1, 10, 100]) {
      const result = await api.execute(`query($first: Int!, $center: ID!) { cards(first: $first, filter: { careerCenter: $center }) { edges { node {
        referrals(last: 1) { edges { node { referredOn } } pageInfo { hasPreviousPage startCursor } }
        activeMeasures(last: 2) { edges { node { __typename } } pageInfo { hasPreviousPage } }
        visits(last: 1) { edges { node { plannedOn rowNumber } } pageInfo { hasPreviousPage hasNextPage } }
        history(last: 5) { edges { node { changedPart entry { __typename } } } }
      } } } }`, { first, center: centerId });
      const { edges } = dataOf(result).cards;
      expect(edges).toHaveLength(first);
      for (const { node } of edges) {
        expect([node.referrals.edges.length, node.referrals.pageInfo.hasPreviousPage]).toEqual([1, true]);
        expect(node.activeMeasures.edges.map((e: any) => e.node.__typename)).toEqual(['SubsidizedJob', 'Relocation']);
        expect(node.visits.edges[0].node.rowNumber).toBe(2);
      }
      counts.push(result.statements.length);
    }
    expect(counts[1]).toBe(counts[0]);
    expect(counts[2]).toBe(counts[0]);
  });

  it('a history page names its entries in the same statements for 1 and 100 changes', async () => {
    // A card with 100 changes of §18 and §14: each page reads the entries of a section in one statement.
    const em = db.orm.em.fork();
    const card = await aCard().registered('UNEMPLOYED').save(em, await aCareerCenter(em));
    const id = toGlobalId('Card', card.id);
    let version = card.version;
    for (let i = 0; i < 50; i++) {
      const planned = dataOf(await api.execute(`mutation($id: ID!, $version: Int!) { visitPlan(cardId: $id, version: $version, input: { plannedOn: "2027-03-01" }) { card { version } } }`, { id, version }));
      const referred = dataOf(await api.execute(`mutation($id: ID!, $version: Int!) { referralCreate(cardId: $id, version: $version, input: { employerName: "ТОО «Береке»", position: "бухгалтер", referredOn: "2026-11-02" }) { card { version } userErrors { code } } }`,
        { id, version: planned.visitPlan.card.version }));
      version = referred.referralCreate.card.version;
    }
    const page = (last: number) => api.execute(`query($id: ID!, $last: Int!) { card(id: $id) { history(last: $last) { edges { node { changedPart entry { __typename ... on Visit { plannedOn } ... on Referral { position } } } } } } }`, { id, last });
    const one = await page(1);
    const hundred = await page(100);
    const entries = dataOf(hundred).card.history.edges.map((e: any) => e.node.entry.__typename);
    expect(entries.filter((type: string) => type === 'Visit')).toHaveLength(50);
    expect(entries.filter((type: string) => type === 'Referral')).toHaveLength(50);
    expect(dataOf(one).card.history.edges).toHaveLength(1);
    // The card, the history page, and the entries of each section named (one for the single change).
    expect(hundred.statements.length).toBe(one.statements.length + 1);
  });

  it('the read audit names its cards in the same statements for 1 and 100 cards a record', async () => {
    const reader: Principal = { subject: 'cw-sql', role: 'CASEWORKER', careerCenter: centerCode, name: null, iin: null };
    const head: Principal = { subject: 'head-sql', role: 'HEAD', careerCenter: centerCode, name: null, iin: null };
    for (const first of [100, 1]) dataOf(await api.execute('query($first: Int!, $center: ID!) { cards(first: $first, filter: { careerCenter: $center }) { edges { node { iin } } } }', { first, center: centerId }, { principal: reader }));
    // The caseworker's reads only: reading the cards' data from the audit is itself a read, recorded too.
    const page = (first: number) => api.execute(`{ readAudit(first: ${first}, filter: { readBy: "cw-sql" }) { edges { node { operation cardsRead { id card { iin } } } } } }`, {}, { principal: head });
    const newest = await page(1);
    const both = await page(2);
    expect(dataOf(newest).readAudit.edges.map((e: any) => e.node.cardsRead.length)).toEqual([1]);
    expect(dataOf(both).readAudit.edges.map((e: any) => e.node.cardsRead.length)).toEqual([1, 100]);
    expect(dataOf(both).readAudit.edges[1].node.cardsRead.every((c: any) => /^\d{12}$/.test(c.card.iin))).toBe(true);
    expect(both.statements.length).toBe(newest.statements.length);
  });

  it('asking for §1–2 only reads the card table, once', async () => {
    const result = await api.execute(
      'query($center: ID!) { cards(first: 100, filter: { careerCenter: $center }) { edges { node { fullName { surname givenName patronymic } iin } } } }',
      { center: centerId },
    );
    expect(dataOf(result).cards.edges).toHaveLength(100);
    expect(result.statements).toHaveLength(1);
    expect([...tablesIn(result.statements)]).toEqual(['card']);
  });

  it('a single card by IIN with §1–2 is one statement too', async () => {
    const { cards } = dataOf(await api.execute('query($center: ID!) { cards(first: 1, filter: { careerCenter: $center }) { edges { node { iin } } } }', { center: centerId }));
    const result = await api.execute('query($iin: IIN!) { cardByIin(iin: $iin) { fullName { surname } iin sex } }', { iin: cards.edges[0].node.iin });
    expect(dataOf(result).cardByIin.iin).toBe(cards.edges[0].node.iin);
    expect(result.statements).toHaveLength(1);
  });
});
