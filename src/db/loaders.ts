import DataLoader from 'dataloader';
import type { EntityClass, FilterQuery, QueryOrderMap } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sql';

// Batched lookups shared by the modules' loaders. Each loader belongs to one request (its
// EntityManager fork), so its cache never outlives the request or crosses users.

/** Rows by primary key; one `IN (…)` query per batch. `where` adds conditions such as "not voided". */
export function byId<T extends { id: string }>(em: SqlEntityManager, entity: EntityClass<T>, where: object = {}) {
  return new DataLoader<string, T | null>(async (ids) => {
    const rows = await em.find(entity, { ...where, id: { $in: [...ids] } } as unknown as FilterQuery<T>);
    const byKey = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byKey.get(id) ?? null);
  });
}

/**
 * All entries of one list section for each owner (a card, or for §16.4 family members a
 * relocation), voided ones included (resolvers hide them unless asked), in the section's
 * chronological order; one query per batch however many owners.
 */
export function entriesByCard<T extends object>(
  em: SqlEntityManager,
  entity: EntityClass<T>,
  options: { orderBy: QueryOrderMap<T>; owner?: keyof T & string },
) {
  const owner = options.owner ?? 'card';
  return new DataLoader<string, T[]>(async (ownerIds) => {
    const rows = await em.find(
      entity,
      { [owner]: { $in: [...ownerIds] } } as unknown as FilterQuery<NoInfer<T>>,
      { orderBy: options.orderBy as never },
    );
    const byOwner = new Map<string, T[]>(ownerIds.map((id) => [id, []]));
    for (const row of rows) byOwner.get((row as Record<string, unknown>)[owner] as string)?.push(row);
    return ownerIds.map((id) => byOwner.get(id)!);
  });
}
