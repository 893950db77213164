import { LockMode, type EntityClass } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sql';
import { BulkInsert, type PlainRow } from '../../db/bulk-insert.ts';
import { Checks } from '../base/checks.ts';
import { userError, type UserErrorData } from '../base/user-errors.ts';
import { Card } from '../card/card.entity.ts';
import { CardChange, type ChangeDeps } from '../card/card-change.ts';
import { CareerCenter } from '../career-center/career-center.entity.ts';
import { EducationEntry } from '../education/education.entity.ts';
import { EmploymentPlanRow } from '../employment-plan/employment-plan.entity.ts';
import { canonicalJson } from '../footer/footer.service.ts';
import { CareerGuidance } from '../guidance/guidance.entity.ts';
import { CardHistory } from '../history/history.entity.ts';
import { CARD_PARTS, type CardPart, type EntryPart } from '../history/parts.ts';
import {
  ActiveMeasure, MEASURE_ENTITIES, Relocation, RelocationFamilyMember,
} from '../measures/measure.entity.ts';
import { Referral } from '../referral/referral.entity.ts';
import { Registration } from '../registration/registration.entity.ts';
import { SpecialWorkplace } from '../special-workplace/special-workplace.entity.ts';
import { Visit } from '../visit/visit.entity.ts';
import { checkOpenEpisodes, checkRecord, type CheckedRecord, type RecordEntry } from './card-record.ts';

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
/** The history part of a card created by import: the whole card as it arrived. */
export const CREATED_CARD_PART = 'card';

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

type Row = Record<string, unknown> & { id: string; card: string; voidedAt?: Date | null; sourceId?: string | null };

/** The table of each list section an import writes (the §16 kinds share one). */
const SECTION_TABLES: Record<Exclude<EntryPart, 'relocationFamilyMember' | 'signature'>, EntityClass<unknown>> = {
  education: EducationEntry,
  registration: Registration,
  careerGuidance: CareerGuidance,
  referral: Referral,
  activeMeasure: ActiveMeasure,
  specialWorkplace: SpecialWorkplace,
  visit: Visit,
  employmentPlanRow: EmploymentPlanRow,
};

/** The table an entry's source id is unique in. */
const tableOf = (entry: RecordEntry) => SECTION_TABLES[entry.part as keyof typeof SECTION_TABLES] as EntityClass<Row>;

/** The entity of an entry: its section's, or for §16 its kind's. */
const entityOf = (entry: RecordEntry): EntityClass<Row> =>
  (entry.part === 'activeMeasure' ? MEASURE_ENTITIES[entry.variant as keyof typeof MEASURE_ENTITIES] as never : tableOf(entry));

/** Which variant a stored row is, to refuse a source id that names an entry of another kind. */
function variantOf(part: EntryPart, row: Row): string | undefined {
  if (part === 'education') return row.section as string;
  if (part === 'registration' || part === 'activeMeasure') return row.kind as string;
  return undefined;
}

/** Records checked between two turns of the event loop. */
const CHECK_SLICE = 50;

const NUMBERED = new Set<EntryPart>(['visit', 'employmentPlanRow']);

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

const familyColumns = (member: Record<string, unknown>) => ({
  fullName: member.fullName, kinship: member.kinship ?? null, ableToWork: member.ableToWork, unableToWorkReason: member.unableToWorkReason ?? null,
});

/** What the database already holds for the existing cards of a batch. */
interface Stored {
  cards: Map<string, Card>;
  /** By `table|card|sourceId`. */
  entries: Map<string, Row>;
  registrations: Map<string, Registration[]>;
  /** Non-voided family members by relocation id. */
  family: Map<string, RelocationFamilyMember[]>;
  lastRowNumber: Map<string, number>;
}

const entryKey = (table: EntityClass<unknown>, card: string, sourceId: string) => `${(table as { name: string }).name}|${card}|${sourceId}`;

export interface ImporterOptions {
  /** Told about a record the database refused (the reject itself says only that it was not stored). */
  onStorageError?: (error: unknown, line: number) => void;
}

/** Imports batches of card records with the rules of the API. */
export class CardImporter {
  readonly #deps: ChangeDeps;
  readonly #options: ImporterOptions;
  readonly #centers = new Map<string, string | null>();
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
    await new BulkInsert(this.#deps.em.fork()).analyze([Card, ActiveMeasure]);
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
    const centers = await this.#careerCenters(em, round.map((item) => item.record.careerCenterCode));
    const stored = await this.#load(em, round);
    const now = this.#deps.now();
    const fresh: (FreshCard & { result: ImportResult })[] = [];
    const changes: { change: CardChange; relocations: [Row, Record<string, unknown>[]][] }[] = [];
    const outcomes = round.map((item): ImportResult => {
      const { record } = item;
      const centerId = centers.get(record.careerCenterCode);
      if (!centerId) {
        return rejected(item.line, record.iin, [userError(['careerCenter'], 'UNKNOWN_CODE', `no career center with code "${record.careerCenterCode}"`)]);
      }
      const card = stored.cards.get(record.iin);
      if (!card) {
        const created: ImportResult = { line: item.line, iin: record.iin, outcome: 'CREATED', cardId: null, errors: [] };
        fresh.push({ ...this.#freshCard(item, centerId, now), result: created });
        return created;
      }
      const errors = this.#conflicts(record, card, stored);
      if (errors.length) return rejected(item.line, record.iin, errors);
      const change = new CardChange(em, card, this.#deps, IMPORT_ACTION);
      const relocations = this.#apply(change, record, centerId, stored);
      if (!change.changed) return { line: item.line, iin: record.iin, outcome: 'UNCHANGED', cardId: card.id, errors: [] };
      changes.push({ change, relocations });
      return { line: item.line, iin: record.iin, outcome: 'UPDATED', cardId: card.id, errors: [] };
    });

    await this.#insertFresh(em, fresh, now);
    for (const created of fresh) created.result.cardId = created.card.id as string;

    if (changes.length) {
      for (const { change } of changes) change.card.updatedAt = now; // bumps the version, as any change does
      await em.flush();
      for (const { change, relocations } of changes) {
        for (const [relocation, family] of relocations) {
          for (const member of family) change.addChild('relocationFamilyMember', RelocationFamilyMember, { ...member, relocation: relocation.id });
        }
      }
      em.persist(changes.flatMap(({ change }) => change.historyRows()));
      await em.flush();
    }
    return outcomes;
  }

  /** Career-center ids by code, remembered across batches. */
  async #careerCenters(em: SqlEntityManager, codes: string[]): Promise<Map<string, string | null>> {
    const missing = [...new Set(codes)].filter((code) => !this.#centers.has(code));
    if (missing.length) {
      const found = await em.find(CareerCenter, { code: { $in: missing } }, { fields: ['id', 'code'] });
      for (const code of missing) this.#centers.set(code, found.find((center) => center.code === code)?.id ?? null);
    }
    return this.#centers;
  }

  /** Locks the batch's existing cards and reads what the records may match. */
  async #load(em: SqlEntityManager, round: Checked[]): Promise<Stored> {
    const cards = new Map<string, Card>();
    const stored: Stored = { cards, entries: new Map(), registrations: new Map(), family: new Map(), lastRowNumber: new Map() };
    const found = await em.find(Card, { iin: { $in: round.map((item) => item.record.iin) } }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    for (const card of found) cards.set(card.iin, card);
    if (!found.length) return stored;
    const ids = found.map((card) => card.id);
    const wanted = new Map<EntityClass<Row>, Set<string>>();
    for (const { record } of round) {
      if (!cards.has(record.iin)) continue;
      for (const entry of record.entries) {
        const table = tableOf(entry);
        if (!wanted.has(table)) wanted.set(table, new Set());
        wanted.get(table)!.add(entry.sourceId);
      }
    }
    for (const registration of await em.find(Registration, { card: { $in: ids } })) {
      const list = stored.registrations.get(registration.card) ?? [];
      list.push(registration);
      stored.registrations.set(registration.card, list);
      if (registration.sourceId) stored.entries.set(entryKey(Registration, registration.card, registration.sourceId), registration as never);
    }
    wanted.delete(Registration as never);
    for (const [table, sourceIds] of wanted) {
      for (const row of await em.find(table, { card: { $in: ids }, sourceId: { $in: [...sourceIds] } } as never)) {
        stored.entries.set(entryKey(table, row.card, row.sourceId!), row);
      }
      if (table === (Visit as never) || table === (EmploymentPlanRow as never)) {
        const rows = await em.find(table, { card: { $in: ids } } as never, { fields: ['card', 'rowNumber'] as never });
        for (const row of rows) {
          const key = `${(table as { name: string }).name}|${row.card}`;
          stored.lastRowNumber.set(key, Math.max(stored.lastRowNumber.get(key) ?? 0, row.rowNumber as number));
        }
      }
    }
    const relocationIds = [...stored.entries.values()].filter((row) => row.kind === 'RELOCATION').map((row) => row.id);
    if (relocationIds.length) {
      const members = await em.find(RelocationFamilyMember, { relocation: { $in: relocationIds }, voidedAt: null }, { orderBy: { id: 'asc' } });
      for (const member of members) stored.family.set(member.relocation, [...(stored.family.get(member.relocation) ?? []), member]);
    }
    return stored;
  }

  /** What a record cannot do to an existing card, found before anything of it is changed. */
  #conflicts(record: CheckedRecord, card: Card, stored: Stored): UserErrorData[] {
    const checks = new Checks({ birthDate: card.birthDate, today: this.#deps.today(), territories: this.#deps.territories });
    const replaced = new Map<string, RecordEntry>();
    for (const entry of record.entries) {
      const row = stored.entries.get(entryKey(tableOf(entry), card.id, entry.sourceId));
      if (!row) continue;
      if (row.voidedAt) checks.add([...entry.field, 'sourceId'], 'VOIDED', `the entry with source id "${entry.sourceId}" was voided and cannot change`);
      else if (entry.part !== 'registration' && variantOf(entry.part, row) !== entry.variant) {
        checks.add([...entry.field, 'sourceId'], 'INVALID_VALUE', `source id "${entry.sourceId}" names a ${variantOf(entry.part, row)} entry`);
      } else if (entry.part === 'registration' && row.kind !== entry.variant) {
        checks.add([...entry.field, 'kind'], 'INVALID_VALUE', `the episode with source id "${entry.sourceId}" is a ${String(row.kind)} registration`);
      }
      if (entry.part === 'registration') replaced.set(row.id, entry);
    }
    // §12, §15: the episodes as they will stand after the import.
    const episodes = (stored.registrations.get(card.id) ?? []).filter((r) => !r.voidedAt).map((r) => {
      const entry = replaced.get(r.id);
      return entry ? { field: entry.field, ...entry.columns } : { field: null, kind: r.kind, refusal: r.refusal, deregistration: r.deregistration };
    });
    const added = record.entries.filter((e) => e.part === 'registration' && !stored.entries.has(entryKey(Registration as never, card.id, e.sourceId)));
    checkOpenEpisodes(checks, [...episodes, ...added.map((e) => ({ field: e.field, ...e.columns }))]);
    return checks.errors;
  }

  /** Changes an existing card to what the record says; returns new relocations with their families. */
  #apply(change: CardChange, record: CheckedRecord, centerId: string, stored: Stored): [Row, Record<string, unknown>[]][] {
    const { card } = change;
    this.#updatePart(change, 'careerCenter', { careerCenter: centerId });
    if (this.#updatePart(change, 'identity', record.identity)) {
      // New identity data from a source: the registry has to confirm it again (rule 2).
      Object.assign(card.verification, { status: 'PENDING', reason: 'the identity changed by an import; awaiting the person registry' });
    }
    if (record.lastJob !== undefined) this.#updatePart(change, 'lastJob', { lastJob: record.lastJob });
    if (record.expectations !== undefined) this.#updatePart(change, 'expectations', { expectations: record.expectations });

    const relocations: [Row, Record<string, unknown>[]][] = [];
    const numbers = new Map<string, number>();
    for (const entry of record.entries) {
      const entity = entityOf(entry);
      const row = stored.entries.get(entryKey(tableOf(entry), card.id, entry.sourceId));
      if (!row) {
        const data: Record<string, unknown> = { ...entry.columns, sourceId: entry.sourceId };
        if (NUMBERED.has(entry.part)) {
          const key = `${(entity as { name: string }).name}|${card.id}`;
          const next = (numbers.get(key) ?? stored.lastRowNumber.get(key) ?? 0) + 1;
          numbers.set(key, next);
          data.rowNumber = next;
        }
        const created = change.add(entry.part, entity, data) as Row;
        if (entry.family) relocations.push([created, entry.family.map(familyColumns)]);
        continue;
      }
      const differs = Object.entries(entry.columns).some(([key, value]) => !same(row[key], value));
      if (differs) change.update(entry.part, row, (r) => change.em.assign(r, entry.columns as never));
      if (entry.family) {
        const current = stored.family.get(row.id) ?? [];
        const wanted = entry.family.map(familyColumns);
        if (!same(current.map(familyColumns), wanted)) {
          // §16.4 as the API does it: the members replaced are voided, the new ones added.
          for (const member of current) {
            change.update('relocationFamilyMember', member, (m) => Object.assign(m, {
              voidedAt: change.now, voidedBy: this.#deps.actor.id, voidReason: 'replaced by an import of the relocation',
            }));
          }
          relocations.push([row, wanted]);
        }
      }
    }
    return relocations;
  }

  /** Sets card columns of one part, recording it only if it really changes; says whether it did. */
  #updatePart(change: CardChange, part: CardPart, values: object): boolean {
    const before = CARD_PARTS[part](change.card);
    const after = CARD_PARTS[part]({ ...change.card, ...values } as Card);
    if (same(before, after)) return false;
    change.updateCard(part, (card) => change.em.assign(card, values as never));
    return true;
  }

  #freshCard(item: Checked, careerCenter: string, now: Date): FreshCard {
    const { record } = item;
    const card: PlainRow = {
      iin: record.iin, birthDate: record.facts.birthDate, sex: record.facts.sex, openedOn: record.openedOn, careerCenter,
      citizenship: null, nationality: null, address: null, phone: null, email: null, ...record.identity,
      lastJob: record.lastJob ?? null, expectations: record.expectations ?? null,
      verification: { status: 'PENDING', reason: 'imported; awaiting the person registry' },
      version: 1, createdAt: now, updatedAt: now,
    };
    const counters = new Map<EntryPart, number>();
    const entries = record.entries.map((entry) => {
      const row: PlainRow = { ...entry.columns, sourceId: entry.sourceId, createdAt: now, updatedAt: now };
      if (NUMBERED.has(entry.part)) {
        counters.set(entry.part, (counters.get(entry.part) ?? 0) + 1);
        row.rowNumber = counters.get(entry.part);
      }
      const family = (entry.family ?? []).map((member): PlainRow => ({ ...familyColumns(member), createdAt: now, updatedAt: now }));
      return { entry, entity: entityOf(entry), row, family };
    });
    return { card, entries };
  }

  /**
   * Writes new cards, their entries and their history: ids first (so rows can name each other),
   * then one INSERT per table for the whole batch.
   */
  async #insertFresh(em: SqlEntityManager, fresh: FreshCard[], now: Date): Promise<void> {
    if (!fresh.length) return;
    const bulk = new BulkInsert(em);
    const byEntity = new Map<EntityClass<Row>, PlainRow[]>();
    for (const f of fresh) {
      for (const e of f.entries) {
        const list = byEntity.get(e.entity);
        if (list) list.push(e.row);
        else byEntity.set(e.entity, [e.row]);
      }
    }
    // Only rows that others name need their ids first (cards, and relocations for their families);
    // the rest take theirs from the column default as they are inserted.
    await bulk.assignIds([[Card, fresh.map((f) => f.card)], [Relocation, byEntity.get(Relocation as never) ?? []]]);
    const members: PlainRow[] = [];
    for (const f of fresh) {
      for (const e of f.entries) {
        e.row.card = f.card.id;
        for (const member of e.family) members.push(Object.assign(member, { relocation: e.row.id }));
      }
    }

    const actor = this.#deps.actor;
    // One history record per card created: a card's creation is one act, and a record per part
    // and entry (about 20 a card) was half of the import's database time. It names who the person
    // is, the keeping center and how many entries each section got; the whole card as created is
    // `card(id, asOf: at)`, since every later change records the value it replaced.
    const history = fresh.map((f): PlainRow => {
      const entries: Record<string, number> = {};
      for (const e of f.entries) {
        entries[e.entry.part] = (entries[e.entry.part] ?? 0) + 1;
        if (e.family.length) entries.relocationFamilyMember = (entries.relocationFamilyMember ?? 0) + e.family.length;
      }
      const card = f.card as unknown as Card;
      return {
        card: f.card.id, at: now, basedOnVersion: 0, actor: actor.id, actorName: actor.name, action: IMPORT_ACTION, part: CREATED_CARD_PART,
        entryId: null, oldValue: null, newValue: { identity: CARD_PARTS.identity(card), careerCenter: CARD_PARTS.careerCenter(card), entries },
      };
    });
    await bulk.insert([[Card, fresh.map((f) => f.card)], ...byEntity, [RelocationFamilyMember, members], [CardHistory, history]]);
  }
}

interface FreshCard {
  card: PlainRow;
  entries: { entry: RecordEntry; entity: EntityClass<Row>; row: PlainRow; family: PlainRow[] }[];
}

function rejected(line: number, iin: string | null, errors: UserErrorData[]): ImportResult {
  return { line, iin, outcome: 'REJECTED', cardId: null, errors };
}
