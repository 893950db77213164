import { GraphQLError } from 'graphql';

// Relay plumbing for resolvers: opaque global ids, opaque cursors and page sizes. A malformed id,
// cursor or size is the client's input at fault: BAD_USER_INPUT naming the argument.

/** The largest page any connection returns. */
export const MAX_PAGE_SIZE = 100;
/** The page size when a client gives none. */
export const DEFAULT_PAGE_SIZE = 20;

const encode = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
const decode = (text: string) => (/^[A-Za-z0-9_-]+$/.test(text) ? Buffer.from(text, 'base64url').toString('utf8') : '');

/** An argument the client got wrong, reported with its path (e.g. `filter.careerCenter`). */
export function badArgument(argument: string, problem: string): GraphQLError {
  return new GraphQLError(`Invalid value for argument "${argument}": ${problem}`, { extensions: { code: 'BAD_USER_INPUT', argument } });
}

/** Global id of an object: base64url of `Type:dbId`. */
export function toGlobalId(type: string, id: string): string {
  return encode(`${type}:${id}`);
}

/** The largest database id: ids are PostgreSQL bigints. */
const MAX_ID = 9223372036854775807n;

/** Whether `text` is a bigint key as we write them: canonical digits, 0 to 2^63 − 1. */
const isBigintKey = (text: string) => /^(0|[1-9]\d{0,18})$/.test(text) && BigInt(text) <= MAX_ID;

/** The type and database id inside a global id, or null when it is not one of ours. */
export function parseGlobalId(globalId: string): { type: string; id: string } | null {
  // Database ids are bigints from 1, written without leading zeros: anything else was never
  // issued, and outside the range it would fail in SQL rather than be found missing.
  const match = /^([A-Za-z]+):(\d+)$/.exec(decode(globalId));
  if (!match || match[2] === '0' || !isBigintKey(match[2]!)) return null;
  return { type: match[1]!, id: match[2]! };
}

/** The database id of a global id of one of `types`; BAD_USER_INPUT naming `argument` otherwise. */
export function idOf(globalId: string, types: readonly string[], argument: string): string {
  const parsed = parseGlobalId(globalId);
  if (!parsed || !types.includes(parsed.type)) throw badArgument(argument, `"${globalId}" is not the id of a ${types.join(' or ')}`);
  return parsed.id;
}

/** A cursor: the sort key of an item (e.g. its date and id), opaque to clients. */
export function toCursor(key: readonly (string | number)[]): string {
  return encode(JSON.stringify(key));
}

/** An ISO date or timestamp that names a real moment, read back exactly as written. */
const isMoment = (text: string, length: number) => {
  const date = new Date(length === 10 ? `${text}T00:00:00.000Z` : text);
  return !Number.isNaN(date.getTime()) && date.getUTCFullYear() >= 1 && date.toISOString().slice(0, length) === text;
};

/**
 * What each part of a sort key must be, by the SQL type it is compared as: the shape and the range
 * of that type, so a forged cursor is refused here and never fails as SQL (an INTERNAL_SERVER_ERROR).
 */
export const KEY_PART = {
  bigint: isBigintKey,
  int: (text: string) => /^-?\d{1,10}$/.test(text) && Math.abs(Number(text)) <= 2 ** 31 - 1,
  date: (text: string) => /^\d{4}-\d{2}-\d{2}$/.test(text) && isMoment(text, 10),
  timestamptz: (text: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(text) && isMoment(text, 24),
} as const satisfies Record<string, (text: string) => boolean>;
export type KeyPart = keyof typeof KEY_PART;

/**
 * The sort key inside a cursor (`after` or `before`), checked against the parts the list is sorted
 * by; BAD_USER_INPUT naming `argument` when the cursor is malformed or from another list.
 */
export function cursorKey(after: string, parts: readonly KeyPart[], argument = 'after'): string[] {
  let key: unknown;
  try {
    key = JSON.parse(decode(after));
  } catch {
    key = null;
  }
  const valid = Array.isArray(key) && key.length === parts.length
    && key.every((part, i) => typeof part === 'string' && KEY_PART[parts[i]!](part));
  if (!valid) throw badArgument(argument, 'not a cursor of this list');
  return key as string[];
}

/** Checks a page size, `first` or `last` (0 to MAX_PAGE_SIZE). */
export function pageSize(first: number | null | undefined, argument = 'first'): number {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) throw badArgument(argument, `must be between 0 and ${MAX_PAGE_SIZE}`);
  return size;
}
