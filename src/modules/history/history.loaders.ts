import type { SqlEntityManager } from '@mikro-orm/sql';
import { byId } from '../../db/loaders.ts';
import { sectionPageLoader } from '../../db/section-pages.ts';
import { CardHistory } from './history.entity.ts';

export function historyLoaders(em: SqlEntityManager) {
  return {
    historyPages: sectionPageLoader(em, {
      entity: CardHistory,
      order: [{ property: 'at', cast: 'timestamptz' }, { property: 'id', cast: 'bigint' }],
      voidable: false,
    }),
    historyById: byId(em, CardHistory),
  };
}
