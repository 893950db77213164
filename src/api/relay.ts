import { InvalidInput } from '../modules/base/errors.ts';

// Relay plumbing: opaque global ids, opaque cursors and page-size rules shared by every connection.

/** The largest page any connection returns. */
export const MAX_PAGE_SIZE = 100;

const encode = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
const decode = (text: string) => (/^[A-Za-z0-9_-]+$/.test(text) ? Buffer.from(text, 'base64url').toString('utf8') : '');

/** Global id of an object: base64url of `Type:dbId`. */
export function toGlobalId(type: string, id: string): string {
  return encode(`${type}:${id}`);
}

/** The type and database id inside a global id, or null when it is not one of ours. */
export function parseGlobalId(globalId: string): { type: string; id: string } | null {
  const match = /^([A-Za-z]+):(\d{1,19})$/.exec(decode(globalId));
  return match ? { type: match[1]!, id: match[2]! } : null;
}

/** The database id of a global id of one of `types`; BAD_USER_INPUT naming `argument` otherwise. */
export function idOf(globalId: string, types: readonly string[], argument: string): string {
  const parsed = parseGlobalId(globalId);
  if (!parsed || !types.includes(parsed.type)) {
    throw new InvalidInput(argument, `"${globalId}" is not the id of a ${types.join(' or ')}`);
  }
  return parsed.id;
}

/** A cursor: the sort key of an item (e.g. its date and id), opaque to clients. */
export function toCursor(key: readonly (string | number)[]): string {
  return encode(JSON.stringify(key));
}

/**
 * The sort key inside `after`, checked against the shape the connection expects; BAD_USER_INPUT
 * naming `argument` when the cursor is malformed or from another connection.
 */
export function cursorKey(after: string, shape: readonly RegExp[], argument = 'after'): string[] {
  let key: unknown;
  try {
    key = JSON.parse(decode(after));
  } catch {
    key = null;
  }
  const valid = Array.isArray(key) && key.length === shape.length
    && key.every((part, i) => typeof part === 'string' && shape[i]!.test(part));
  if (!valid) throw new InvalidInput(argument, 'not a cursor of this list');
  return key as string[];
}

/** Checks `first` (0 to MAX_PAGE_SIZE). */
export function pageSize(first: number | null | undefined, argument = 'first'): number {
  const size = first ?? 20;
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) {
    throw new InvalidInput(argument, `must be between 0 and ${MAX_PAGE_SIZE}`);
  }
  return size;
}

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** Builds the edges and page info of a page fetched with one extra row to detect a next page. */
export function toEdges<T>(rows: readonly T[], size: number, cursorOf: (row: T) => string, hasPreviousPage: boolean) {
  const edges = rows.slice(0, size).map((node) => ({ cursor: cursorOf(node), node }));
  const pageInfo: PageInfo = {
    hasNextPage: rows.length > size,
    hasPreviousPage,
    startCursor: edges[0]?.cursor ?? null,
    endCursor: edges.at(-1)?.cursor ?? null,
  };
  return { edges, pageInfo };
}

/** Shape checks for cursor parts. */
export const CURSOR_PART = {
  id: /^\d{1,19}$/,
  date: /^\d{4}-\d{2}-\d{2}$/,
  dateTime: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/,
} as const;
