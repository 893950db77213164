import type { EntityClass, EntityMetadata, MetadataStorage } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sql';

// How the tables would spread over a Citus cluster (docs/scale.md), derived from the ORM's metadata
// rather than listed: the card's table is distributed by its id, every table whose rows name a card
// by the card's id beside it (co-located: one card's rows sit in one shard), and the few tables that
// are not per card are placed by an explicit decision. A table nobody placed is an error, so a new
// table cannot slip past the check of the queries (test/db/distribution.test.ts).

/** Where a table's rows live in the cluster. */
export type Placement =
  /** Hashed by `column`; tables of one `group` are co-located (equal values share a shard). */
  | { kind: 'distributed'; column: string; group: string }
  /** Small and read everywhere: a copy on every node. */
  | { kind: 'reference' }
  /** On the coordinator only (never joined with distributed tables). */
  | { kind: 'local' };

export interface TablePlan {
  table: string;
  placement: Placement;
  /** Its columns, to tell which table an unqualified column belongs to. */
  columns: readonly string[];
  /** Why it is placed so, when it is not simply "a card's rows". */
  why?: string;
}

/** Decisions for the tables that are not a card's rows. */
export interface DistributionDecisions {
  /** The entity distributed by its own id: the card. Tables with a many-to-one to it follow it. */
  card: EntityClass<object>;
  /** Dictionaries and the like: reference tables. */
  reference: readonly EntityClass<object>[];
  /** Tables of another key: the table, its distribution column and its co-location group, and why. */
  other?: readonly { entity: EntityClass<object>; column: string; group: string; why: string }[];
  /** Tables outside the ORM that stay on the coordinator (the job queue, the migrations' log), and why. */
  local?: readonly { table: string; why: string }[];
}

export const CARD_GROUP = 'card';

/** Every table the ORM maps, placed: by the card's id, as a reference table, or as decided. */
export function distributionPlan(metadata: MetadataStorage, decisions: DistributionDecisions): Map<string, TablePlan> {
  const roots = [...metadata.getAll().values()].filter((meta) => !meta.embeddable && !meta.virtual && meta.root === meta);
  const cardMeta = metadata.get(decisions.card);
  const isMeta = (meta: EntityMetadata, entity: EntityClass<object>) => meta.class === entity || meta.className === entity.name;
  const plan = new Map<string, TablePlan>();
  for (const meta of roots) {
    // Single-table inheritance: the table holds every kind's columns.
    const columns = [...new Set([...metadata.getAll().values()].filter((m) => m.tableName === meta.tableName && !m.embeddable)
      .flatMap((m) => Object.values(m.properties).flatMap((prop) => prop.fieldNames ?? [])))];
    const other = decisions.other?.find((decision) => isMeta(meta, decision.entity));
    const cardRelation = Object.values(meta.properties).find((prop) => prop.kind === 'm:1' && prop.type === cardMeta.className);
    let placement: Placement;
    let why: string | undefined;
    if (meta === cardMeta) placement = { kind: 'distributed', column: cardMeta.getPrimaryProps()[0]!.fieldNames[0]!, group: CARD_GROUP };
    else if (other) ({ placement, why } = { placement: { kind: 'distributed', column: other.column, group: other.group }, why: other.why });
    else if (decisions.reference.some((entity) => isMeta(meta, entity))) placement = { kind: 'reference' };
    else if (cardRelation) placement = { kind: 'distributed', column: cardRelation.fieldNames[0]!, group: CARD_GROUP };
    else throw new Error(`No placement for the table ${meta.tableName} (${meta.className}): it names no card; list it in src/modules/distribution.ts`);
    if (placement.kind === 'distributed' && !columns.includes(placement.column)) throw new Error(`${meta.tableName} has no column ${placement.column}`);
    plan.set(meta.tableName, { table: meta.tableName, placement, columns, ...(why ? { why } : {}) });
  }
  for (const { table, why } of decisions.local ?? []) plan.set(table, { table, placement: { kind: 'local' }, columns: [], why });
  return plan;
}

/** A primary key, unique or foreign-key constraint of a table, as the catalog has it. */
export interface TableConstraint {
  table: string;
  name: string;
  kind: 'primary' | 'unique' | 'foreign';
  columns: string[];
  references?: { table: string; columns: string[] };
}

/** The primary key, unique and foreign-key constraints of the tables in the `public` schema. */
export async function tableConstraints(em: SqlEntityManager): Promise<TableConstraint[]> {
  const rows = await em.getConnection().execute<{ table: string; name: string; type: string; columns: string[]; ref_table: string | null; ref_columns: string[] | null }[]>(
    `select t.relname as "table", c.conname as name, c.contype as type,
       array(select a.attname::text from unnest(c.conkey) with ordinality k(n, i) join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.i) as columns,
       r.relname as ref_table,
       array(select a.attname::text from unnest(c.confkey) with ordinality k(n, i) join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.n order by k.i) as ref_columns
     from pg_constraint c join pg_class t on t.oid = c.conrelid join pg_namespace n on n.oid = t.relnamespace left join pg_class r on r.oid = c.confrelid
     where n.nspname = 'public' and c.contype in ('p', 'u', 'f') order by t.relname, c.conname`);
  return rows.map((row) => ({
    table: row.table, name: row.name, kind: row.type === 'p' ? 'primary' : row.type === 'u' ? 'unique' : 'foreign', columns: row.columns,
    ...(row.type === 'f' ? { references: { table: row.ref_table!, columns: row.ref_columns ?? [] } } : {}),
  }));
}

/**
 * What Citus asks of the keys before it distributes a table: a primary key or unique constraint
 * of a distributed table holds its distribution column (it is checked in one shard), and a foreign
 * key between distributed tables joins them on it. Gives the statements that make the keys so,
 * and the constraints that cannot be kept (a unique constraint across shards).
 */
export function keySteps(plan: ReadonlyMap<string, TablePlan>, constraints: readonly TableConstraint[]): { statements: string[]; dropped: TableConstraint[] } {
  const distribution = (table: string) => {
    const placement = plan.get(table)?.placement;
    return placement?.kind === 'distributed' ? placement : null;
  };
  const dropFks: string[] = [];
  const keys: string[] = [];
  const addFks: string[] = [];
  const dropped: TableConstraint[] = [];
  for (const c of constraints) {
    const own = distribution(c.table);
    if (!own) continue;
    const q = (columns: readonly string[]) => columns.map((col) => `"${col}"`).join(', ');
    if (c.kind === 'foreign') {
      const target = distribution(c.references!.table);
      if (!target || c.columns.includes(own.column)) continue;
      dropFks.push(`alter table "${c.table}" drop constraint "${c.name}";`);
      if (target.group !== own.group) { dropped.push(c); continue; }
      addFks.push(`alter table "${c.table}" add constraint "${c.name}" foreign key (${q([own.column, ...c.columns])}) references "${c.references!.table}" (${q([target.column, ...c.references!.columns])});`);
    } else if (!c.columns.includes(own.column)) {
      if (c.kind === 'primary') keys.push(`alter table "${c.table}" drop constraint "${c.name}", add constraint "${c.name}" primary key (${q([own.column, ...c.columns])});`);
      else {
        // Unique only within a shard would be a weaker promise than the schema makes: not rewritten.
        keys.push(`alter table "${c.table}" drop constraint "${c.name}"; -- unique (${c.columns.join(', ')}) across shards: docs/scale.md`);
        dropped.push(c);
      }
    }
  }
  return { statements: [...dropFks, ...keys, ...addFks], dropped };
}

/**
 * The statements that distribute an existing (migrated) database: the keys made to hold the
 * distribution column (`keySteps`), reference tables (the distributed tables' foreign keys point
 * at them), then each co-location group, led by the table the others are co-located with.
 */
export function citusScript(plan: ReadonlyMap<string, TablePlan>, constraints: readonly TableConstraint[] = []): string {
  const tables = [...plan.values()];
  const lines: string[] = [];
  const { statements } = keySteps(plan, constraints);
  if (statements.length) lines.push('-- Keys that hold the distribution column (plain PostgreSQL, before distributing).', ...statements);
  lines.push('-- Reference tables: a copy on every node.');
  for (const { table } of tables.filter((t) => t.placement.kind === 'reference').sort(byName)) lines.push(`select create_reference_table('${table}');`);
  const groups = new Map<string, TablePlan[]>();
  for (const t of tables) if (t.placement.kind === 'distributed') groups.set(t.placement.group, [...(groups.get(t.placement.group) ?? []), t]);
  for (const [group, members] of [...groups].sort(([a], [b]) => (a === CARD_GROUP ? -1 : b === CARD_GROUP ? 1 : a.localeCompare(b)))) {
    // The group's leader: the table the others' distribution columns refer to (the card by its id).
    const [leader, ...rest] = [...members].sort((a, b) => Number(isLeader(b)) - Number(isLeader(a)) || byName(a, b));
    lines.push(`-- Co-location group "${group}".`);
    lines.push(`select create_distributed_table('${leader!.table}', '${column(leader!)}');`);
    for (const t of rest.sort(byName)) lines.push(`select create_distributed_table('${t.table}', '${column(t)}', colocate_with => '${leader!.table}');`);
  }
  const local = tables.filter((t) => t.placement.kind === 'local');
  if (local.length) lines.push(`-- Left on the coordinator: ${local.map((t) => t.table).sort().join(', ')}.`);
  return `${lines.join('\n')}\n`;
}

const column = (t: TablePlan) => (t.placement.kind === 'distributed' ? t.placement.column : '');
const isLeader = (t: TablePlan) => t.placement.kind === 'distributed' && t.placement.column === 'id';
const byName = (a: TablePlan, b: TablePlan) => a.table.localeCompare(b.table);
