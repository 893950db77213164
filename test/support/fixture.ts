import { afterAll, beforeAll, expect } from '@jest/globals';
import { toGlobalId } from '../../src/api/relay.ts';
import { createTestApi, dataOf, type GraphQLResult, type TestApi } from './api.ts';
import { aCard, type CardBuilder } from './builders.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';
import { wholeCard } from './keeping.ts';

// The one fixture of the suites that work through the in-process API: a copy of the template
// database and an API on it, made before the suite's tests and closed after, with the card helpers
// most suites need. Suites that serve HTTP build their server on `fixture.db` the same way.

/** A change recorded in a card's history, as the API shows it. */
export interface HistoryRecord {
  at: string;
  action: string;
  part: string;
  entryId: string | null;
  actor: string;
  oldValue: any;
  newValue: any;
}

export function apiFixture(options: Parameters<typeof createTestApi>[1] = {}) {
  let db: TestDatabase;
  let api: TestApi;
  beforeAll(async () => {
    db = await createTestDatabase();
    api = await createTestApi(db.orm, options);
  });
  afterAll(() => db.close());

  /** A card the builder describes, stored; its global id. */
  async function newCard(builder: CardBuilder = aCard()): Promise<string> {
    const card = await builder.save(db.orm.em.fork());
    return toGlobalId('Card', card.id);
  }

  async function versionOf(cardId: string): Promise<number> {
    const { card } = dataOf(await api.execute('query($id: ID!) { card(id: $id) { version } }', { id: cardId }));
    return card.version;
  }

  /** Every change of the card, oldest first. */
  async function historyOf(cardId: string): Promise<HistoryRecord[]> {
    const { card } = dataOf(await api.execute(`query($id: ID!) { card(id: $id) {
      history(first: 100) { edges { node { at action part entryId actor oldValue newValue } } } } }`, { id: cardId }));
    return card.history.edges.map((edge: { node: HistoryRecord }) => edge.node);
  }

  /** The history records the last change added (they share its moment), oldest first, without `at`. */
  async function lastChange(cardId: string): Promise<Omit<HistoryRecord, 'at'>[]> {
    const records = await historyOf(cardId);
    const at = records.at(-1)!.at;
    return records.filter((record) => record.at === at).map(({ at: _, ...record }) => record);
  }

  /** A request refused as a GraphQL BAD_USER_INPUT error naming `argument`, with the card unchanged. */
  async function refusedInput(cardId: string, run: () => Promise<GraphQLResult>, argument: string): Promise<void> {
    const before = await wholeCard(api, cardId);
    const result = await run();
    expect(result.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', argument }) })]);
    expect(result.data ?? null).toBeNull();
    expect(await wholeCard(api, cardId)).toEqual(before);
  }

  return {
    get db() {
      return db;
    },
    get api() {
      return api;
    },
    newCard, versionOf, historyOf, lastChange, refusedInput,
  };
}
