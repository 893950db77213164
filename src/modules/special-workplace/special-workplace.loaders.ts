import type { SqlEntityManager } from '@mikro-orm/sql';
import { byId, entriesByCard } from '../../db/loaders.ts';
import { SpecialWorkplace } from './special-workplace.entity.ts';

export function specialWorkplaceLoaders(em: SqlEntityManager) {
  return {
    specialWorkplacesByCard: entriesByCard(em, SpecialWorkplace, { orderBy: ['referredOn', 'id'] }),
    specialWorkplaceById: byId(em, SpecialWorkplace, { excludeVoided: true }),
  };
}
