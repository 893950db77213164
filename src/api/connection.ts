import { cursorKey, pageSize, toCursor, type KeyPart } from './relay.ts';

// Services hand out plain pages (rows and whether more lie on either side); resolvers turn them
// into Relay connections here, and turn `first`/`after` into the plain `{ limit, after }` services take.

/** A page as services return it. */
export interface Page<T, Total = number> {
  rows: T[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  /** How many rows the whole list has (a function when counting costs a statement of its own, made only if asked). */
  total: Total;
}

/** What a service needs to read one page: how many rows, and the sort key of the row to start after. */
export interface PageRequest {
  limit: number;
  after: string[] | null;
}

/** `first` and `after` of a connection field, checked against the sort key of its list. */
export function pageRequest(args: { first?: number | null; after?: string | null }, keyParts: readonly KeyPart[]): PageRequest {
  return { limit: pageSize(args.first), after: args.after ? cursorKey(args.after, keyParts) : null };
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
