export type { CareerCenter as CareerCenterMapper } from './career-center.entity.ts';
