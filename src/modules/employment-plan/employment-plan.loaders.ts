import type { SqlEntityManager } from '@mikro-orm/sql';
import { byId, entriesByCard } from '../../db/loaders.ts';
import { EmploymentPlanRow } from './employment-plan.entity.ts';

export function employmentPlanLoaders(em: SqlEntityManager) {
  return {
    employmentPlanByCard: entriesByCard(em, EmploymentPlanRow, { orderBy: ['rowNumber', 'id'] }),
    employmentPlanRowById: byId(em, EmploymentPlanRow, { excludeVoided: true }),
  };
}
