import type { PageRequest, SectionPage } from '../../db/section-pages.ts';
import type { Card } from './card.entity.ts';
import type { EducationEntry } from '../education/education.entity.ts';
import type { EmploymentPlanRow } from '../employment-plan/employment-plan.entity.ts';
import type { CardSignature } from '../footer/footer.entity.ts';
import type { CareerGuidance } from '../guidance/guidance.entity.ts';
import type { CardHistory } from '../history/history.entity.ts';
import type { AnyActiveMeasure, RelocationFamilyMember } from '../measures/measure.entity.ts';
import type { Referral } from '../referral/referral.entity.ts';
import type { Registration } from '../registration/registration.entity.ts';
import type { SpecialWorkplace } from '../special-workplace/special-workplace.entity.ts';
import type { Visit } from '../visit/visit.entity.ts';

/**
 * Where a card's list sections are read from: the live tables (batched per request), or the
 * card as it stood at a past moment (`asOf`). Lists include voided entries; readers hide them
 * unless asked. Resolvers read sections only through this, so both views render identically.
 */
export interface CardSections {
  /** Set for a card read as of a past moment: the moment, and the card as it stood then. */
  readonly asOf?: { at: Date; card: Card };
  education(cardId: string): Promise<EducationEntry[]>;
  registrations(cardId: string): Promise<Registration[]>;
  careerGuidance(cardId: string): Promise<CareerGuidance[]>;
  referrals(request: PageRequest): Promise<SectionPage<Referral>>;
  activeMeasures(request: PageRequest): Promise<SectionPage<AnyActiveMeasure>>;
  familyMembers(relocationId: string): Promise<RelocationFamilyMember[]>;
  specialWorkplaces(cardId: string): Promise<SpecialWorkplace[]>;
  visits(request: PageRequest): Promise<SectionPage<Visit>>;
  /** §18 — the earliest visit planned on or after `from` and not attended (not voided); null when none. */
  nextVisit(cardId: string, from: string): Promise<Visit | null>;
  employmentPlan(cardId: string): Promise<EmploymentPlanRow[]>;
  signatures(cardId: string): Promise<CardSignature[]>;
  history(request: PageRequest): Promise<SectionPage<CardHistory>>;
}

/** Entries to show: voided ones only when asked for (Rule 3: hidden, never deleted). */
export function visible<T extends { voidedAt?: Date | string | null }>(entries: readonly T[], includeVoided?: boolean | null): T[] {
  return includeVoided ? [...entries] : entries.filter((entry) => !entry.voidedAt);
}
