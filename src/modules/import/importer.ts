import { LockMode } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sql';
import { BulkInsert } from '../../db/bulk-insert.ts';
import { importedRecords } from '../../runtime/metrics.ts';
import { Checks } from '../base/checks.ts';
import { userError, type UserErrorData } from '../base/user-errors.ts';
import { Card } from '../card/card.entity.ts';
import { canonicalJson } from '../card/card-document.ts';
import { CardChange, type ChangeDeps } from '../card/card-change.ts';
import type { CardPart, Entry, ListSection } from '../card/card-section.ts';
import { careerCenter } from '../card/section.ts';
import { readWholeCards, type WholeCard } from '../card/whole-card.ts';
import { careerCenterIds } from '../career-center/career-center.store.ts';
import { identity } from '../person/section.ts';
import { CREATED_CARD_PART } from '../history/history.entity.ts';
import { LIST_SECTIONS } from '../sections.ts';
import { uncovered, type EpisodeDates, type Receiving } from '../registration/eligibility.ts';
import { registrations } from '../registration/section.ts';
import { checkRecord, type CheckedRecord, type RecordEntry } from './card-record.ts';
import { insertNewCards, type NewCard } from './new-cards.ts';

// Rules 2 and 5 — cards arrive by import from the information systems of state bodies.
//
// Records are written in batches: one transaction per batch, a card per IIN (upsert), its entries
// matched by their source id. New cards go in with multi-row INSERTs (no unit of work tracking
// thousands of rows); existing cards are locked and changed through the same `CardChange` as the
// API, so the history reads the same. A record that fails a check is rejected before anything of
// it is written. If the database refuses a batch, the batch is retried record by record, each in
// its own transaction, so one bad record never costs the others and never leaves half a card.

export type ImportOutcome = 'CREATED' | 'UPDATED' | 'UNCHANGED' | 'REJECTED';

export interface ImportResult {
  /** Where the record came from: the file line, or the position in an API batch. */
  line: number;
  iin: string | null;
  outcome: ImportOutcome;
  cardId: string | null;
  errors: UserErrorData[];
}

/** A record as read: the parsed JSON, or why it could not be parsed. */
export interface ImportItem {
  line: number;
  record?: unknown;
  error?: string;
}

/** The action the history records for imported changes. */
export const IMPORT_ACTION = 'cardImport';



interface Checked {
  index: number;
  line: number;
  record: CheckedRecord;
}

/** A batch after the checks that need no database: the results so far, and what is left to write. */
export interface CheckedBatch {
  results: ImportResult[];
  pending: Checked[];
}

type Row = Entry & Record<string, unknown>;

/** Records checked between two turns of the event loop. */
const CHECK_SLICE = 50;

/** Equal as stored values: nulls and absent keys alike, key order ignored. */
function same(a: unknown, b: unknown): boolean {
  return canonicalJson(pruned(a)) === canonicalJson(pruned(b));
}
function pruned(value: unknown): unknown {
  const plain = value == null ? null : JSON.parse(JSON.stringify(value));
  const strip = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(strip);
    if (v && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).filter(([, x]) => x != null).map(([k, x]) => [k, strip(x)]));
    }
    return v;
  };
  return strip(plain);
}

/**
 * §14, §16 — who may receive what holds for imported cards too: each referral and measure needs
 * the registration open on its date among the card's episodes as they will stand. `all`: stored
 * entries the record leaves alone are judged too (pointed at the record's registrations).
 */
function eligibility(standing: (section: ListSection) => { field: string[] | null; row: Record<string, unknown> }[], all: boolean): UserErrorData[] {
  const episodes = standing(registrations).map(({ row }) => row as unknown as EpisodeDates);
  const entries = LIST_SECTIONS.filter((section) => section.receiving).flatMap(standing).filter(({ field }) => field || all)
    .map(({ field, row }) => ({ field: field ? [...field, 'referredOn'] : ['registrations'], entry: row as unknown as Receiving }));
  return uncovered(episodes, entries);
}

/** The stored entry of a section with a source id, on a card the database already holds. */
function storedEntry(whole: WholeCard, section: ListSection, sourceId: string): Row | undefined {
  return (whole.lists.get(section) as Row[] | undefined)?.find((row) => row.sourceId === sourceId);
}

export interface ImporterOptions {
  /** Told about a record the database refused (the reject itself says only that it was not stored). */
  onStorageError?: (error: unknown, line: number) => void;
}

/** Imports batches of card records with the rules of the API. */
export class CardImporter {
  readonly #deps: ChangeDeps;
  readonly #options: ImporterOptions;
  /** Cards this importer created, and the count at which it next refreshes the planner's statistics. */
  #created = 0;
  #analyzeAt = 1000;

  constructor(deps: ChangeDeps, options: ImporterOptions = {}) {
    this.#deps = deps;
    this.#options = options;
  }

  /** Imports a batch; one result per item, in order. */
  async importBatch(items: readonly ImportItem[]): Promise<ImportResult[]> {
    return this.store(await this.check(items));
  }

  /**
   * The checks that need no database, run apart from the writing so that a caller can check the
   * next batch while the database writes the one before.
   */
  async check(items: readonly ImportItem[]): Promise<CheckedBatch> {
    const results: ImportResult[] = new Array(items.length);
    const pending: Checked[] = [];
    const facts = { today: this.#deps.today(), territories: this.#deps.territories };
    for (const [index, item] of items.entries()) {
      // A batch takes tens of milliseconds to check: in slices, so the writers' statements in
      // flight get their answers (and send the next) meanwhile instead of leaving the server idle.
      if (index % CHECK_SLICE === CHECK_SLICE - 1) await new Promise(setImmediate);
      if (item.error !== undefined) {
        results[index] = rejected(item.line, null, [userError(null, 'INVALID_VALUE', item.error)]);
        continue;
      }
      const check = checkRecord(item.record, facts);
      if (check.ok) pending.push({ index, line: item.line, record: check.record });
      else results[index] = rejected(item.line, check.iin, check.errors);
    }
    return { results, pending };
  }

  /** Writes a checked batch; one result per item, in order. */
  async store(batch: CheckedBatch): Promise<ImportResult[]> {
    const { results } = batch;
    let { pending } = batch;
    // A person twice in one batch: the later record is written after the earlier one, in a
    // round of its own, so it sees the card the earlier one made.
    while (pending.length) {
      const seen = new Set<string>();
      const round: Checked[] = [];
      const later: Checked[] = [];
      for (const item of pending) {
        if (seen.has(item.record.iin)) later.push(item);
        else {
          seen.add(item.record.iin);
          round.push(item);
        }
      }
      await this.#store(round, results);
      pending = later;
    }
    // Counted here, where every outcome is final: the file import and `cardImport` alike.
    for (const result of results) importedRecords.inc({ outcome: result.outcome.toLowerCase() });
    await this.#refreshStatistics(results);
    return results;
  }

  /**
   * A bulk import can grow a table from nothing faster than autovacuum analyzes it, and until then
   * the planner takes `card` for tiny: the foreign-key checks of every inserted row then scan it
   * whole (measured: 78 µs a row at 8,000 cards, 3 µs after ANALYZE). Each time the cards created
   * double, the tables other rows refer to are analyzed (the others' statistics matter far less, and
   * analyzing them all took a tenth of the import), which also replans the checks every session cached.
   */
  async #refreshStatistics(results: ImportResult[]): Promise<void> {
    this.#created += results.filter((result) => result.outcome === 'CREATED').length;
    if (this.#created < this.#analyzeAt) return;
    this.#analyzeAt = this.#created * 2;
    // The rows other rows refer to: cards, and entries with rows of their own (§16 measures).
    await new BulkInsert(this.#deps.em.fork()).analyze([Card, ...LIST_SECTIONS.filter((section) => section.children).map((section) => section.entity)]);
  }

  async #store(round: Checked[], results: ImportResult[]): Promise<void> {
    try {
      const outcomes = await this.#deps.em.fork().transactional((em) => this.#write(em as SqlEntityManager, round));
      outcomes.forEach((outcome, k) => {
        results[round[k]!.index] = outcome;
      });
    } catch (error) {
      if (round.length > 1) {
        for (const item of round) await this.#store([item], results);
        return;
      }
      const item = round[0]!;
      this.#options.onStorageError?.(error, item.line);
      results[item.index] = rejected(item.line, item.record.iin, [
        userError(null, 'STORAGE_FAILED', 'the database refused the record; nothing of it was stored'),
      ]);
    }
  }

  async #write(em: SqlEntityManager, round: Checked[]): Promise<ImportResult[]> {
    const centers = await careerCenterIds(em, round.map((item) => item.record.careerCenterCode));
    const stored = await this.#load(em, round);
    const now = this.#deps.now();
    const fresh: (NewCard & { result: ImportResult })[] = [];
    const changes: { change: CardChange; children: [RecordEntry, Row][] }[] = [];
    const outcomes = round.map((item): ImportResult => {
      const { record } = item;
      const centerId = centers.get(record.careerCenterCode);
      if (!centerId) {
        return rejected(item.line, record.iin, [userError(['careerCenter'], 'UNKNOWN_CODE', `no career center with code "${record.careerCenterCode}"`)]);
      }
      const whole = stored.get(record.iin);
      if (!whole) {
        const errors = eligibility((section) => record.entries.filter((e) => e.section === section), false);
        if (errors.length) return rejected(item.line, record.iin, errors);
        const created: ImportResult = { line: item.line, iin: record.iin, outcome: 'CREATED', cardId: null, errors: [] };
        fresh.push({ record, careerCenterId: centerId, result: created });
        return created;
      }
      const errors = this.#conflicts(record, whole);
      if (errors.length) return rejected(item.line, record.iin, errors);
      const change = new CardChange(em, whole.card, this.#deps, IMPORT_ACTION);
      const children = this.#apply(change, record, centerId, whole);
      if (!change.changed) return { line: item.line, iin: record.iin, outcome: 'UNCHANGED', cardId: whole.card.id, errors: [] };
      changes.push({ change, children });
      return { line: item.line, iin: record.iin, outcome: 'UPDATED', cardId: whole.card.id, errors: [] };
    });

    const ids = await insertNewCards(em, fresh, now, { actor: this.#deps.actor, action: IMPORT_ACTION, part: CREATED_CARD_PART });
    fresh.forEach((created, i) => {
      created.result.cardId = ids[i]!;
    });

    if (changes.length) {
      for (const { change } of changes) change.card.updatedAt = now; // bumps the version, as any change does
      await em.flush();
      // New children, once their parent entries have ids.
      for (const { change, children } of changes) {
        for (const [entry, parent] of children) {
          for (const child of entry.children!) change.addChild(entry.section.children!, parent, child);
        }
      }
      em.persist(changes.flatMap(({ change }) => change.historyRows()));
      await em.flush();
    }
    return outcomes;
  }

  /** Locks the batch's existing cards and reads them whole, by IIN. */
  async #load(em: SqlEntityManager, round: Checked[]): Promise<Map<string, WholeCard>> {
    const found = await em.find(Card, { iin: { $in: round.map((item) => item.record.iin) } }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    const wholes = await readWholeCards(em, found);
    return new Map(found.map((card) => [card.iin, wholes.get(card.id)!]));
  }

  /** What a record cannot do to an existing card, found before anything of it is changed. */
  #conflicts(record: CheckedRecord, whole: WholeCard): UserErrorData[] {
    const checks = new Checks({ birthDate: whole.card.birthDate, today: this.#deps.today(), territories: this.#deps.territories });
    const replaced = new Map<Row, RecordEntry>();
    for (const entry of record.entries) {
      const row = storedEntry(whole, entry.section, entry.sourceId);
      if (!row) continue;
      const variant = entry.section.variant;
      if (row.voidedAt) checks.add([...entry.field, 'sourceId'], 'VOIDED', `the entry with source id "${entry.sourceId}" was voided and cannot change`);
      else if (variant && row[variant] !== entry.row[variant]) {
        checks.add([...entry.field, 'sourceId'], 'INVALID_VALUE', `source id "${entry.sourceId}" names a ${String(row[variant])} entry`);
      }
      replaced.set(row, entry);
    }
    // The rules a section's entries keep together, on the entries as they will stand after the import.
    const standing = (section: ListSection) => {
      const stored = (whole.lists.get(section) as Row[]).filter((row) => !row.voidedAt).map((row) => {
        const entry = replaced.get(row);
        return entry ? { field: entry.field, row: entry.row } : { field: null, row: row as Record<string, unknown> };
      });
      const added = record.entries.filter((e) => e.section === section && !storedEntry(whole, section, e.sourceId)).map((e) => ({ field: e.field, row: e.row }));
      return [...stored, ...added];
    };
    for (const section of LIST_SECTIONS) section.invariant?.(checks, standing(section));
    // Entries already stored are held to the registration rule only when the record changes the registrations.
    const registrationsChange = record.entries.some((e) => e.section === registrations);
    return [...checks.errors, ...eligibility(standing, registrationsChange)];
  }

  /** Changes an existing card to what the record says; returns the new entries with children to add, with their parents. */
  #apply(change: CardChange, record: CheckedRecord, centerId: string, whole: WholeCard): [RecordEntry, Row][] {
    const { card } = change;
    this.#updatePart(change, careerCenter, { careerCenter: centerId });
    for (const [part, values] of record.parts) {
      if (this.#updatePart(change, part, values) && part === identity) {
        // New identity data from a source: the registry has to confirm it again (rule 2).
        const reason = 'the identity changed by an import; awaiting the person registry';
        Object.assign(card.verification, {
          status: 'PENDING', reasonCode: 'IDENTITY_IMPORTED', reason, addressStatus: 'PENDING', addressReasonCode: 'IDENTITY_IMPORTED', addressReason: reason,
        });
      }
    }

    const children: [RecordEntry, Row][] = [];
    for (const entry of record.entries) {
      const { section } = entry;
      const row = storedEntry(whole, section, entry.sourceId);
      if (!row) {
        const created = change.add(section, { ...entry.row, sourceId: entry.sourceId }) as Row;
        if (entry.children?.length) children.push([entry, created]);
        continue;
      }
      const differs = Object.entries(entry.row).some(([key, value]) => !same(row[key], value));
      if (differs) change.update(section, row, (r) => change.em.assign(r, entry.row as never));
      const child = section.children;
      if (child && entry.children) {
        const current = ((whole.children.get(child)?.get(row.id) ?? []) as Row[]).filter((member) => !member.voidedAt);
        if (!same(current.map((member) => childValues(member, entry.children!)), entry.children)) {
          // As the API does it: the rows replaced are voided, the new ones added.
          for (const member of current) {
            change.update(child, member, (m) => Object.assign(m, {
              voidedAt: change.now, voidedBy: this.#deps.actor.id, voidReason: 'replaced by an import of the relocation',
            }));
          }
          if (entry.children.length) children.push([entry, row]);
        }
      }
    }
    return children;
  }

  /** Sets card properties of one part, recording it only if it really changes; says whether it did. */
  #updatePart(change: CardChange, part: CardPart, values: object): boolean {
    const before = part.snapshot(change.card);
    const after = part.snapshot({ ...change.card, ...values } as Card);
    if (same(before, after)) return false;
    change.updateCard(part, (card) => change.em.assign(card, values as never));
    return true;
  }
}

/** A stored child row's values under the keys the import gives child rows (all alike: the section's row builder makes them). */
const childValues = (row: Row, given: readonly Record<string, unknown>[]) =>
  Object.fromEntries(Object.keys(given[0] ?? {}).map((key) => [key, row[key] ?? null]));

function rejected(line: number, iin: string | null, errors: UserErrorData[]): ImportResult {
  return { line, iin, outcome: 'REJECTED', cardId: null, errors };
}
