import type { PageRequest, SectionPage } from '../db/section-pages.ts';
import { CURSOR_PART, cursorKey, pageSize, toCursor, toEdges, type Connection } from './relay.ts';

/** A chronological section's cursor key: the entry's date and id. */
export const DATED_KEY = [CURSOR_PART.date, CURSOR_PART.id] as const;
/** The history's cursor key: the moment of the change and its id. */
export const TIMED_KEY = [CURSOR_PART.dateTime, CURSOR_PART.id] as const;

/**
 * The Relay connection of one card's section page: checks `first` and `after`, asks for the page
 * (batched across cards when live), and turns the rows into edges.
 */
export async function sectionConnection<T>(
  load: (request: PageRequest) => Promise<SectionPage<T>>,
  cardId: string,
  args: { first?: number | null; after?: string | null; filter?: string | null; includeVoided?: boolean | null },
  keyOf: (row: T) => [string, string],
  keyShape: readonly RegExp[] = DATED_KEY,
): Promise<Connection<T>> {
  const size = pageSize(args.first);
  const after = args.after ? cursorKey(args.after, keyShape) : null;
  const page = await load({ cardId, size, after, filter: args.filter ?? null, includeVoided: args.includeVoided ?? false });
  return { ...toEdges(page.rows, size, (row) => toCursor(keyOf(row)), page.hasPrevious), totalCount: page.total };
}
