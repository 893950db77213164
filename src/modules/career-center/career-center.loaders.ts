import type { SqlEntityManager } from '@mikro-orm/sql';
import { byId } from '../../db/loaders.ts';
import { CareerCenter } from './career-center.entity.ts';

export function careerCenterLoaders(em: SqlEntityManager) {
  return { careerCenterById: byId(em, CareerCenter) };
}
