import type { SqlEntityManager } from '@mikro-orm/sql';
import { byId } from '../../db/loaders.ts';
import { sectionPageLoader } from '../../db/section-pages.ts';
import { Visit } from './visit.entity.ts';

export function visitLoaders(em: SqlEntityManager) {
  return {
    visitPages: sectionPageLoader(em, {
      entity: Visit,
      order: [{ property: 'plannedOn', cast: 'date' }, { property: 'id', cast: 'bigint' }],
    }),
    visitById: byId(em, Visit, { voidedAt: null }),
  };
}
