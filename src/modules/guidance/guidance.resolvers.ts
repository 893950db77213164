import type { Resolvers } from '../../generated/graphql.ts';
import { sectionsOf } from '../../graphql/context.ts';
import { changeDeps, payload } from '../../api/payload.ts';
import { idOf, toGlobalId } from '../../api/relay.ts';
import { voidingOf } from '../../api/voiding.ts';
import { visible } from '../card/card-sections.ts';
import { addCareerGuidance, correctCareerGuidance } from './guidance.service.ts';

export const guidanceResolvers: Resolvers = {
  Card: {
    careerGuidance: async (card, { includeVoided }, context) => visible(await sectionsOf(context, card).careerGuidance(card.id), includeVoided),
  },
  CareerGuidance: {
    id: (guidance) => toGlobalId('CareerGuidance', guidance.id),
    voided: voidingOf,
  },
  Mutation: {
    careerGuidanceAdd: async (_, { cardId, version, input }, context) =>
      payload(context, await addCareerGuidance(changeDeps(context), idOf(cardId, ['Card'], 'cardId'), version, input), (careerGuidance) => ({ careerGuidance })),
    careerGuidanceCorrect: async (_, { id, version, input }, context) =>
      payload(context, await correctCareerGuidance(changeDeps(context), idOf(id, ['CareerGuidance'], 'id'), version, input), (careerGuidance) => ({ careerGuidance })),
  },
};
