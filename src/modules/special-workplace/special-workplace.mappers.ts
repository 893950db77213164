export type { SpecialWorkplace as SpecialWorkplaceMapper } from './special-workplace.entity.ts';
