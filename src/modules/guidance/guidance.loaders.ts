import type { SqlEntityManager } from '@mikro-orm/sql';
import { byId, entriesByCard } from '../../db/loaders.ts';
import { CareerGuidance } from './guidance.entity.ts';

export function guidanceLoaders(em: SqlEntityManager) {
  return {
    careerGuidanceByCard: entriesByCard(em, CareerGuidance, { orderBy: { heldOn: 'asc', id: 'asc' } }),
    careerGuidanceById: byId(em, CareerGuidance, { voidedAt: null }),
  };
}
