import type { Resolvers } from '../../graphql/generated/resolvers.ts';
import { toGlobalId } from '../../graphql/relay.ts';

export const employmentPlanResolvers: Resolvers = {
  Card: {
    employmentPlan: (card, _, { loaders }) => loaders.employmentPlanByCard.load(card.id),
  },
  EmploymentPlanRow: {
    id: (row) => toGlobalId('EmploymentPlanRow', row.id),
  },
};
