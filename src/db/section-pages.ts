import DataLoader from 'dataloader';
import type { EntityClass } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sql';
import { placeholders } from './loaders.ts';
import { readEntities, tableOf } from './read-entities.ts';

// Pages of the list sections that grow without bound (§14 referrals, §16 measures, §18 visits),
// for many cards in ONE statement: window functions number each card's entries in chronological
// order, so every card gets its own first N entries after its cursor, plus its total count.

/** One key of the section's chronological order and the SQL type its cursor value is cast to. */
export interface OrderKey {
  property: string;
  cast: 'date' | 'timestamptz' | 'bigint' | 'int';
}

export interface SectionPageSpec<T> {
  entity: EntityClass<T>;
  /** Chronological order; the last key must be unique (the id). */
  order: readonly OrderKey[];
  /** A column that an optional per-request filter value must equal (e.g. §16 measure kind). */
  filterProperty?: string;
  /** Whether rows can be voided (Rule 3); history rows cannot. */
  voidable?: boolean;
  /** Rows carry their place in the order among the card's rows not voided (§18, §20 row numbers). */
  numbered?: boolean;
}

export interface SectionPageRequest {
  cardId: string;
  /** How many entries. */
  limit: number;
  /** Sort key of the entry to start after, from the cursor. */
  after: readonly string[] | null;
  filter: string | null;
  /** Rule 3 — include voided entries. */
  includeVoided: boolean;
}

export interface SectionPage<T> {
  /** Up to `limit` entries. */
  rows: T[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  total: number;
  /** For a numbered section, the number of each row of the page (null for a voided one). */
  numbers?: Map<T, number | null>;
}

async function loadPages<T extends object>(
  em: SqlEntityManager,
  spec: SectionPageSpec<T>,
  request: Omit<SectionPageRequest, 'cardId'>,
  cardIds: readonly string[],
): Promise<Map<string, SectionPage<T>>> {
  const { table, column } = tableOf(em, spec.entity as EntityClass<unknown>);
  const card = column('card');
  const order = (alias: string) => spec.order.map((key) => `${alias}.${column(key.property)}`).join(', ');
  const params: unknown[] = [];
  // Rows before the cursor still count towards the total; one of them per card is kept so that a
  // card whose entries all lie before the cursor still reports its total and previous page.
  let isAfter = 'true';
  if (request.after) {
    isAfter = `(${order('t')}) > (${spec.order.map((key) => `?::${key.cast}`).join(', ')})`;
    params.push(...request.after);
  }
  let where = `t.${card} in ${placeholders(cardIds)}`;
  if (spec.voidable !== false && !request.includeVoided) where += ' and t."voided_at" is null';
  params.push(...cardIds);
  if (spec.filterProperty && request.filter !== null) {
    where += ` and t.${column(spec.filterProperty)} = ?`;
    params.push(request.filter);
  }
  params.push(request.limit + 1);
  // Numbered before the cursor cuts the page: a row's number counts every earlier row not voided.
  const numbered = spec.numbered
    ? `, case when w."voided_at" is null then row_number() over (partition by w.${card}, w."voided_at" is null order by ${order('w')}) end as "__number"`
    : '';
  const sql = `with w as (select t.*, ${isAfter} as "__is_after" from ${table} t where ${where})
    select * from (
      select w.*, count(*) over (partition by w.${card}) as "__total",
             count(*) filter (where w."__is_after") over (partition by w.${card}) as "__after",
             row_number() over (partition by w.${card}, w."__is_after" order by ${order('w')}) as "__rank"${numbered}
      from w
    ) r where (r."__is_after" and r."__rank" <= ?) or (not r."__is_after" and r."__rank" = 1)
    order by r.${card}, r."__is_after", r."__rank"`;
  const rows = await em.execute<Record<string, unknown>[]>(sql, params);

  const pages = new Map<string, SectionPage<T>>();
  const cardColumn = card.slice(1, -1);
  for (const row of rows) {
    const cardId = String(row[cardColumn]);
    if (!pages.has(cardId)) {
      pages.set(cardId, { rows: [], hasNextPage: false, hasPreviousPage: Number(row.__total) > Number(row.__after), total: Number(row.__total) });
    }
  }
  // The entries of the pages, hydrated in one go; the window columns are no property of the
  // entity, so hydration passes them by.
  const after = rows.filter((row) => row.__is_after);
  readEntities(em, spec.entity, after).forEach((entry, i) => {
    const page = pages.get(String(after[i]![cardColumn]))!;
    page.rows.push(entry);
    if (spec.numbered) (page.numbers ??= new Map()).set(entry, after[i]!.__number == null ? null : Number(after[i]!.__number));
  });
  // One row beyond the page was read only to tell whether a next page exists.
  for (const page of pages.values()) {
    page.hasNextPage = page.rows.length > request.limit;
    if (page.hasNextPage) page.rows.length = request.limit;
  }
  return pages;
}

/**
 * A loader of section pages keyed by card and page arguments; the keys of one batch that share
 * arguments (all cards of a list query do) are answered by one statement.
 */
export function sectionPageLoader<T extends object>(em: SqlEntityManager, spec: SectionPageSpec<T>) {
  const argsKey = (r: SectionPageRequest) => JSON.stringify([r.limit, r.after, r.filter, r.includeVoided]);
  return new DataLoader<SectionPageRequest, SectionPage<T>, string>(
    async (requests) => {
      const groups = new Map<string, SectionPageRequest[]>();
      for (const request of requests) {
        const group = groups.get(argsKey(request)) ?? [];
        group.push(request);
        groups.set(argsKey(request), group);
      }
      const results = new Map<string, Map<string, SectionPage<T>>>();
      for (const [key, group] of groups) {
        results.set(key, await loadPages(em, spec, group[0]!, group.map((r) => r.cardId)));
      }
      // A card with no (non-voided) entries has no rows in the result.
      return requests.map((r) => results.get(argsKey(r))!.get(r.cardId) ?? { rows: [], hasNextPage: false, hasPreviousPage: false, total: 0 });
    },
    { cacheKeyFn: (r) => `${r.cardId}|${argsKey(r)}` },
  );
}
