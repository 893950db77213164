import type { Resolvers } from '../../graphql/generated/resolvers.ts';
import { toGlobalId } from '../../graphql/relay.ts';
import { sectionConnection } from '../../graphql/section-connection.ts';
import { sumMoney } from '../base/money.ts';
import { EntrepreneurshipSupport, ProfessionalTraining, Relocation, SubsidizedJob, type ActiveMeasure } from './measure.entity.ts';

/** The GraphQL type of a §16 entry: the union member its kind maps to. */
export function measureTypeName(measure: ActiveMeasure) {
  if (measure instanceof ProfessionalTraining) return 'ProfessionalTraining' as const;
  if (measure instanceof EntrepreneurshipSupport) return 'EntrepreneurshipSupport' as const;
  if (measure instanceof SubsidizedJob) return 'SubsidizedJob' as const;
  if (measure instanceof Relocation) return 'Relocation' as const;
  throw new Error(`active measure ${measure.id} has unknown kind ${measure.kind}`);
}

export const measureResolvers: Resolvers = {
  Card: {
    activeMeasures: (card, { kind, ...args }, { loaders }) =>
      sectionConnection(loaders.measurePages, card.id, { ...args, filter: kind }, (m) => [m.referredOn, m.id]),
  },
  ActiveMeasure: {
    __resolveType: (measure) => measureTypeName(measure),
  },
  ProfessionalTraining: {
    id: (training) => toGlobalId('ProfessionalTraining', training.id),
    permanentEmployment: (training) => training.employment ?? null,
  },
  EntrepreneurshipSupport: {
    id: (support) => toGlobalId('EntrepreneurshipSupport', support.id),
  },
  SubsidizedJob: {
    id: (job) => toGlobalId('SubsidizedJob', job.id),
    employerDecision: (job) => job.hiringAct ?? job.refusal ?? null,
    permanentEmployment: (job) => job.employment ?? null,
  },
  Relocation: {
    id: (relocation) => toGlobalId('Relocation', relocation.id),
    familyMembersAbleToWork: async (relocation, _, { loaders }) =>
      (await loaders.familyByRelocation.load(relocation.id)).filter((member) => member.ableToWork),
    familyMembersUnableToWork: async (relocation, _, { loaders }) =>
      (await loaders.familyByRelocation.load(relocation.id)).filter((member) => !member.ableToWork),
    materialAssistance: (relocation) => relocation.assistance,
  },
  RelocationAssistance: {
    total: (assistance) =>
      sumMoney([assistance.relocationExpenses, assistance.rentReimbursement, assistance.economicMobilityCertificate]),
  },
  RelocationHousing: {
    areaPerFamilyMember: (housing) => (housing.areaPerFamilyMember == null ? null : Number(housing.areaPerFamilyMember)),
  },
};
