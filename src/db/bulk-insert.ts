import type { EntityClass, EntityMetadata, EntityProperty } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sql';
import { CompiledQuery, type QueryExecutor } from 'kysely';

// Bulk INSERTs for the import, where a batch is tens of thousands of rows: one statement writes
// every table, each part with a single bound parameter, a JSON array of rows that PostgreSQL
// unpacks itself (each value cast to its column's type, from the entity metadata). Rows that others
// refer to (a card, a relocation) get their ids from the sequences first. Rows are plain objects in
// entity property names (embeddables nested, as the services build them); the entity metadata maps
// them to columns, so column names live in one place: the entities.

interface Column {
  name: string;
  /** The column's SQL type, to read its value out of the JSON. */
  type: string;
  /** Reads the value at the property's path in a plain row, e.g. `expectations.wage.desired`. */
  get: (row: PlainRow) => unknown;
}

// Entity metadata does not change while the process runs: the column lists are worked out once.
const COLUMNS = new Map<string, Column[]>();
/** Auto-increment columns hold plain integers. */
const SERIAL_TYPES: Record<string, string> = { bigserial: 'bigint', serial: 'int' };

export type PlainRow = Record<string, unknown>;

export class BulkInsert {
  readonly #em: SqlEntityManager;

  constructor(em: SqlEntityManager) {
    this.#em = em;
  }

  /** Gives every row of each group an id from the sequence of its entity's table, in one statement. */
  async assignIds(groups: readonly (readonly [EntityClass<unknown>, readonly PlainRow[]])[]): Promise<void> {
    const wanted = groups.filter(([, rows]) => rows.length > 0);
    if (!wanted.length) return;
    const spec = wanted.map(([entity, rows], k) => ({ k, t: `"${this.#meta(entity).root.tableName}"`, n: rows.length }));
    const ids = await this.#run<{ k: number; id: string }>(
      `select v.k, nextval(q.s)::text as id from jsonb_to_recordset($1::jsonb) v(k int, t text, n int)
       cross join lateral (select pg_get_serial_sequence(v.t, 'id')::regclass as s) q cross join generate_series(1, v.n) g
       order by v.k, g`,
      [JSON.stringify(spec)],
    );
    let next = 0;
    for (const [, rows] of wanted) {
      for (const row of rows) row.id = ids[next++]!.id;
    }
  }

  /** Refreshes the planner's statistics of the entities' tables. */
  async analyze(entities: readonly EntityClass<unknown>[]): Promise<void> {
    const tables = [...new Set(entities.map((entity) => `"${this.#meta(entity).root.tableName}"`))];
    await this.#run(`analyze ${tables.join(', ')}`, []);
  }

  /**
   * Inserts rows of several entities in one statement (one INSERT each, as parts of a WITH), so the
   * server writes them all without waiting on the client in between. Rows name their entity's
   * properties; what they leave out is null. Rows without ids get theirs from the sequence.
   */
  async insert(groups: readonly (readonly [EntityClass<unknown>, readonly PlainRow[]])[]): Promise<void> {
    const parameters: string[] = [];
    const inserts = groups.filter(([, rows]) => rows.length > 0).map(([entity, rows]) => {
      const meta = this.#meta(entity);
      const columns = this.#columnsOf(meta).filter((column) => column.name !== 'id' || rows[0]!.id !== undefined);
      // Each row travels as a JSON array of its column values: a third of the bytes of an object
      // repeating every column name, which both sides would spend most of their time on.
      parameters.push(JSON.stringify(rows.map((row) => columns.map((column) => column.get(row) ?? null))));
      const names = columns.map((column) => `"${column.name}"`).join(', ');
      const read = columns.map((column, i) => (column.type === 'jsonb' ? `nullif(r->${i}, 'null')` : `(r->>${i})::${column.type}`)).join(', ');
      return `insert into "${meta.root.tableName}" (${names}) select ${read} from jsonb_array_elements($${parameters.length}::jsonb) r`;
    });
    const [main, ...others] = inserts;
    if (!main) return;
    // Foreign keys are checked at the end of the statement, when every part has written its rows.
    await this.#run(others.length ? `with ${others.map((sql, i) => `part${i} as (${sql})`).join(', ')} ${main}` : main, parameters);
  }

  /**
   * Runs a statement in the EntityManager's transaction with a real bound parameter: `em.execute`
   * inlines parameters into the SQL text, and a batch's JSON is megabytes the server would then
   * scan as a literal (three times slower, measured).
   */
  async #run<T>(sql: string, parameters: unknown[]): Promise<T[]> {
    const executor = (this.#em.getTransactionContext() ?? this.#em.getConnection().getClient()) as unknown as { executeQuery: QueryExecutor['executeQuery'] };
    const result = await executor.executeQuery<T>(CompiledQuery.raw(sql, parameters));
    return result.rows as T[];
  }

  #meta(entity: EntityClass<unknown>): EntityMetadata {
    return this.#em.getMetadata().get(entity as never) as EntityMetadata;
  }

  #columnsOf(meta: EntityMetadata): Column[] {
    const cached = COLUMNS.get(meta.className);
    if (cached) return cached;
    const pathOf = (prop: EntityProperty): string[] =>
      (prop.embedded ? [...pathOf(meta.properties[prop.embedded[0]] as EntityProperty), prop.embedded[1]] : [prop.name]);
    const columns = meta.props
      .filter((prop) => prop.persist !== false && prop.kind !== 'embedded' && (prop.kind === 'scalar' || prop.kind === 'm:1') && prop.fieldNames?.length === 1)
      .map((prop) => ({ name: prop.fieldNames[0]!, type: SERIAL_TYPES[prop.columnTypes[0]!] ?? prop.columnTypes[0]!, get: getter(pathOf(prop)) }));
    COLUMNS.set(meta.className, columns);
    return columns;
  }
}

/** Reads a property path of a plain row (embeddables nest at most two deep). */
function getter(path: string[]): (row: PlainRow) => unknown {
  const [a, b, c] = path as [string, string?, string?];
  if (b === undefined) return (row) => row[a];
  if (c === undefined) return (row) => (row[a] as PlainRow | null | undefined)?.[b];
  if (path.length === 3) return (row) => ((row[a] as PlainRow | null | undefined)?.[b] as PlainRow | null | undefined)?.[c];
  return (row) => path.reduce<unknown>((value, key) => (value as PlainRow | null | undefined)?.[key], row);
}
