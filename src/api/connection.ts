import { badArgument, cursorKey, pageSize, toCursor, type KeyPart } from './relay.ts';

// Services hand out plain pages (rows and whether more lie on either side); resolvers turn them
// into Relay connections here, and turn `first`/`after`/`last`/`before` into the plain
// `{ limit, after, before, fromEnd }` services take. Services read the page with `pageFrom`, so
// both directions mean the same in every list (Relay's Cursor Connections specification).

/** A page as services return it. */
export interface Page<T, Total = number> {
  rows: T[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  /** How many rows the whole list has (a function when counting costs a statement of its own, made only if asked). */
  total: Total;
}

/**
 * What a service needs to read one page: how many rows, the sort keys the rows lie strictly
 * between (from the cursors), and whether the page is the last `limit` rows of that range (`last`)
 * rather than the first (`first`).
 */
export interface PageRequest {
  limit: number;
  after: readonly string[] | null;
  before: readonly string[] | null;
  fromEnd: boolean;
}

/** The paging arguments of a connection field; a list that pages one way only has no `last`/`before`. */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/** The page a connection field's arguments ask for, checked against the sort key of its list (BAD_USER_INPUT naming the argument). */
export function pageRequest(args: PageArgs, keyParts: readonly KeyPart[]): PageRequest {
  const fromEnd = args.last != null;
  if (fromEnd && args.first != null) throw badArgument('last', 'give `first` or `last`, not both');
  return {
    limit: fromEnd ? pageSize(args.last, 'last') : pageSize(args.first),
    after: args.after != null ? cursorKey(args.after, keyParts) : null,
    before: args.before != null ? cursorKey(args.before, keyParts, 'before') : null,
    fromEnd,
  };
}

/**
 * The page of a request from what a service read: `rows`, up to `limit + 1` rows of the range in
 * the direction of reading (from its end, for `last`); whether rows lie before `after` and at or
 * after `before` (outside the range). The extra row only tells that more lie that way.
 */
export function pageFrom<T, Total>(
  request: PageRequest, rows: readonly T[], outside: { beforeAfter: boolean; afterBefore: boolean }, total: Total,
): Page<T, Total> {
  const more = rows.length > request.limit;
  const page = rows.slice(0, request.limit);
  if (request.fromEnd) page.reverse();
  return {
    rows: page,
    hasNextPage: (!request.fromEnd && more) || (request.before !== null && outside.afterBefore),
    hasPreviousPage: (request.fromEnd && more) || (request.after !== null && outside.beforeAfter),
    total,
  };
}

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export interface Connection<T, Total = number> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  totalCount: Total;
}

/** The Relay connection of a page; `keyOf` gives a row's sort key, which its cursor carries. */
export function connection<T, Total>(page: Page<T, Total>, keyOf: (row: T) => readonly (string | number)[]): Connection<T, Total> {
  const edges = page.rows.map((node) => ({ cursor: toCursor(keyOf(node)), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: page.total,
  };
}
