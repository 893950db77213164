import { careerCenter } from './card/section.ts';
import type { CardPart, ChildSection, ListSection, Section } from './card/card-section.ts';
import { consent } from './consent/section.ts';
import { education, lastJob } from './education/section.ts';
import { employmentPlan } from './employment-plan/section.ts';
import { expectations } from './expectations/section.ts';
import { executor, footer, signatures } from './footer/section.ts';
import { careerGuidance } from './guidance/section.ts';
import { activeMeasures } from './measures/section.ts';
import { identity } from './person/section.ts';
import { referrals } from './referral/section.ts';
import { registrations } from './registration/section.ts';
import { specialWorkplaces } from './special-workplace/section.ts';
import { visits } from './visit/section.ts';

/**
 * The sections of the card, in the order of the form (Appendix 1): the one list. Each module
 * declares its own (`section.ts`); everything that needs every section reads this list.
 */
export const SECTIONS: readonly Section[] = [
  identity, // §1–9
  education, // §10
  lastJob, // §11
  registrations, // §12, §15
  careerGuidance, // §13
  referrals, // §14
  activeMeasures, // §16
  specialWorkplaces, // §17
  visits, // §18
  expectations, // §19
  employmentPlan, // §20
  footer, // footer: organisation, date filled
  executor, // footer: the executor who keeps the card
  signatures, // footer: the signatures
  careerCenter, // Rule 1: who keeps the card
  consent, // Law No. 94-V: consent to the processing of personal data
];

/** The sections stored on the card row. */
export const CARD_PARTS = SECTIONS.filter((section): section is CardPart => section.kind === 'part');
/** The sections with entries of their own. */
export const LIST_SECTIONS = SECTIONS.filter((section): section is ListSection => section.kind === 'list');
/** Rows belonging to entries (§16.4 family members). */
export const CHILD_SECTIONS = LIST_SECTIONS.flatMap((section) => (section.children ? [section.children] : [])) as readonly ChildSection[];

/** The list section a GraphQL type's objects are entries of. */
export function sectionOfType(type: string): ListSection | null {
  return LIST_SECTIONS.find((section) => type in section.types) ?? null;
}

/** The section (or child rows) a history part names. */
export function sectionNamed(name: string): Section | ChildSection | null {
  return SECTIONS.find((section) => section.name === name) ?? CHILD_SECTIONS.find((child) => child.name === name) ?? null;
}
