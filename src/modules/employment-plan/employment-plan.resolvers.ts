import type { Resolvers } from '../../generated/graphql.ts';
import { sectionsOf } from '../../graphql/context.ts';
import { changeDeps, payload } from '../../api/payload.ts';
import { idOf, toGlobalId } from '../../api/relay.ts';
import { voidingOf } from '../../api/voiding.ts';
import { visible } from '../card/card-sections.ts';
import { addPlanRow, correctPlanRow, recordPlanExecution, recordPlanNonExecution } from './employment-plan.service.ts';

const rowId = (id: string) => idOf(id, ['EmploymentPlanRow'], 'id');

export const employmentPlanResolvers: Resolvers = {
  Card: {
    employmentPlan: async (card, { includeVoided }, context) => visible(await sectionsOf(context, card).employmentPlan(card.id), includeVoided),
  },
  EmploymentPlanRow: {
    id: (row) => toGlobalId('EmploymentPlanRow', row.id),
    voided: voidingOf,
  },
  Mutation: {
    employmentPlanRowAdd: async (_, { cardId, version, input }, context) =>
      payload(context, await addPlanRow(changeDeps(context), idOf(cardId, ['Card'], 'cardId'), version, input.measure), (row) => ({ row })),
    employmentPlanRowRecordExecution: async (_, { id, version, input }, context) =>
      payload(context, await recordPlanExecution(changeDeps(context), rowId(id), version, input), (row) => ({ row })),
    employmentPlanRowRecordNonExecution: async (_, { id, version, input }, context) =>
      payload(context, await recordPlanNonExecution(changeDeps(context), rowId(id), version, input.reason), (row) => ({ row })),
    employmentPlanRowCorrect: async (_, { id, version, input }, context) =>
      payload(context, await correctPlanRow(changeDeps(context), rowId(id), version, input), (row) => ({ row })),
  },
};
