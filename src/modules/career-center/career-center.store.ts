import type { SqlEntityManager } from '@mikro-orm/sql';
import type { LoaderFactory } from '../../api/loaders.ts';
import { byId } from '../../db/loaders.ts';
import { CareerCenter } from './career-center.entity.ts';

// The career centers' SQL. Centers keep their ids and are never deleted, so an id once found by
// its code is remembered per database (keyed by the ORM's driver); unknown codes are asked again.

export const careerCenterById: LoaderFactory<string, CareerCenter | null> = (em) => byId(em, CareerCenter);

/** Every career center, by code. */
export function allCareerCenters(em: SqlEntityManager): Promise<CareerCenter[]> {
  return em.find(CareerCenter, {}, { orderBy: { code: 'asc' } });
}

const known = new WeakMap<object, Map<string, string>>();

/** The ids of career centers by their codes (null for an unknown code), read through `em` (in its transaction, if any). */
export async function careerCenterIds(em: SqlEntityManager, codes: readonly string[]): Promise<Map<string, string | null>> {
  let ids = known.get(em.getDriver());
  if (!ids) known.set(em.getDriver(), (ids = new Map()));
  const missing = [...new Set(codes)].filter((code) => !ids.has(code));
  if (missing.length) {
    for (const center of await em.find(CareerCenter, { code: { $in: missing } }, { fields: ['id', 'code'] })) ids.set(center.code, center.id);
  }
  return new Map(codes.map((code) => [code, ids.get(code) ?? null]));
}

/** The names of career centers by code, in both languages. */
export async function careerCenterNames(em: SqlEntityManager, codes: readonly string[]): Promise<Map<string, { kk: string; ru: string }>> {
  if (!codes.length) return new Map();
  const centers = await em.fork().find(CareerCenter, { code: { $in: [...codes] } }, { fields: ['code', 'nameKk', 'nameRu'] });
  return new Map(centers.map((center) => [center.code, { kk: center.nameKk, ru: center.nameRu }]));
}
