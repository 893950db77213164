export type { CareerGuidance as CareerGuidanceMapper } from './guidance.entity.ts';
