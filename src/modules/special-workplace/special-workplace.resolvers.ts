import type { Resolvers } from '../../graphql/generated/resolvers.ts';
import { toGlobalId } from '../../graphql/relay.ts';

export const specialWorkplaceResolvers: Resolvers = {
  Card: {
    specialWorkplaces: (card, _, { loaders }) => loaders.specialWorkplacesByCard.load(card.id),
  },
  SpecialWorkplace: {
    id: (workplace) => toGlobalId('SpecialWorkplace', workplace.id),
  },
};
