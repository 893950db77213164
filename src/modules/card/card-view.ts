import type { Context } from '../../api/context.ts';
import { connection, pageFrom, pageRequest, type PageArgs } from '../../api/connection.ts';
import type { RequestLoaders } from '../../api/loaders.ts';
import type { SectionPage, SectionPageRequest, SectionRows } from '../../db/section-pages.ts';
import type { CardHistory } from '../history/history.entity.ts';
import { historyPages } from '../history/history.store.ts';
import type { Card } from './card.entity.ts';
import { rowNumberIn, sortKey, type ChildSection, type Entry, type ListSection } from './card-section.ts';
import { childLoader, listLoader, pageLoader } from './section-loaders.ts';

/**
 * Where a card's sections are read from: the live tables (batched per request), or the card as it
 * stood at a past moment (`asOf`). Lists include voided entries; readers hide them unless asked.
 * Resolvers read sections only through a view, so both render identically.
 */
export interface CardView {
  /** Set for a card read as of a past moment: the moment, and the card as it stood then. */
  readonly asOf?: { at: Date; card: Card };
  /** Every entry of a section, in chronological order. */
  list<E extends Entry>(section: ListSection<E>, cardId: string): Promise<E[]>;
  /** One page of a section (voided entries only when asked). */
  page<E extends Entry>(section: ListSection<E>, request: SectionPageRequest): Promise<SectionPage<E>>;
  /** The rows belonging to an entry, voided ones included. */
  children<C extends object>(child: ChildSection<C>, ownerId: string): Promise<C[]>;
  /** A page of the card's history. */
  history(request: SectionPageRequest): Promise<SectionPage<CardHistory>>;
  /** The row number of an entry of a numbered section (null for a voided one): see `ListSection.numbered`. */
  rowNumber(section: ListSection, entry: Entry): Promise<number | null>;
}

/** The live view: the request's batched loaders. */
class LiveView implements CardView {
  readonly #loaders: RequestLoaders;
  /** The numbers the pages read came with (one statement); other entries are numbered from their whole list. */
  readonly #numbers = new WeakMap<object, number | null>();

  constructor(loaders: RequestLoaders) {
    this.#loaders = loaders;
  }

  list<E extends Entry>(section: ListSection<E>, cardId: string) {
    return this.#loaders.get(listLoader(section)).load(cardId);
  }

  async page<E extends Entry>(section: ListSection<E>, request: SectionPageRequest) {
    const page = sectionPage(request, await this.#loaders.get(pageLoader(section)).load(request));
    for (const [entry, number] of page.numbers ?? []) this.#numbers.set(entry, number);
    return page;
  }

  async rowNumber(section: ListSection, entry: Entry) {
    if (this.#numbers.has(entry)) return this.#numbers.get(entry)!;
    return rowNumberIn(await this.list(section, entry.card), entry);
  }

  children<C extends object>(child: ChildSection<C>, ownerId: string) {
    return this.#loaders.get(childLoader(child)).load(ownerId);
  }

  async history(request: SectionPageRequest) {
    return sectionPage(request, await this.#loaders.get(historyPages).load(request));
  }
}

/** The page of a card's list from the entries read between its cursors (by SQL or in memory): one meaning of `first`/`last` for every list. */
export function sectionPage<T>(request: SectionPageRequest, read: SectionRows<T>): SectionPage<T> {
  return { ...pageFrom(request, read.rows, read, read.total), numbers: read.numbers };
}

const live = new WeakMap<RequestLoaders, LiveView>();

/** Where the sections of `object` (a card or one of its entries) come from for this request. */
export function viewOf(context: Context, object: object): CardView {
  const past = context.pastViews.get(object);
  if (past) return past;
  let view = live.get(context.loaders);
  if (!view) live.set(context.loaders, (view = new LiveView(context.loaders)));
  return view;
}

/** Entries to show: voided ones only when asked for (Rule 3: hidden, never deleted). */
export function visible<T extends { voidedAt?: Date | string | null }>(entries: readonly T[], includeVoided?: boolean | null): T[] {
  return includeVoided ? [...entries] : entries.filter((entry) => !entry.voidedAt);
}

/** A whole list section of a card, as a list field shows it. */
export async function entriesOf<E extends Entry>(context: Context, card: Card, section: ListSection<E>, includeVoided?: boolean | null): Promise<E[]> {
  return visible(await viewOf(context, card).list(section, card.id), includeVoided);
}

/** A paged section of a card as a Relay connection: checks the paging arguments, reads the page (batched across cards). */
export async function sectionConnection<E extends Entry>(
  context: Context, card: Card, section: ListSection<E>, args: PageArgs & { includeVoided?: boolean | null }, filter: string | null = null,
) {
  const request = pageRequest(args, section.order.map((key) => key.cast));
  const page = await viewOf(context, card).page(section, { cardId: card.id, ...request, filter, includeVoided: args.includeVoided ?? false });
  return connection(page, (row) => sortKey(section, row));
}
