import type { Card } from '../card/card.entity.ts';

/** §10 as a field: the card and whether voided entries are wanted. */
export interface EducationSection {
  card: Card;
  includeVoided: boolean;
}

export type { EducationSection as EducationMapper };
export type { EducationEntry as MainEducationMapper, EducationEntry as AdditionalEducationMapper, LastJob as LastJobMapper } from './education.entity.ts';
