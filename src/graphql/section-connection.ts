import type DataLoader from 'dataloader';
import type { PageRequest, SectionPage } from '../db/section-pages.ts';
import { CURSOR_PART, cursorKey, pageSize, toCursor, toEdges, type Connection } from './relay.ts';

/** A chronological section's cursor key: the entry's date and id. */
export const DATED_KEY = [CURSOR_PART.date, CURSOR_PART.id] as const;

/**
 * The Relay connection of one card's section page: checks `first` and `after`, asks the
 * section's page loader (batched across cards), and turns the rows into edges.
 */
export async function sectionConnection<T>(
  loader: DataLoader<PageRequest, SectionPage<T>, string>,
  cardId: string,
  args: { first?: number | null; after?: string | null; filter?: string | null },
  keyOf: (row: T) => [string, string],
): Promise<Connection<T>> {
  const size = pageSize(args.first);
  const after = args.after ? cursorKey(args.after, DATED_KEY) : null;
  const page = await loader.load({ cardId, size, after, filter: args.filter ?? null });
  return { ...toEdges(page.rows, size, (row) => toCursor(keyOf(row)), page.hasPrevious), totalCount: page.total };
}
