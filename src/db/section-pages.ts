import DataLoader from 'dataloader';
import type { EntityClass } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sql';
import { placeholders, READ } from './loaders.ts';
import { readEntities, tableOf } from './read-entities.ts';

// Pages of the list sections that grow without bound (§14 referrals, §16 measures, §18 visits, the
// history), for many cards in ONE statement: window functions number each card's entries between
// its cursors, from the start (`first`) or the end (`last`), so every card gets its own N entries,
// its total count, and whether entries lie beyond either cursor.

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
  /** Sort key of the entry the page starts after, from the `after` cursor. */
  after: readonly string[] | null;
  /** Sort key of the entry the page ends before, from the `before` cursor. */
  before: readonly string[] | null;
  /** The last `limit` entries between the cursors (`last`), rather than the first (`first`). */
  fromEnd: boolean;
  filter: string | null;
  /** Rule 3 — include voided entries. */
  includeVoided: boolean;
}

/** A page as a connection shows it. */
export interface SectionPage<T> {
  /** Up to `limit` entries, in chronological order. */
  rows: T[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  total: number;
  /** For a numbered section, the number of each row of the page (null for a voided one). */
  numbers?: Map<T, number | null>;
}

/** What one card's page reads: the entries between the cursors, in the direction of reading. */
export interface SectionRows<T> {
  /** Up to `limit + 1` entries between the cursors, from the end for `fromEnd`: one more than asked tells that more lie that way. */
  rows: T[];
  /** Whether entries lie at or before `after`. */
  beforeAfter: boolean;
  /** Whether entries lie at or after `before`. */
  afterBefore: boolean;
  total: number;
  numbers?: Map<T, number | null>;
}

async function loadPages<T extends object>(
  em: SqlEntityManager,
  spec: SectionPageSpec<T>,
  request: Omit<SectionPageRequest, 'cardId'>,
  cardIds: readonly string[],
): Promise<Map<string, SectionRows<T>>> {
  const { table, column } = tableOf(em, spec.entity as EntityClass<unknown>);
  const card = column('card');
  const order = (alias: string, direction = '') => spec.order.map((key) => `${alias}.${column(key.property)}${direction}`).join(', ');
  const key = spec.order.map((key) => `?::${key.cast}`).join(', ');
  const params: unknown[] = [];
  // Rows outside the cursors still count towards the total and tell whether pages lie beyond them;
  // one of them per card is kept so that a card with none between the cursors still has its page.
  const beforeAfter = request.after ? `(${order('t')}) <= (${key})` : 'false';
  const afterBefore = request.before ? `(${order('t')}) >= (${key})` : 'false';
  params.push(...(request.after ?? []), ...(request.before ?? []));
  let where = `t.${card} in ${placeholders(cardIds)}`;
  if (spec.voidable !== false && !request.includeVoided) where += ' and t."voided_at" is null';
  params.push(...cardIds);
  if (spec.filterProperty && request.filter !== null) {
    where += ` and t.${column(spec.filterProperty)} = ?`;
    params.push(request.filter);
  }
  params.push(request.limit + 1);
  // Numbered before the cursors cut the page: a row's number counts every earlier row not voided.
  const numbered = spec.numbered
    ? `, case when v."voided_at" is null then row_number() over (partition by v.${card}, v."voided_at" is null order by ${order('v')}) end as "__number"`
    : '';
  // Read from the end for `last`: the rank counts from the last row between the cursors.
  const sql = `with w as (select t.*, ${beforeAfter} as "__before_after", ${afterBefore} as "__after_before" from ${table} t where ${where}),
    v as (select w.*, not w."__before_after" and not w."__after_before" as "__between" from w)
    select * from (
      select v.*, count(*) over (partition by v.${card}) as "__total",
             bool_or(v."__before_after") over (partition by v.${card}) as "__any_before_after",
             bool_or(v."__after_before") over (partition by v.${card}) as "__any_after_before",
             row_number() over (partition by v.${card}, v."__between" order by ${order('v', request.fromEnd ? ' desc' : '')}) as "__rank"${numbered}
      from v
    ) r where (r."__between" and r."__rank" <= ?) or (not r."__between" and r."__rank" = 1)
    order by r.${card}, r."__between", r."__rank"`;
  const rows = await em.execute<Record<string, unknown>[]>(sql, params, READ);

  const pages = new Map<string, SectionRows<T>>();
  const cardColumn = card.slice(1, -1);
  for (const row of rows) {
    const cardId = String(row[cardColumn]);
    if (!pages.has(cardId)) {
      pages.set(cardId, { rows: [], beforeAfter: Boolean(row.__any_before_after), afterBefore: Boolean(row.__any_after_before), total: Number(row.__total) });
    }
  }
  // The entries of the pages, hydrated in one go; the window columns are no property of the
  // entity, so hydration passes them by.
  const between = rows.filter((row) => row.__between);
  readEntities(em, spec.entity, between).forEach((entry, i) => {
    const page = pages.get(String(between[i]![cardColumn]))!;
    page.rows.push(entry);
    if (spec.numbered) (page.numbers ??= new Map()).set(entry, between[i]!.__number == null ? null : Number(between[i]!.__number));
  });
  return pages;
}

/**
 * A loader of section pages keyed by card and page arguments; the keys of one batch that share
 * arguments (all cards of a list query do) are answered by one statement.
 */
export function sectionPageLoader<T extends object>(em: SqlEntityManager, spec: SectionPageSpec<T>) {
  const argsKey = (r: SectionPageRequest) => JSON.stringify([r.limit, r.after, r.before, r.fromEnd, r.filter, r.includeVoided]);
  return new DataLoader<SectionPageRequest, SectionRows<T>, string>(
    async (requests) => {
      const groups = new Map<string, SectionPageRequest[]>();
      for (const request of requests) {
        const group = groups.get(argsKey(request)) ?? [];
        group.push(request);
        groups.set(argsKey(request), group);
      }
      const results = new Map<string, Map<string, SectionRows<T>>>();
      for (const [key, group] of groups) {
        results.set(key, await loadPages(em, spec, group[0]!, group.map((r) => r.cardId)));
      }
      // A card with no (non-voided) entries has no rows in the result.
      return requests.map((r) => results.get(argsKey(r))!.get(r.cardId) ?? { rows: [], beforeAfter: false, afterBefore: false, total: 0 });
    },
    { cacheKeyFn: (r) => `${r.cardId}|${argsKey(r)}` },
  );
}
