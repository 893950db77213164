import { wrap, type EntityClass } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sql';
import type { KeyPart } from '../../api/relay.ts';
import type { DictionaryName } from '../../generated/graphql.ts';
import type { Checks } from '../base/checks.ts';
import type { Label } from '../dictionary/codes.ts';
import type { Card } from './card.entity.ts';

// What a section of the form is, declared once by the module that keeps it (its `section.ts`) and
// listed in src/modules/sections.ts. Everything that needs "every section" — the ORM's entities,
// the request's loaders, `node`, voiding, the history and `asOf`, the card's document, the import
// and its JSON Schema, the demo data, the tests — iterates that list and reads these declarations.

/** A recorded value of a part or an entry: plain JSON. */
export type Snapshot = Record<string, unknown>;

/** A section stored on the card row itself (§1–9, §11, §19, the footer, …). */
export interface CardPart {
  readonly kind: 'part';
  /** The name the history records its changes under, and its key in the card's document. */
  readonly name: string;
  /** The GraphQL type its recorded value is shaped like (personal data in it is masked by that type's fields). */
  readonly type: string;
  /** Its value on a card, as the history records it. */
  snapshot(card: Card): Snapshot | null;
  /** The card properties a recorded value puts back (to show a card as it stood). */
  restore(value: Snapshot | null): Snapshot;
  /** How an import record gives it. */
  readonly imported?: ImportedPart;
  /** The sections of the printed form it fills. */
  readonly printed?: readonly PrintedSection[];
}

/** An entry of a list section, as every list section stores it. */
export interface Entry {
  id: string;
  card: string;
  voidedAt?: Date | null;
  sourceId?: string | null;
}

/** One key of a section's chronological order and the SQL type its cursor part is compared as. */
export interface OrderKey {
  readonly property: string;
  readonly cast: KeyPart;
}

/** A list section of the form (§10, §12–18, §20, the signatures): entries in a table of their own, each naming its card. */
export interface ListSection<E extends Entry = Entry> {
  readonly kind: 'list';
  /** The name the history records its entries under (`referral`). */
  readonly name: string;
  /** Its key in the card's document (`referrals`); null when the document leaves it out. */
  readonly documentKey: string | null;
  /** The entity of its rows (for the §16 kinds, the one table they share). */
  readonly entity: EntityClass<E>;
  /** Every entity of its rows, for the ORM: the table's and, for single-table inheritance, each kind's. */
  readonly entities: readonly EntityClass<object>[];
  /** Its GraphQL types, each with the test whether a row (or a recorded value) is one of it. */
  readonly types: Readonly<Record<string, (row: Snapshot) => boolean>>;
  /** Chronological order; the last key is the id. */
  readonly order: readonly OrderKey[];
  /** Rule 3 — wrong entries are voided, never deleted (signatures are evidence: never voided). */
  readonly voidable: boolean;
  /** Read a page at a time (the lists that grow without bound). */
  readonly paged: boolean;
  /** A paged list filtered by one column (§16 by kind). */
  readonly filterProperty?: string;
  /**
   * Rows carry a number, as on the paper form (`rowNumber`): a row's place in `order` among the
   * rows not voided. Derived on read, never stored, so it follows the section's order (§18 the
   * planned dates, §20 the order rows were added) and closes up when a row is voided — the same in
   * the card, its pages, `asOf`, the import and the history. See `rowNumberIn`.
   */
  readonly numbered: boolean;
  /** Rows belonging to each entry (§16.4 the family of a relocation). */
  readonly children?: ChildSection;
  /**
   * §14, §16 — its entries are given to the person (a referral, a measure): each needs a
   * registration open on its date (registration/eligibility.ts), wherever entries or
   * registrations change.
   */
  readonly receiving?: boolean;
  /** The column telling entries apart that share a table but not a kind (§10 main/additional, §12/§15, §16). */
  readonly variant?: string;
  /** How import records give its entries. */
  readonly imported?: readonly ImportedList[];
  /**
   * A rule the section's entries must keep together (§12, §15: one open episode of each kind), for
   * changes that write many at once (the import). `field` is where an entry came from, or null for one stored.
   */
  invariant?(checks: Checks, entries: readonly { field: string[] | null; row: Snapshot }[]): void;
  /** The sections of the printed form its entries fill. */
  readonly printed?: readonly PrintedSection[];
}

/** Rows that belong to an entry of a list section rather than to the card. */
export interface ChildSection<C extends object = object> {
  readonly kind: 'child';
  readonly name: string;
  /** The key the parent entry holds them under in the card's document. */
  readonly documentKey: string;
  readonly entity: EntityClass<C>;
  /** The property naming the parent entry. */
  readonly owner: string;
  /** The GraphQL type of a row. */
  readonly type: string;
  /** The parent types that have such rows. */
  readonly of: readonly string[];
  readonly order: readonly OrderKey[];
}

export type Section = CardPart | ListSection;

/** How an import record gives a part: at the record's top level (no key), or under `key` (null clears it). */
export interface ImportedPart<I = never> {
  readonly key: string | null;
  /** The GraphQL input type the record follows there. */
  readonly input: string;
  /** Checks the input and gives the card properties it sets. */
  values(checks: Checks, input: I): Snapshot;
}

/** The rows an imported entry becomes. */
export interface ImportedRow {
  row: Record<string, unknown>;
  children?: Record<string, unknown>[];
}

/** How an import record gives a list section's entries: an array under `key`, each with its `sourceId`. */
export interface ImportedList<I = never> {
  readonly key: string;
  /** What the array holds, for the import format's description. */
  readonly description: string;
  /** The GraphQL input type of an entry, or one per kind, told apart by the entry's `kind`. */
  readonly input: string | { readonly byKind: Readonly<Record<string, string>> };
  /** Fields an entry has beyond its input, by their SDL types (a registration episode's `kind`). */
  readonly extra?: Readonly<Record<string, string>>;
  /** Checks an entry and gives the row it becomes. */
  row(checks: Checks, entry: I): ImportedRow;
}

// The printed card (Appendix 1 on paper): each section declares the form's sections it fills, with
// the form's headings and labels in Kazakh and Russian and where each value is in its recorded
// value (the card's document). The printer (src/modules/printout/) collects these declarations from
// every section and orders them by the form's numbers.

/** How a printed value is written. */
export type PrintedFormat =
  | 'text'
  /** A count of months. */
  | 'months'
  /** §16.2 a loan's term: a count of months, or the day it ends (`YYYY-MM-DD`). */
  | 'term'
  /** `YYYY-MM-DD` as dd.mm.yyyy. */
  | 'date'
  /** A moment as dd.mm.yyyy HH:MM in the card's time zone. */
  | 'dateTime'
  /** A decimal amount with two decimals, never through a float. */
  | 'money'
  /** `{ start, end }` as dd.mm.yyyy – dd.mm.yyyy. */
  | 'period'
  | 'yesNo'
  /** An ISO 3166-1 alpha-2 code by the country's name (§5 citizenship). */
  | 'country'
  /** A region or district code by its name. */
  | 'region'
  | 'district'
  /** `{ region, district, settlement }` by their names. */
  | 'place'
  /** How a referral ended: an employer's hiring act `{ orderDate, orderNumber, position }` or a refusal `{ refusedBy, refusedOn, reason }`. */
  | 'outcome'
  /** Employment in a permanent job `{ employedOn, employerName, position }`. */
  | 'employment'
  /** A SHA-256 digest (64 hex digits), in a fixed-width font. */
  | 'digest'
  /** A code by its label in a dictionary (src/modules/dictionary/codes.ts). */
  | { readonly dictionary: DictionaryName };

/** A printed field (of a part) or column (of a list): its label and where its value is. */
export interface PrintedField {
  readonly label: Label;
  /**
   * The value's path in the recorded value (`refusal.reason`); several: the first that is set.
   * None: a caption that groups the fields after it (§16.2 "Микрокредиттер:").
   */
  readonly path?: string | readonly string[];
  /** `text` unless told. */
  readonly as?: PrintedFormat;
  /** A text that follows the value when set (the note of "another reason"). */
  readonly detail?: string;
  /** Why the printed card has this label though the form does not (its other labels are the order's words). */
  readonly notOnForm?: string;
}

/** The entries of a list section one printed section shows. */
export interface PrintedRows {
  /** Which entries (§12 the job-seeker episodes, §15 the unemployed ones); all unless told. */
  readonly where?: (row: Snapshot) => boolean;
  readonly columns: readonly PrintedField[];
  /**
   * `table`: an entry per line, a column per field (as §18 and §20 are on paper); `entries`: each
   * entry's fields label beside value, for sections too wide for a line of A4.
   */
  readonly layout: 'table' | 'entries';
  /** Rows belonging to each entry (§16.4 the family), under `key` in the entry's recorded value. */
  readonly children?: { readonly key: string; readonly heading: Label; readonly columns: readonly PrintedField[] };
}

/** A section of the printed form. */
export interface PrintedSection {
  /** The form's number: '1'…'20', a subsection '16.1', the 'footer' and what follows it ('footer.1'). */
  readonly number: string;
  readonly heading: Label;
  /** Why the printed card has this heading though the form does not (its other headings are the order's words). */
  readonly notOnForm?: string;
  /** A part's fields, label beside value. */
  readonly fields?: readonly PrintedField[];
  /** A list's entries. Neither: a heading over its subsections (§10, §16). */
  readonly rows?: PrintedRows;
  /**
   * A part's value as printed when it shows more than the part holds (the footer: its signatories'
   * names, which come from the signatures): from its own value and the rest of the printed card.
   */
  readonly value?: (own: Snapshot | null, card: PrintedCardValues) => Snapshot | null;
}

/** What a printed part may read of the rest of the card: other parts, and list entries as printed. */
export interface PrintedCardValues {
  part(name: string): Snapshot | null;
  entries(name: string): readonly Snapshot[];
}

const typeTests = new WeakMap<ListSection, [string, (row: Snapshot) => boolean][]>();

/** The GraphQL type of a list entry (or its recorded value); null when no type of the section claims it. */
export function typeOf(section: ListSection, row: object): string | null {
  let tests = typeTests.get(section);
  if (!tests) typeTests.set(section, (tests = Object.entries(section.types)));
  for (const [type, is] of tests) if (is(row as Snapshot)) return type;
  return null;
}

/**
 * The entity to create a row of `entity`'s table as: for single-table inheritance (the §16 kinds),
 * the kind the data's discriminator names.
 */
export function entityOf<E extends object>(em: SqlEntityManager, entity: EntityClass<E>, data: object): EntityClass<E> {
  const root = em.getMetadata().get(entity).root;
  if (root.inheritanceType !== 'sti') return entity;
  const kind = root.discriminatorMap?.[(data as Record<string, unknown>)[root.discriminatorColumn!] as string];
  if (!kind) throw new Error(`${root.className} has no kind ${String((data as Record<string, unknown>)[root.discriminatorColumn!])}`);
  return em.getMetadata().get(kind).class as EntityClass<E>;
}

/** The value of a row at a property path (`studyPeriod.start`). */
export function valueAt(row: object, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | null | undefined)?.[key], row);
}

const keyReaders = new WeakMap<readonly OrderKey[], (row: object) => string[]>();

/** The sort key of an entry, as strings (what its cursor carries). */
export function sortKey(section: { order: readonly OrderKey[] }, row: object): string[] {
  // Read for every entry of every page: the readers of an order are made once.
  let read = keyReaders.get(section.order);
  if (!read) {
    const parts = section.order.map(({ property }) => {
      const path = property.split('.');
      const get = path.length === 1 ? (r: object) => (r as Record<string, unknown>)[property] : (r: object) => valueAt(r, property);
      return (r: object) => {
        const value = get(r);
        return value instanceof Date ? value.toISOString() : String(value ?? '');
      };
    });
    keyReaders.set(section.order, (read = (r) => parts.map((part) => part(r))));
  }
  return read(row);
}

const plain = (value: unknown): Snapshot | null => (value == null ? null : JSON.parse(JSON.stringify(value)));
const BOOKKEEPING = new Set(['id', 'card', 'createdAt', 'updatedAt']);

/**
 * The recorded value of a list entry: its own fields, without its id, card and row timestamps
 * (a child keeps the id of its parent). Every field appears, unset ones as null.
 */
export function entrySnapshot(entity: object): Snapshot {
  const pojo = plain(wrap(entity).toPOJO()) ?? {};
  for (const prop of wrap(entity, true).__meta.props) {
    if (!(prop.name in pojo) && prop.persist !== false && !prop.embedded) pojo[prop.name] = null;
  }
  for (const key of Object.keys(pojo)) if (BOOKKEEPING.has(key)) delete pojo[key];
  return pojo;
}

/** A card part's value made plain JSON. */
export const partValue = plain;

/** Declares a part of the card row. */
export const cardPart = (part: Omit<CardPart, 'kind'>): CardPart => ({ kind: 'part', ...part });

/** Declares a list section. */
export function listSection<E extends Entry>(
  section: Omit<ListSection<E>, 'kind' | 'entities' | 'voidable' | 'paged' | 'numbered'>
    & Partial<Pick<ListSection<E>, 'entities' | 'voidable' | 'paged' | 'numbered'>>,
): ListSection<E> {
  return { kind: 'list', entities: [section.entity as EntityClass<object>], voidable: true, paged: false, numbered: false, ...section };
}

/**
 * The number of `entry` in a numbered section, given every entry of its card in the section's
 * order: its place among those not voided; null for a voided entry (not counted, as on paper,
 * where a wrong row is not written).
 */
export function rowNumberIn(entries: readonly Entry[], entry: Entry): number | null {
  if (entry.voidedAt) return null;
  let number = 0;
  for (const other of entries) {
    if (other.voidedAt) continue;
    number++;
    if (other.id === entry.id) return number;
  }
  return null;
}
