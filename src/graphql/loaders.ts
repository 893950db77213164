import type { SqlEntityManager } from '@mikro-orm/sql';
import type { CardSections } from '../modules/card/card-sections.ts';
import { cardLoaders } from '../modules/card/card.loaders.ts';
import { careerCenterLoaders } from '../modules/career-center/career-center.loaders.ts';
import { educationLoaders } from '../modules/education/education.loaders.ts';
import { employmentPlanLoaders } from '../modules/employment-plan/employment-plan.loaders.ts';
import { footerLoaders } from '../modules/footer/footer.loaders.ts';
import { guidanceLoaders } from '../modules/guidance/guidance.loaders.ts';
import { historyLoaders } from '../modules/history/history.loaders.ts';
import { measureLoaders } from '../modules/measures/measure.loaders.ts';
import { referralLoaders } from '../modules/referral/referral.loaders.ts';
import { registrationLoaders } from '../modules/registration/registration.loaders.ts';
import { specialWorkplaceLoaders } from '../modules/special-workplace/special-workplace.loaders.ts';
import { visitLoaders } from '../modules/visit/visit.loaders.ts';

/** Every module's DataLoaders over one request's EntityManager. */
export function createLoaders(em: SqlEntityManager) {
  return {
    ...cardLoaders(em),
    ...careerCenterLoaders(em),
    ...educationLoaders(em),
    ...registrationLoaders(em),
    ...guidanceLoaders(em),
    ...referralLoaders(em),
    ...measureLoaders(em),
    ...specialWorkplaceLoaders(em),
    ...visitLoaders(em),
    ...employmentPlanLoaders(em),
    ...footerLoaders(em),
    ...historyLoaders(em),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

/** The live view of card sections: the request's batched loaders. */
export function liveSections(loaders: Loaders): CardSections {
  return {
    education: (cardId) => loaders.educationByCard.load(cardId),
    registrations: (cardId) => loaders.registrationsByCard.load(cardId),
    careerGuidance: (cardId) => loaders.careerGuidanceByCard.load(cardId),
    referrals: (request) => loaders.referralPages.load(request),
    activeMeasures: (request) => loaders.measurePages.load(request),
    familyMembers: (relocationId) => loaders.familyByRelocation.load(relocationId),
    specialWorkplaces: (cardId) => loaders.specialWorkplacesByCard.load(cardId),
    visits: (request) => loaders.visitPages.load(request),
    nextVisit: (cardId, from) => loaders.nextVisitByCard.load({ cardId, from }),
    employmentPlan: (cardId) => loaders.employmentPlanByCard.load(cardId),
    signatures: (cardId) => loaders.signaturesByCard.load(cardId),
    history: (request) => loaders.historyPages.load(request),
  };
}
