import type { EntityClass, EntityData } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sql';

// Entities read only to answer a query. The ORM hydrates them from raw rows (column names, types,
// embeddables, single-table inheritance) as it always does, but they are not merged into the
// request's unit of work: nothing read for an answer is ever flushed (a change loads its own
// managed entities through its service), and merging — the identity map, a change-tracking
// snapshot of every row — was the largest single cost of a deep list (issue 8's profile).

/** Raw rows of `entity`'s table as entities outside the unit of work. */
export function readEntities<T extends object>(em: SqlEntityManager, entity: EntityClass<T>, rows: readonly Record<string, unknown>[]): T[] {
  const meta = em.getMetadata().get(entity);
  const driver = em.getDriver();
  const factory = em.getEntityFactory();
  return rows.map((row) => factory.create(entity, driver.mapResult(row as EntityData<T>, meta) as EntityData<T>, {
    merge: false, refresh: true, convertCustomTypes: true, initialized: true,
  }) as T);
}

interface Prop { fieldNames: string[]; embeddedProps?: Record<string, Prop> }

/** The table of an entity and the quoted column of one of its properties (`period.start` inside an embeddable). */
export function tableOf(em: SqlEntityManager, entity: EntityClass<unknown>) {
  const meta = em.getMetadata().get(entity);
  const column = (path: string) => {
    const [first, ...rest] = path.split('.');
    let prop = (meta.properties as unknown as Record<string, Prop | undefined>)[first!];
    for (const part of rest) prop = prop?.embeddedProps?.[part];
    if (!prop) throw new Error(`${meta.className} has no property ${path}`);
    return `"${prop.fieldNames[0]}"`;
  };
  return { table: `"${meta.tableName}"`, column };
}
