import type { SqlEntityManager } from '@mikro-orm/sql';
import { byId } from '../../db/loaders.ts';
import { sectionPageLoader } from '../../db/section-pages.ts';
import { Referral } from './referral.entity.ts';

export function referralLoaders(em: SqlEntityManager) {
  return {
    referralPages: sectionPageLoader(em, {
      entity: Referral,
      order: [{ property: 'referredOn', cast: 'date' }, { property: 'id', cast: 'bigint' }],
    }),
    referralById: byId(em, Referral, { excludeVoided: true }),
  };
}
