import { wrap, type EntityClass } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sql';
import type { SectionPage, SectionPageRequest } from '../../db/section-pages.ts';
import { Card } from '../card/card.entity.ts';
import { entityOf, rowNumberIn, sortKey, type ChildSection, type Entry, type ListSection, type Snapshot } from '../card/card-section.ts';
import { sectionPage, type CardView } from '../card/card-view.ts';
import { readWholeCards } from '../card/whole-card.ts';
import { CARD_PARTS, LIST_SECTIONS } from '../sections.ts';
import type { CardHistory } from './history.entity.ts';
import { HISTORY_ORDER, historyOf } from './history.store.ts';

// Rule 3 — a card exactly as it stood at a past moment. Nothing is ever deleted and every change
// records each part's value before it, so the card at T is today's card with every part that
// changed after T put back to the value it had before its first change after T (a part created
// after T had none: it did not exist yet).

type Row = { id: string; voidedAt?: unknown };

const compareKeys = (a: readonly string[], b: readonly string[]) => {
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    // The last key is the id: compared as a number.
    if (i === a.length - 1) return Number(BigInt(a[i]!) - BigInt(b[i]!));
    // An unset key sorts last, as in SQL (`nulls last`).
    if (a[i] === '' || b[i] === '') return a[i] === '' ? 1 : -1;
    return a[i]! < b[i]! ? -1 : 1;
  }
  return 0;
};

/** A page of an in-memory list, with the same meaning as the SQL pages. */
function page<T extends Row>(rows: readonly T[], request: SectionPageRequest, order: { order: ListSection['order'] }, filter?: (row: T) => boolean): SectionPage<T> {
  const shown = rows.filter((row) => (request.includeVoided || !row.voidedAt) && (!filter || filter(row)))
    .sort((a, b) => compareKeys(sortKey(order, a), sortKey(order, b)));
  const beforeAfter = (row: T) => request.after !== null && compareKeys(sortKey(order, row), request.after) <= 0;
  const afterBefore = (row: T) => request.before !== null && compareKeys(sortKey(order, row), request.before) >= 0;
  const between = shown.filter((row) => !beforeAfter(row) && !afterBefore(row));
  if (request.fromEnd) between.reverse();
  return sectionPage(request, {
    rows: between.slice(0, request.limit + 1), beforeAfter: shown.some(beforeAfter), afterBefore: shown.some(afterBefore), total: shown.length,
  });
}

/** A view of a card's sections at `at`, built once from the current rows and the later history. */
export class CardAsOf implements CardView {
  readonly asOf: { at: Date; card: Card };
  readonly #lists: Map<ListSection, Entry[]>;
  readonly #children: Map<ChildSection, object[]>;
  readonly #history: CardHistory[];

  constructor(at: Date, card: Card, lists: Map<ListSection, Entry[]>, children: Map<ChildSection, object[]>, history: CardHistory[]) {
    this.asOf = { at, card };
    this.#lists = lists;
    this.#children = children;
    this.#history = history;
  }

  get card(): Card {
    return this.asOf.card;
  }

  /** Every object this view returns, so readers know to come back to it for their sections. */
  objects(): object[] {
    return [this.card, ...[...this.#lists.values()].flat(), ...[...this.#children.values()].flat(), ...this.#history];
  }

  async list<E extends Entry>(section: ListSection<E>): Promise<E[]> {
    const rows = (this.#lists.get(section as ListSection) ?? []) as E[];
    return [...rows].sort((a, b) => compareKeys(sortKey(section, a), sortKey(section, b)));
  }

  async page<E extends Entry>(section: ListSection<E>, request: SectionPageRequest): Promise<SectionPage<E>> {
    const filter = section.filterProperty && request.filter !== null
      ? (row: E) => (row as unknown as Record<string, unknown>)[section.filterProperty!] === request.filter : undefined;
    return page((this.#lists.get(section as ListSection) ?? []) as E[], request, section, filter);
  }

  async rowNumber(section: ListSection, entry: Entry): Promise<number | null> {
    return rowNumberIn(await this.list(section), entry);
  }

  async children<C extends object>(child: ChildSection<C>, ownerId: string): Promise<C[]> {
    return ((this.#children.get(child as ChildSection) ?? []) as C[]).filter((row) => String((row as Record<string, unknown>)[child.owner]) === ownerId);
  }

  async history(request: SectionPageRequest): Promise<SectionPage<CardHistory>> {
    return page(this.#history, { ...request, includeVoided: true }, { order: HISTORY_ORDER });
  }
}

/** The card `cardId` as it stood at `at`; null if it did not exist yet. */
export async function cardAsOf(em: SqlEntityManager, cardId: string, at: Date): Promise<CardAsOf | null> {
  const current = await em.findOne(Card, { id: cardId });
  if (!current || current.createdAt > at) return null;
  const whole = (await readWholeCards(em, [current])).get(cardId)!;
  const history = await historyOf(em, cardId);
  const later = history.filter((record) => record.at > at);
  /** The value a part had at `at`: before its first later change, if it changed. */
  const before = new Map<string, CardHistory>();
  for (const record of later) {
    const key = `${record.part}:${record.entryId ?? ''}`;
    if (!before.has(key)) before.set(key, record);
  }
  const valueAt = (part: string, id: string | null, now: () => Snapshot | null) => {
    const record = before.get(`${part}:${id ?? ''}`);
    return record ? (record.oldValue as Snapshot | null) : now();
  };

  // Past objects are built in an empty fork: creating an object with the id of one already in the
  // request's identity map would hand back (and overwrite) the current entity instead.
  const scratch = em.fork({ clear: true });
  const past = <T extends object>(entity: EntityClass<T>, data: object) => scratch.create(entity, data as never, { managed: false, persist: false }) as T;
  const pojo = (entity: object) => wrap(entity).toPOJO() as Snapshot;
  /** The entity a recorded value is a row of: for single-table inheritance, its kind's. */
  const kindOf = (entity: EntityClass<object>, value: Snapshot): EntityClass<object> => entityOf(em, entity, value);

  let cardData: Snapshot = pojo(current);
  for (const part of CARD_PARTS) {
    const record = before.get(`${part.name}:`);
    if (record) cardData = { ...cardData, ...part.restore(record.oldValue as Snapshot | null) };
  }
  const firstLater = later[0];
  cardData.version = firstLater ? firstLater.basedOnVersion : current.version;
  const card = past(Card, cardData);

  /** The rows as they stood: each put back to its value then; rows created later left out. */
  const restore = (name: string, entity: EntityClass<object>, rows: readonly object[], owner: Snapshot): object[] => rows.flatMap((row) => {
    const data = pojo(row);
    const value = valueAt(name, String(data.id), () => data);
    return value ? [past(kindOf(entity, value), { ...value, id: data.id, ...owner })] : [];
  });
  const lists = new Map<ListSection, Entry[]>();
  const children = new Map<ChildSection, object[]>();
  for (const section of LIST_SECTIONS) {
    lists.set(section, restore(section.name, section.entity as EntityClass<object>, whole.lists.get(section) ?? [], { card: cardId }) as Entry[]);
    const child = section.children;
    if (child) children.set(child, restore(child.name, child.entity, [...(whole.children.get(child)?.values() ?? [])].flat(), {}));
  }
  return new CardAsOf(at, card, lists, children, history.filter((record) => record.at <= at));
}

/**
 * The last moment the card `cardId` stood at `version`, before the change that made the next one;
 * `'current'` for the version it has now; null for a version it never had (or whose end the history
 * does not show). Signing keeps the version, so the signatures given to a version are in it.
 */
export async function lastMomentOfVersion(em: SqlEntityManager, cardId: string, version: number): Promise<Date | 'current' | null> {
  const current = await em.findOne(Card, { id: cardId });
  if (!current || version < 1 || version > current.version) return null;
  if (version === current.version) return 'current';
  // Every change after the one that left `version` is based on a later version: the last record
  // based on `version` is that change (a change's records share their moment).
  const left = (await historyOf(em, cardId)).findLast((record) => record.basedOnVersion === version);
  // Moments are whole milliseconds: the one before is before every record of that change.
  return left ? new Date(left.at.getTime() - 1) : null;
}
