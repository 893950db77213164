export type { EmploymentPlanRow as EmploymentPlanRowMapper } from './employment-plan.entity.ts';
