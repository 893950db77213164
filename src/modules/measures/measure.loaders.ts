import type { EntityClass } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sql';
import { byId, entriesByCard } from '../../db/loaders.ts';
import { sectionPageLoader } from '../../db/section-pages.ts';
import { ActiveMeasure, RelocationFamilyMember, type AnyActiveMeasure } from './measure.entity.ts';

// Single-table inheritance: loading the root class yields instances of the four kinds.
const anyMeasure = ActiveMeasure as unknown as EntityClass<AnyActiveMeasure>;

export function measureLoaders(em: SqlEntityManager) {
  return {
    measurePages: sectionPageLoader(em, {
      entity: anyMeasure,
      order: [{ property: 'referredOn', cast: 'date' }, { property: 'id', cast: 'bigint' }],
      filterProperty: 'kind',
    }),
    measureById: byId(em, anyMeasure, { excludeVoided: true }),
    familyByRelocation: entriesByCard(em, RelocationFamilyMember, { orderBy: ['id'], owner: 'relocation' }),
  };
}
