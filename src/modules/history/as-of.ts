import { wrap, type EntityClass } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sql';
import type { PageRequest, SectionPage } from '../../db/section-pages.ts';
import { Card } from '../card/card.entity.ts';
import type { CardSections } from '../card/card-sections.ts';
import { EducationEntry } from '../education/education.entity.ts';
import { EmploymentPlanRow } from '../employment-plan/employment-plan.entity.ts';
import { CardSignature } from '../footer/footer.entity.ts';
import { CareerGuidance } from '../guidance/guidance.entity.ts';
import {
  ActiveMeasure, MEASURE_ENTITIES, RelocationFamilyMember,
  type AnyActiveMeasure,
} from '../measures/measure.entity.ts';
import { Referral } from '../referral/referral.entity.ts';
import { Registration } from '../registration/registration.entity.ts';
import { SpecialWorkplace } from '../special-workplace/special-workplace.entity.ts';
import { Visit } from '../visit/visit.entity.ts';
import { CardHistory } from './history.entity.ts';
import type { CardPart, EntryPart, Snapshot } from './parts.ts';

// Rule 3 — a card exactly as it stood at a past moment. Nothing is ever deleted and every change
// records each part's value before it, so the card at T is today's card with every part that
// changed after T put back to the value it had before its first change after T (a part created
// after T had none: it did not exist yet).

/** Where each card-row part lives on the card. */
const CARD_PART_FIELDS: Record<CardPart, (value: Snapshot | null) => Snapshot> = {
  identity: (value) => value ?? {},
  careerCenter: (value) => value ?? {},
  lastJob: (value) => ({ lastJob: value }),
  expectations: (value) => ({ expectations: value }),
  consent: (value) => ({ consent: value }),
  footer: (value) => value ?? {},
};

type Row = { id: string; voidedAt?: unknown };

/** A view of a card's sections at `at`, built once from the current rows and the later history. */
export class CardAsOf implements CardSections {
  readonly at: Date;
  readonly card: Card;
  readonly asOf: { at: Date; card: Card };
  readonly #lists: Map<EntryPart, Row[]>;
  readonly #history: CardHistory[];

  constructor(at: Date, card: Card, lists: Map<EntryPart, Row[]>, history: CardHistory[]) {
    this.at = at;
    this.card = card;
    this.asOf = { at, card };
    this.#lists = lists;
    this.#history = history;
  }

  /** Every object this view returns, so readers know to come back to it for their sections. */
  objects(): object[] {
    return [this.card, ...[...this.#lists.values()].flat(), ...this.#history];
  }

  #list<T>(part: EntryPart): T[] {
    return (this.#lists.get(part) ?? []) as unknown as T[];
  }

  async education() { return this.#list<EducationEntry>('education'); }
  async registrations() { return this.#list<Registration>('registration'); }
  async careerGuidance() { return this.#list<CareerGuidance>('careerGuidance'); }
  async specialWorkplaces() { return this.#list<SpecialWorkplace>('specialWorkplace'); }
  async employmentPlan() { return this.#list<EmploymentPlanRow>('employmentPlanRow'); }
  async signatures() { return this.#list<CardSignature>('signature'); }
  async familyMembers(relocationId: string) {
    return this.#list<RelocationFamilyMember>('relocationFamilyMember').filter((member) => member.relocation === relocationId);
  }

  async referrals(request: PageRequest) {
    return page(this.#list<Referral>('referral'), request, (r) => [r.referredOn, r.id]);
  }

  async activeMeasures(request: PageRequest) {
    const measures = this.#list<AnyActiveMeasure>('activeMeasure').filter((m) => request.filter === null || m.kind === request.filter);
    return page(measures, request, (m) => [m.referredOn, m.id]);
  }

  async visits(request: PageRequest) {
    return page(this.#list<Visit>('visit'), request, (v) => [v.plannedOn, v.id]);
  }

  async nextVisit(_cardId: string, from: string) {
    const waiting = this.#list<Visit>('visit').filter((v) => !v.voidedAt && !v.attendedOn && v.plannedOn >= from);
    return waiting.sort((a, b) => compareKeys([a.plannedOn, a.id], [b.plannedOn, b.id]))[0] ?? null;
  }

  async history(request: PageRequest) {
    return page(this.#history, { ...request, includeVoided: true }, (h) => [new Date(h.at).toISOString(), h.id]);
  }
}

const compareKeys = (a: readonly string[], b: readonly string[]) =>
  (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : Number(BigInt(a[1]!) - BigInt(b[1]!)));

/** A Relay page of an in-memory list, with the same semantics as the SQL pages. */
function page<T extends Row>(rows: readonly T[], request: PageRequest, keyOf: (row: T) => [string, string]): SectionPage<T> {
  const shown = rows.filter((row) => request.includeVoided || !row.voidedAt).sort((a, b) => compareKeys(keyOf(a), keyOf(b)));
  const after = request.after ? shown.filter((row) => compareKeys(keyOf(row), request.after!) > 0) : shown;
  return { rows: after.slice(0, request.size + 1), total: shown.length, hasPrevious: after.length < shown.length };
}

const LISTS: [EntryPart, EntityClass<object>][] = [
  ['education', EducationEntry as never], ['registration', Registration as never], ['careerGuidance', CareerGuidance as never],
  ['referral', Referral as never], ['activeMeasure', ActiveMeasure as never], ['specialWorkplace', SpecialWorkplace as never],
  ['visit', Visit as never], ['employmentPlanRow', EmploymentPlanRow as never], ['signature', CardSignature as never],
];

/** The card `cardId` as it stood at `at`; null if it did not exist yet. */
export async function cardAsOf(em: SqlEntityManager, cardId: string, at: Date): Promise<CardAsOf | null> {
  const current = await em.findOne(Card, { id: cardId });
  if (!current || current.createdAt > at) return null;
  const history = await em.find(CardHistory, { card: cardId }, { orderBy: { at: 'asc', id: 'asc' } });
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
  const past = (entity: EntityClass<object>, data: object) => scratch.create(entity, data as never, { managed: false, persist: false });
  const pojo = (entity: object) => wrap(entity).toPOJO() as Snapshot;

  let cardData: Snapshot = pojo(current);
  for (const part of Object.keys(CARD_PART_FIELDS) as CardPart[]) {
    const record = before.get(`${part}:`);
    if (record) cardData = { ...cardData, ...CARD_PART_FIELDS[part](record.oldValue as Snapshot | null) };
  }
  const firstLater = later[0];
  cardData.version = firstLater ? firstLater.basedOnVersion : current.version;
  const card = past(Card, cardData) as Card;

  const lists = new Map<EntryPart, Row[]>();
  const rebuild = (part: EntryPart, entity: EntityClass<object>, rows: object[], owner: Snapshot) => {
    const restored = rows.flatMap((row) => {
      const data = pojo(row);
      const value = valueAt(part, String(data.id), () => data);
      if (!value) return [];
      const kind = value.kind as keyof typeof MEASURE_ENTITIES | undefined;
      const type = part === 'activeMeasure' && kind ? MEASURE_ENTITIES[kind] as EntityClass<object> : entity;
      return [past(type, { ...value, id: data.id, ...owner }) as Row];
    });
    lists.set(part, restored);
  };
  for (const [part, entity] of LISTS) {
    rebuild(part, entity, await em.find(entity, { card: cardId } as never, { orderBy: { id: 'asc' } as never }), { card: cardId });
  }
  const relocations = (lists.get('activeMeasure') ?? []).map((m) => m.id);
  const members = relocations.length ? await em.find(RelocationFamilyMember, { relocation: { $in: relocations } }, { orderBy: { id: 'asc' } }) : [];
  rebuild('relocationFamilyMember', RelocationFamilyMember as never, members, {});
  return new CardAsOf(at, card, lists, history.filter((record) => record.at <= at));
}
