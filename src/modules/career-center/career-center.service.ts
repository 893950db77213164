import type { SqlEntityManager } from '@mikro-orm/sql';
import { CareerCenter } from './career-center.entity.ts';

/** Every career center, by code. */
export function listCareerCenters(em: SqlEntityManager): Promise<CareerCenter[]> {
  return em.find(CareerCenter, {}, { orderBy: { code: 'asc' } });
}
