import type { EntityClass } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sql';
import { Card } from '../modules/card/card.entity.ts';
import { CareerCenter } from '../modules/career-center/career-center.entity.ts';
import type { Territories } from '../modules/dictionary/territories.ts';
import { EducationEntry } from '../modules/education/education.entity.ts';
import { EmploymentPlanRow } from '../modules/employment-plan/employment-plan.entity.ts';
import { CareerGuidance } from '../modules/guidance/guidance.entity.ts';
import {
  MEASURE_ENTITIES, RelocationFamilyMember,
} from '../modules/measures/measure.entity.ts';
import { Referral } from '../modules/referral/referral.entity.ts';
import { Registration } from '../modules/registration/registration.entity.ts';
import { SpecialWorkplace } from '../modules/special-workplace/special-workplace.entity.ts';
import { Visit } from '../modules/visit/visit.entity.ts';
import type { Orm } from '../db/orm.ts';
import { generateCard, type CardDraft, type SeedCenter } from './card-generator.ts';

export interface SeedOptions {
  cards: number;
  seed?: number;
  /** The demo's "today"; fixed by default so the data is the same whatever day it is made. */
  today?: string;
  /** Cards per transaction. */
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
}

/** One career center per district, city and city district: the network that keeps the cards. */
async function ensureCareerCenters(em: SqlEntityManager, territories: Territories): Promise<SeedCenter[]> {
  if ((await em.count(CareerCenter)) === 0) {
    const now = new Date();
    const rows = territories.regions.flatMap((region) => region.districts.map((district) => ({
      code: `CC-${district.code}`,
      nameKk: `${district.kk} мансап орталығы`,
      nameRu: `Центр карьеры — ${district.ru}`,
      region: region.code,
      district: district.code,
      address: `${region.ru}, ${district.ru}, ул. Абая, ${10 + (district.code.charCodeAt(district.code.length - 1) % 50)}`,
      phone: `+77${String(100000000 + Number(district.code.replace(/\D/g, '')) * 7919 % 900000000).slice(0, 9)}`,
      email: `${district.code.toLowerCase()}@career-center.kz`,
      createdAt: now,
      updatedAt: now,
    })));
    await em.insertMany(CareerCenter, rows);
  }
  const centers = await em.find(CareerCenter, {}, { orderBy: { code: 'asc' } });
  return centers.map((center) => ({
    id: center.id,
    region: territories.region(center.region)!,
    district: territories.district(center.district!)!,
    name: center.nameRu,
    address: center.address!,
    phone: center.phone!,
    email: center.email!,
  }));
}

// Multi-row INSERTs of entity instances: MikroORM maps the embeddables to their columns, and no
// unit of work tracks thousands of rows that are never read back.
async function insertRows<T extends object>(em: SqlEntityManager, entity: EntityClass<T>, rows: object[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const entities = rows.map((row) => em.create(entity, row as never, { persist: false }));
  return (await em.insertMany(entities)) as unknown as string[];
}

async function insertBatch(em: SqlEntityManager, drafts: CardDraft[]): Promise<void> {
  const now = new Date();
  const stamped = (row: object) => ({ ...row, createdAt: now, updatedAt: now });
  const cardIds = await insertRows(em, Card, drafts.map((d) => stamped(d.card)));
  const children = <K extends keyof CardDraft>(key: K) =>
    drafts.flatMap((draft, i) => (draft[key] as object[]).map((row) => stamped({ ...row, card: cardIds[i] })));
  await insertRows(em, EducationEntry, children('education'));
  await insertRows(em, Registration, children('registrations'));
  await insertRows(em, CareerGuidance, children('guidance'));
  await insertRows(em, Referral, children('referrals'));
  await insertRows(em, SpecialWorkplace, children('specialWorkplaces'));
  await insertRows(em, Visit, children('visits'));
  await insertRows(em, EmploymentPlanRow, children('plan'));
  for (const [kind, entity] of Object.entries(MEASURE_ENTITIES)) {
    const measures = drafts.flatMap((draft, i) => draft.measures.filter((m) => m.kind === kind).map((m) => ({ ...m, cardId: cardIds[i] })));
    const ids = await insertRows(em, entity as EntityClass<object>, measures.map((m) => stamped({ ...m.row, kind, card: m.cardId })));
    await insertRows(em, RelocationFamilyMember, measures.flatMap((m, i) => m.family.map((member) => stamped({ ...member, relocation: ids[i] }))));
  }
}

/** Adds `cards` deterministic demo cards (after any already there); returns how many cards exist. */
export async function seedDemoData(orm: Orm, territories: Territories, options: SeedOptions): Promise<number> {
  const seed = options.seed ?? 365;
  const today = options.today ?? '2026-11-29';
  const batchSize = options.batchSize ?? 500;
  const em = orm.em.fork();
  const centers = await ensureCareerCenters(em, territories);
  const existing = await em.count(Card);
  const usedIins = new Set(
    existing ? (await em.execute<{ iin: string }[]>('select "iin" from "card"')).map((row) => row.iin) : [],
  );
  const context = { seed, today, centers, regions: territories.regions, usedIins };
  // The planner's row counts must follow the tables as they grow, or every foreign-key check
  // scans the tables they refer to whole (seen as quadratic seeding; the import does the same).
  let analyzedAt = Math.max(existing, 500);
  for (let done = 0; done < options.cards; done += batchSize) {
    const drafts = Array.from({ length: Math.min(batchSize, options.cards - done) }, (_, i) => generateCard(existing + done + i, context));
    await em.transactional((tx) => insertBatch(tx as SqlEntityManager, drafts));
    if (existing + done + drafts.length >= 2 * analyzedAt) {
      analyzedAt = existing + done + drafts.length;
      await em.getConnection().execute('analyze "card", "active_measure"');
    }
    options.onProgress?.(done + drafts.length, options.cards);
  }
  return existing + options.cards;
}
