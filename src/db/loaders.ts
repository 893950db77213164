import DataLoader from 'dataloader';
import type { EntityClass } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sql';
import { readEntities, tableOf } from './read-entities.ts';

// Batched lookups shared by the modules' loaders. Each loader belongs to one request (its
// EntityManager fork), so its cache never outlives the request or crosses users. The statements
// are written here rather than built per call by the ORM's query builder (a tenth of a small
// query's CPU in a profile of the deep list); the ORM still hydrates the rows (read-entities.ts).

/**
 * A raw read's options: a read, which may go to the request's replica (src/db/replicas.ts); raw
 * statements are sent to the primary unless they say so.
 */
export const READ = { connectionType: 'read' } as const;

/** `in (?, ?, …)` for a batch of keys: one placeholder each, so a key is only ever a value. */
export const placeholders = (keys: readonly unknown[]) => `(${keys.map(() => '?').join(', ')})`;

/** Rows by primary key; one `in (…)` query per batch. `excludeVoided` leaves out voided entries (Rule 3). */
export function byId<T extends { id: string }>(em: SqlEntityManager, entity: EntityClass<T>, options: { excludeVoided?: boolean } = {}) {
  const { table, column } = tableOf(em, entity as EntityClass<unknown>);
  const live = options.excludeVoided ? ` and ${column('voidedAt')} is null` : '';
  return new DataLoader<string, T | null>(async (ids) => {
    const rows = readEntities(em, entity, await em.execute(`select * from ${table} where ${column('id')} in ${placeholders(ids)}${live}`, [...ids], READ));
    const byKey = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byKey.get(id) ?? null);
  });
}

/** One key of a section's order: a property (`period.start` for an embeddable's), with NULLs last. */
export type OrderBy = readonly string[];

/**
 * All entries of one list section for each owner (a card, or for §16.4 family members a
 * relocation), voided ones included (resolvers hide them unless asked), in the section's
 * chronological order (ascending, NULLs last); one query per batch however many owners.
 */
export function entriesByCard<T extends object>(
  em: SqlEntityManager,
  entity: EntityClass<T>,
  options: { orderBy: OrderBy; owner?: keyof T & string },
) {
  const owner = options.owner ?? 'card';
  const { table, column } = tableOf(em, entity as EntityClass<unknown>);
  const order = options.orderBy.map((key) => `${column(key)} asc nulls last`).join(', ');
  return new DataLoader<string, T[]>(async (ownerIds) => {
    const rows = readEntities(em, entity, await em.execute(`select * from ${table} where ${column(owner)} in ${placeholders(ownerIds)} order by ${order}`, [...ownerIds], READ));
    const byOwner = new Map<string, T[]>(ownerIds.map((id) => [id, []]));
    for (const row of rows) byOwner.get((row as Record<string, unknown>)[owner] as string)?.push(row);
    return ownerIds.map((id) => byOwner.get(id)!);
  });
}
