import type { Resolvers } from '../generated/graphql.ts';
import { auditResolvers } from './audit/audit.resolvers.ts';
import { baseResolvers } from './base/base.resolvers.ts';
import { careerCenterResolvers } from './career-center/career-center.resolvers.ts';
import { cardResolvers } from './card/card.resolvers.ts';
import { nodeResolvers } from './card/node.resolvers.ts';
import { consentResolvers } from './consent/consent.resolvers.ts';
import { dictionaryResolvers } from './dictionary/dictionary.resolvers.ts';
import { educationResolvers } from './education/education.resolvers.ts';
import { employmentPlanResolvers } from './employment-plan/employment-plan.resolvers.ts';
import { expectationsResolvers } from './expectations/expectations.resolvers.ts';
import { footerResolvers } from './footer/footer.resolvers.ts';
import { guidanceResolvers } from './guidance/guidance.resolvers.ts';
import { historyResolvers } from './history/history.resolvers.ts';
import { importResolvers } from './import/import.resolvers.ts';
import { labourContractResolvers } from './labour-contracts/labour-contracts.resolvers.ts';
import { measureResolvers } from './measures/measure.resolvers.ts';
import { notificationResolvers } from './notification/notification.resolvers.ts';
import { personResolvers } from './person/person.resolvers.ts';
import { printoutResolvers } from './printout/printout.resolvers.ts';
import { referralResolvers } from './referral/referral.resolvers.ts';
import { registrationResolvers } from './registration/registration.resolvers.ts';
import { specialWorkplaceResolvers } from './special-workplace/special-workplace.resolvers.ts';
import { statisticsResolvers } from './statistics/statistics.resolvers.ts';
import { transferResolvers } from './transfer/transfer.resolvers.ts';
import { visitResolvers } from './visit/visit.resolvers.ts';

/** Every module's resolvers: each module hands its map to the server here, once. */
export const MODULE_RESOLVERS: readonly Resolvers[] = [
  nodeResolvers, baseResolvers, dictionaryResolvers, careerCenterResolvers, cardResolvers, personResolvers, educationResolvers, registrationResolvers,
  guidanceResolvers, referralResolvers, measureResolvers, specialWorkplaceResolvers, visitResolvers, expectationsResolvers,
  employmentPlanResolvers, consentResolvers, footerResolvers, historyResolvers, importResolvers, auditResolvers, statisticsResolvers, transferResolvers,
  printoutResolvers, labourContractResolvers, notificationResolvers,
];
