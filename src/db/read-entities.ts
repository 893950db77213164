import type { EntityClass, EntityData } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sql';

// Entities read only to answer a query. The ORM's own mapper and compiled hydrator turn raw rows
// into entities (column names, types, embeddables, the class a single-table-inheritance row
// names), but the entities never enter the request's unit of work: nothing read for an answer is
// ever flushed (a change loads its own managed entities through its service), and the unit of
// work's bookkeeping — identity map, change-tracking snapshot, per-instance property tracking —
// was the largest single cost of a deep list. test/db/read-entities.test.ts holds them
// equal to what `em.find` gives.

/** Raw rows of `entity`'s table as entities outside the unit of work (not to be persisted). */
export function readEntities<T extends object>(em: SqlEntityManager, entity: EntityClass<T>, rows: readonly Record<string, unknown>[]): T[] {
  const metadata = em.getMetadata();
  const meta = metadata.get(entity);
  const driver = em.getDriver();
  const factory = em.getEntityFactory();
  const hydrator = em.config.getHydrator(metadata);
  const discriminator = meta.root.inheritanceType === 'sti' ? meta.root.discriminatorColumn! : null;
  return rows.map((row) => {
    const data = driver.mapResult(row as EntityData<T>, meta) as Record<string, unknown>;
    const kind = discriminator ? metadata.get(meta.root.discriminatorMap![data[discriminator] as string]!) : meta;
    const object = Object.create(kind.prototype) as T;
    hydrator.hydrate(object, kind, data as EntityData<T>, factory, 'full', false, true);
    return object;
  });
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
