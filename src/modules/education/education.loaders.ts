import type { SqlEntityManager } from '@mikro-orm/sql';
import { byId, entriesByCard } from '../../db/loaders.ts';
import { EducationEntry } from './education.entity.ts';

export function educationLoaders(em: SqlEntityManager) {
  return {
    // Chronological: by start of study; entries without a period last, in order of entry.
    educationByCard: entriesByCard(em, EducationEntry, { orderBy: ['studyPeriod.start', 'id'] }),
    educationById: byId(em, EducationEntry, { excludeVoided: true }),
  };
}
