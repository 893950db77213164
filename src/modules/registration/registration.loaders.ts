import type { SqlEntityManager } from '@mikro-orm/sql';
import { byId, entriesByCard } from '../../db/loaders.ts';
import { Registration } from './registration.entity.ts';

export function registrationLoaders(em: SqlEntityManager) {
  return {
    // Both registers in one query: §12, §15 and the derived status all read this loader.
    registrationsByCard: entriesByCard(em, Registration, { orderBy: ['appliedOn', 'id'] }),
    registrationById: byId(em, Registration, { excludeVoided: true }),
  };
}
