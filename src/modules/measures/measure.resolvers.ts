import { payload } from '../../api/payload.ts';
import { idOf, parseGlobalId } from '../../api/relay.ts';
import type { Resolvers } from '../../generated/graphql.ts';
import { sumMoney } from '../base/money.ts';
import { typeOf } from '../card/card-section.ts';
import { sectionConnection, viewOf, visible } from '../card/card-view.ts';
import { changeDeps } from '../card/mutation.ts';
import type { AnyActiveMeasure, Relocation } from './measure.entity.ts';
import {
  correctEntrepreneurshipSupport, correctProfessionalTraining, correctRelocation, correctSubsidizedJob, createEntrepreneurshipSupport,
  createProfessionalTraining, createRelocation, createSubsidizedJob, recordMeasureEmployment, recordSubsidizedJobDecision, type Kind,
} from './measure.service.ts';
import { activeMeasures } from './section.ts';

const card = (id: string) => idOf(id, ['Card'], 'cardId');
const KIND_OF_TYPE: Record<string, Kind> = {
  ProfessionalTraining: 'PROFESSIONAL_TRAINING', EntrepreneurshipSupport: 'ENTREPRENEURSHIP_SUPPORT', SubsidizedJob: 'SUBSIDIZED_JOB', Relocation: 'RELOCATION',
};
const measure = (id: string, ...types: string[]) => idOf(id, types, 'id');
const asPayload = (activeMeasure: AnyActiveMeasure) => ({ activeMeasure });

/** §16.2 — a term as it was given: months or the day it ends; null when neither was. */
const termOf = (months: number | null | undefined, until: string | null | undefined) =>
  (months == null && until == null ? null : { months: months ?? null, until: until ?? null });

const family = async (relocation: Relocation, context: Parameters<typeof viewOf>[0]) =>
  visible(await viewOf(context, relocation).children(activeMeasures.children!, relocation.id) as { ableToWork: boolean; voidedAt?: Date | null }[]);

export const measureResolvers: Resolvers = {
  Card: {
    activeMeasures: (parent, { kind, ...args }, context) => sectionConnection(context, parent, activeMeasures, args, kind ?? null),
  },
  ActiveMeasure: {
    __resolveType: (entry) => typeOf(activeMeasures, entry) as never,
  },
  ProfessionalTraining: {
    permanentEmployment: (training) => training.employment ?? null,
  },
  SubsidizedJob: {
    employerDecision: (job) => job.hiringAct ?? job.refusal ?? null,
    permanentEmployment: (job) => job.employment ?? null,
  },
  Relocation: {
    familyMembersAbleToWork: async (relocation, _, context) => (await family(relocation, context)).filter((member) => member.ableToWork) as never,
    familyMembersUnableToWork: async (relocation, _, context) => (await family(relocation, context)).filter((member) => !member.ableToWork) as never,
    materialAssistance: (relocation) => relocation.assistance,
  },
  Microcredit: {
    gracePeriod: (credit) => termOf(credit.gracePeriodMonths, credit.gracePeriodUntil),
    repaymentTerm: (credit) => termOf(credit.repaymentTermMonths, credit.repaymentTermUntil)!,
  },
  RelocationAssistance: {
    total: (assistance) => sumMoney([assistance.relocationExpenses, assistance.rentReimbursement, assistance.economicMobilityCertificate]),
  },
  RelocationHousing: {
    areaPerFamilyMember: (housing) => (housing.areaPerFamilyMember == null ? null : Number(housing.areaPerFamilyMember)),
  },
  Mutation: {
    professionalTrainingCreate: async (_, { cardId, version, input }, context) =>
      payload(context, await createProfessionalTraining(changeDeps(context), card(cardId), version, input), asPayload),
    professionalTrainingCorrect: async (_, { id, version, input }, context) =>
      payload(context, await correctProfessionalTraining(changeDeps(context), measure(id, 'ProfessionalTraining'), version, input), asPayload),
    entrepreneurshipSupportCreate: async (_, { cardId, version, input }, context) =>
      payload(context, await createEntrepreneurshipSupport(changeDeps(context), card(cardId), version, input), asPayload),
    entrepreneurshipSupportCorrect: async (_, { id, version, input }, context) =>
      payload(context, await correctEntrepreneurshipSupport(changeDeps(context), measure(id, 'EntrepreneurshipSupport'), version, input), asPayload),
    subsidizedJobCreate: async (_, { cardId, version, input }, context) =>
      payload(context, await createSubsidizedJob(changeDeps(context), card(cardId), version, input), asPayload),
    subsidizedJobRecordDecision: async (_, { id, version, input }, context) =>
      payload(context, await recordSubsidizedJobDecision(changeDeps(context), measure(id, 'SubsidizedJob'), version, input), asPayload),
    subsidizedJobCorrect: async (_, { id, version, input }, context) =>
      payload(context, await correctSubsidizedJob(changeDeps(context), measure(id, 'SubsidizedJob'), version, input), asPayload),
    relocationCreate: async (_, { cardId, version, input }, context) =>
      payload(context, await createRelocation(changeDeps(context), card(cardId), version, input), asPayload),
    relocationCorrect: async (_, { id, version, input }, context) =>
      payload(context, await correctRelocation(changeDeps(context), measure(id, 'Relocation'), version, input), asPayload),
    activeMeasureRecordEmployment: async (_, { id, version, input }, context) => {
      const entryId = measure(id, ...Object.keys(KIND_OF_TYPE));
      return payload(context, await recordMeasureEmployment(changeDeps(context), entryId, version, input, KIND_OF_TYPE[parseGlobalId(id)!.type]!), asPayload);
    },
  },
};
