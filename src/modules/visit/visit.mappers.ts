export type { Visit as VisitMapper } from './visit.entity.ts';
