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

// The N+1 guard: how many SQL statements a query runs must not depend on how many cards it returns.

let db: TestDatabase;
let api: TestApi;
let centerId: string;

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
    // The page, the registrations (for the status), the visits.
    expect(counts).toEqual([3, 3, 3]);
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
