import type { SqlEntityManager } from '@mikro-orm/sql';
import { byId, entriesByCard } from '../../db/loaders.ts';
import { CareerGuidance } from './guidance.entity.ts';

export function guidanceLoaders(em: SqlEntityManager) {
  return {
    careerGuidanceByCard: entriesByCard(em, CareerGuidance, { orderBy: ['heldOn', 'id'] }),
    careerGuidanceById: byId(em, CareerGuidance, { excludeVoided: true }),
  };
}
