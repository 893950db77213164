import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Territories } from '../../src/modules/dictionary/territories.ts';
import { seedDemoData } from '../../src/seed/seeder.ts';
import { createTestApi, dataOf, TODAY, type TestApi } from '../support/api.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

// A page of cards reads the §12 status and the next §18 visit beside each card when the client
// asks for them (page-extras.ts): the values must be those the card gives when read alone, which
// computes them from its registrations and visits. Demo cards differ in both.

let db: TestDatabase;
let api: TestApi;

beforeAll(async () => {
  db = await createTestDatabase();
  const territories = await Territories.load(db.orm.em.fork());
  await seedDemoData(db.orm, territories, { cards: 120, seed: 7, today: TODAY });
  // A visit planned for today is still to come: one card's next visit falls on the boundary.
  await db.orm.em.getConnection().execute(`update visit set planned_on = ? where id = (select min(id) from visit
    where voided_at is null and attended_on is null and planned_on > ? and card_id in (select id from card order by id limit 100))`, [TODAY, TODAY]);
  api = await createTestApi(db.orm);
}, 120_000);
afterAll(() => db.close());

const FIELDS = 'id registrationStatus nextPlannedVisit { id plannedOn attendedOn note rowNumber }';

describe('the status and next visit of a page of cards', () => {
  it('are those of each card read alone, through a fragment too', async () => {
    const list = dataOf(await api.execute(`query { cards(first: 100) { edges { node { ...Summary } } } } fragment Summary on Card { ${FIELDS} }`)).cards.edges;
    expect(list).toHaveLength(100);
    const alone = await Promise.all(list.map(async ({ node }: any) => dataOf(await api.execute(`query($id: ID!) { card(id: $id) { ${FIELDS} } }`, { id: node.id })).card));
    expect(list.map((edge: any) => edge.node)).toEqual(alone);
    // The cards differ in both, so the comparison means something.
    expect(new Set(alone.map((card: any) => card.registrationStatus)).size).toBeGreaterThan(1);
    expect(alone.some((card: any) => card.nextPlannedVisit === null)).toBe(true);
    expect(alone.some((card: any) => card.nextPlannedVisit !== null)).toBe(true);
    expect(alone.some((card: any) => card.nextPlannedVisit?.plannedOn === TODAY)).toBe(true);
  });

  it('are read in the page statement only when asked for', async () => {
    const plain = await api.execute('query { cards(first: 5) { edges { node { id } } } }');
    expect(plain.statements).toHaveLength(1);
    expect(plain.statements[0]).not.toContain('extra.');
    const asked = await api.execute('query { cards(first: 5) { edges { node { id nextPlannedVisit { plannedOn } } } } }');
    expect(asked.statements).toHaveLength(1);
    expect(asked.statements[0]).toContain('extra.nextPlannedVisit');
    expect(asked.statements[0]).not.toContain('extra.registrationStatus');
    // With the registrations asked too, the status is computed from them: no extra for it.
    const both = await api.execute('query { cards(first: 5) { edges { node { id registrationStatus unemployedRegistrations { kind } } } } }');
    expect(both.statements).toHaveLength(2);
    expect(both.statements[0]).not.toContain('extra.registrationStatus');
  });
});
