import type { SqlEntityManager } from '@mikro-orm/sql';
import { BulkInsert } from '../db/bulk-insert.ts';
import type { Orm } from '../db/orm.ts';
import { Card } from '../modules/card/card.entity.ts';
import { CareerCenter } from '../modules/career-center/career-center.entity.ts';
import type { Territories } from '../modules/dictionary/territories.ts';
import { checkRecord } from '../modules/import/card-record.ts';
import { insertNewCards, type NewCard } from '../modules/import/new-cards.ts';
import { LIST_SECTIONS } from '../modules/sections.ts';
import { generateCard, type SeedCenter } from './card-generator.ts';

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

/**
 * Adds `cards` deterministic demo cards (after any already there); returns how many cards exist.
 * Each goes through the import's checks, as a record another system sends would, and is written
 * as the import writes new cards, only without a history: demo data reads as if it had always been.
 */
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
    const cards = Array.from({ length: Math.min(batchSize, options.cards - done) }, (_, i): NewCard => {
      const { record, footer } = generateCard(existing + done + i, context);
      const checked = checkRecord(record, { today, territories });
      if (!checked.ok) throw new Error(`demo card ${existing + done + i} fails the import's checks: ${JSON.stringify(checked.errors)}`);
      // Demo cards were never asked about: PENDING, with no reason of an import's.
      return { record: checked.record, careerCenterId: record.careerCenter, extra: { ...footer, verification: { status: 'PENDING', addressStatus: 'PENDING' } } };
    });
    await em.transactional((tx) => insertNewCards(tx as SqlEntityManager, cards, new Date(), null));
    if (existing + done + cards.length >= 2 * analyzedAt) {
      analyzedAt = existing + done + cards.length;
      // The rows others refer to: cards, and entries with rows of their own.
      await new BulkInsert(em).analyze([Card, ...LIST_SECTIONS.filter((section) => section.children).map((section) => section.entity)]);
    }
    options.onProgress?.(done + cards.length, options.cards);
  }
  return existing + options.cards;
}
