import type { Resolvers } from '../../graphql/generated/resolvers.ts';
import { toGlobalId } from '../../graphql/relay.ts';

export const guidanceResolvers: Resolvers = {
  Card: {
    careerGuidance: (card, _, { loaders }) => loaders.careerGuidanceByCard.load(card.id),
  },
  CareerGuidance: {
    id: (guidance) => toGlobalId('CareerGuidance', guidance.id),
  },
};
