import { payload } from '../../api/payload.ts';
import { idOf } from '../../api/relay.ts';
import type { Resolvers } from '../../generated/graphql.ts';
import { entriesOf, viewOf } from '../card/card-view.ts';
import { changeDeps } from '../card/mutation.ts';
import type { EmploymentPlanRow } from './employment-plan.entity.ts';
import { addPlanRow, correctPlanRow, recordPlanExecution, recordPlanNonExecution } from './employment-plan.service.ts';
import { employmentPlan } from './section.ts';

const rowId = (id: string) => idOf(id, ['EmploymentPlanRow'], 'id');
const asPayload = (row: EmploymentPlanRow) => ({ row });

export const employmentPlanResolvers: Resolvers = {
  EmploymentPlanRow: {
    rowNumber: (row, _, context) => viewOf(context, row).rowNumber(employmentPlan, row),
  },
  Card: {
    employmentPlan: (card, { includeVoided }, context) => entriesOf(context, card, employmentPlan, includeVoided),
  },
  Mutation: {
    employmentPlanRowAdd: async (_, { cardId, version, input }, context) =>
      payload(context, await addPlanRow(changeDeps(context), idOf(cardId, ['Card'], 'cardId'), version, input), asPayload),
    employmentPlanRowRecordExecution: async (_, { id, version, input }, context) =>
      payload(context, await recordPlanExecution(changeDeps(context), rowId(id), version, input), asPayload),
    employmentPlanRowRecordNonExecution: async (_, { id, version, input }, context) =>
      payload(context, await recordPlanNonExecution(changeDeps(context), rowId(id), version, input), asPayload),
    employmentPlanRowCorrect: async (_, { id, version, input }, context) =>
      payload(context, await correctPlanRow(changeDeps(context), rowId(id), version, input), asPayload),
  },
};
