import type { Resolvers } from '../../graphql/generated/resolvers.ts';
import { toGlobalId } from '../../graphql/relay.ts';
import { sectionConnection } from '../../graphql/section-connection.ts';

export const visitResolvers: Resolvers = {
  Card: {
    visits: (card, args, { loaders }) => sectionConnection(loaders.visitPages, card.id, args, (visit) => [visit.plannedOn, visit.id]),
  },
  Visit: {
    id: (visit) => toGlobalId('Visit', visit.id),
  },
};
