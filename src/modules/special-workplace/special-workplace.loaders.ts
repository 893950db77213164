import type { SqlEntityManager } from '@mikro-orm/sql';
import { byId, entriesByCard } from '../../db/loaders.ts';
import { SpecialWorkplace } from './special-workplace.entity.ts';

export function specialWorkplaceLoaders(em: SqlEntityManager) {
  return {
    specialWorkplacesByCard: entriesByCard(em, SpecialWorkplace, { orderBy: { referredOn: 'asc', id: 'asc' } }),
    specialWorkplaceById: byId(em, SpecialWorkplace, { voidedAt: null }),
  };
}
