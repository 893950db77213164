import type { Resolvers } from '../../generated/graphql.ts';
import { sectionsOf } from '../../graphql/context.ts';
import { changeDeps, payload } from '../../api/payload.ts';
import { idOf, parseGlobalId, toGlobalId } from '../../api/relay.ts';
import { MASKED_TEXT } from '../access/masking.ts';
import { sectionConnection } from '../../api/connection.ts';
import { voidingOf } from '../../api/voiding.ts';
import { sumMoney } from '../base/money.ts';
import { visible } from '../card/card-sections.ts';
import { EntrepreneurshipSupport, ProfessionalTraining, Relocation, SubsidizedJob, type ActiveMeasure } from './measure.entity.ts';
import {
  correctEntrepreneurshipSupport, correctProfessionalTraining, correctRelocation, correctSubsidizedJob, createEntrepreneurshipSupport,
  createProfessionalTraining, createRelocation, createSubsidizedJob, recordMeasureEmployment, recordSubsidizedJobDecision, type Kind,
} from './measure.service.ts';

/** The GraphQL type of a §16 entry: the union member its kind maps to. */
export function measureTypeName(measure: ActiveMeasure) {
  if (measure instanceof ProfessionalTraining) return 'ProfessionalTraining' as const;
  if (measure instanceof EntrepreneurshipSupport) return 'EntrepreneurshipSupport' as const;
  if (measure instanceof SubsidizedJob) return 'SubsidizedJob' as const;
  if (measure instanceof Relocation) return 'Relocation' as const;
  throw new Error(`active measure ${measure.id} has unknown kind ${measure.kind}`);
}

const card = (id: string) => idOf(id, ['Card'], 'cardId');
const KIND_OF_TYPE: Record<string, Kind> = {
  ProfessionalTraining: 'PROFESSIONAL_TRAINING', EntrepreneurshipSupport: 'ENTREPRENEURSHIP_SUPPORT', SubsidizedJob: 'SUBSIDIZED_JOB', Relocation: 'RELOCATION',
};
const measure = (id: string, ...types: string[]) => idOf(id, types, 'id');
const asMeasure = (activeMeasure: object) => ({ activeMeasure: activeMeasure as ProfessionalTraining });

export const measureResolvers: Resolvers = {
  Card: {
    activeMeasures: (parent, { kind, ...args }, context) =>
      sectionConnection((request) => sectionsOf(context, parent).activeMeasures(request), parent.id, { ...args, filter: kind }, (m) => [m.referredOn, m.id]),
  },
  ActiveMeasure: {
    __resolveType: (entry) => measureTypeName(entry),
  },
  ProfessionalTraining: {
    id: (training) => toGlobalId('ProfessionalTraining', training.id),
    permanentEmployment: (training) => training.employment ?? null,
    voided: voidingOf,
  },
  EntrepreneurshipSupport: {
    id: (support) => toGlobalId('EntrepreneurshipSupport', support.id),
    voided: voidingOf,
  },
  SubsidizedJob: {
    id: (job) => toGlobalId('SubsidizedJob', job.id),
    employerDecision: (job) => job.hiringAct ?? job.refusal ?? null,
    permanentEmployment: (job) => job.employment ?? null,
    voided: voidingOf,
  },
  Relocation: {
    id: (relocation) => toGlobalId('Relocation', relocation.id),
    familyMembersAbleToWork: async (relocation, _, context) =>
      visible(await sectionsOf(context, relocation).familyMembers(relocation.id)).filter((member) => member.ableToWork),
    familyMembersUnableToWork: async (relocation, _, context) =>
      visible(await sectionsOf(context, relocation).familyMembers(relocation.id)).filter((member) => !member.ableToWork),
    materialAssistance: (relocation) => relocation.assistance,
    voided: voidingOf,
  },
  RelocationFamilyMember: {
    fullName: (member, _, { access }) => (access.masked ? MASKED_TEXT : member.fullName),
  },
  RelocationAssistance: {
    total: (assistance) =>
      sumMoney([assistance.relocationExpenses, assistance.rentReimbursement, assistance.economicMobilityCertificate]),
  },
  RelocationHousing: {
    areaPerFamilyMember: (housing) => (housing.areaPerFamilyMember == null ? null : Number(housing.areaPerFamilyMember)),
  },
  Mutation: {
    professionalTrainingCreate: async (_, { cardId, version, input }, context) =>
      payload(context, await createProfessionalTraining(changeDeps(context), card(cardId), version, input), asMeasure),
    professionalTrainingCorrect: async (_, { id, version, input }, context) =>
      payload(context, await correctProfessionalTraining(changeDeps(context), measure(id, 'ProfessionalTraining'), version, input), asMeasure),
    entrepreneurshipSupportCreate: async (_, { cardId, version, input }, context) =>
      payload(context, await createEntrepreneurshipSupport(changeDeps(context), card(cardId), version, input), asMeasure),
    entrepreneurshipSupportCorrect: async (_, { id, version, input }, context) =>
      payload(context, await correctEntrepreneurshipSupport(changeDeps(context), measure(id, 'EntrepreneurshipSupport'), version, input), asMeasure),
    subsidizedJobCreate: async (_, { cardId, version, input }, context) =>
      payload(context, await createSubsidizedJob(changeDeps(context), card(cardId), version, input), asMeasure),
    subsidizedJobRecordDecision: async (_, { id, version, input }, context) =>
      payload(context, await recordSubsidizedJobDecision(changeDeps(context), measure(id, 'SubsidizedJob'), version, input), asMeasure),
    subsidizedJobCorrect: async (_, { id, version, input }, context) =>
      payload(context, await correctSubsidizedJob(changeDeps(context), measure(id, 'SubsidizedJob'), version, input), asMeasure),
    relocationCreate: async (_, { cardId, version, input }, context) =>
      payload(context, await createRelocation(changeDeps(context), card(cardId), version, input), asMeasure),
    relocationCorrect: async (_, { id, version, input }, context) =>
      payload(context, await correctRelocation(changeDeps(context), measure(id, 'Relocation'), version, input), asMeasure),
    activeMeasureRecordEmployment: async (_, { id, version, input }, context) => {
      const entryId = measure(id, ...Object.keys(KIND_OF_TYPE));
      const kind = KIND_OF_TYPE[parseGlobalId(id)!.type]!;
      return payload(context, await recordMeasureEmployment(changeDeps(context), entryId, version, input, kind), asMeasure);
    },
  },
};
