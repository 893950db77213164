import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { EntityClass } from '@mikro-orm/core';
import { readEntities, tableOf } from '../../src/db/read-entities.ts';
import { Card } from '../../src/modules/card/card.entity.ts';
import { CareerCenter } from '../../src/modules/career-center/career-center.entity.ts';
import { CardHistory } from '../../src/modules/history/history.entity.ts';
import { CHILD_SECTIONS, LIST_SECTIONS } from '../../src/modules/sections.ts';
import { createTestApi, dataOf, TODAY } from '../support/api.ts';
import { aCard } from '../support/builders.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { toGlobalId } from '../../src/api/relay.ts';

// The loaders hydrate rows themselves, outside the unit of work (read-entities.ts). What they give
// the resolvers must be what the ORM's own find gives: the same class (single-table inheritance
// included), the same values, the same embeddables, for every entity the loaders read.

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  const em = db.orm.em.fork();
  const first = await aCard().complete().save(em);
  await aCard().complete().save(em);
  // A change, so that there is history to read too.
  const api = await createTestApi(db.orm);
  const data = dataOf(await api.execute(`mutation($id: ID!, $version: Int!) {
    cardRecordConsent(id: $id, version: $version, input: { givenOn: "${TODAY}", scope: [EMPLOYMENT_SERVICES] }) { userErrors { code } }
  }`, { id: toGlobalId('Card', first.id), version: first.version }));
  expect(data.cardRecordConsent.userErrors).toEqual([]);
}, 60_000);
afterAll(() => db.close());

/** Every entity the loaders read: the card, its center, its history and each section's (the abstract §16 root for its kinds). */
const ENTITIES: [string, EntityClass<object>][] = [Card, CareerCenter, CardHistory, ...LIST_SECTIONS.map((s) => s.entity), ...CHILD_SECTIONS.map((c) => c.entity)]
  .map((entity) => [(entity as { name: string }).name, entity as EntityClass<object>]);

/** An object's own enumerable values, nested objects (embeddables) compared with their classes. */
const valuesOf = (object: object) => ({ ...object });

describe('entities read for answers', () => {
  it.each(ENTITIES)('%s: the same class and values as the ORM finds', async (_, entity) => {
    const managed = await db.orm.em.fork().find(entity, {}, { orderBy: { id: 'asc' } as never });
    const em = db.orm.em.fork();
    const { table } = tableOf(em, entity);
    const read = readEntities(em, entity, await em.execute(`select * from ${table} order by id`));
    expect(managed.length).toBeGreaterThan(0);
    expect(read).toHaveLength(managed.length);
    read.forEach((object, i) => {
      expect(Object.getPrototypeOf(object)).toBe(Object.getPrototypeOf(managed[i]));
      expect(valuesOf(object)).toStrictEqual(valuesOf(managed[i]!));
    });
    // Nothing was merged: the request's unit of work stays empty.
    expect(em.getUnitOfWork().getIdentityMap().values()).toHaveLength(0);
  });
});
