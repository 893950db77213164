import { payload } from '../../api/payload.ts';
import { idOf } from '../../api/relay.ts';
import type { Resolvers } from '../../generated/graphql.ts';
import { entriesOf } from '../card/card-view.ts';
import { changeDeps } from '../card/mutation.ts';
import { addCareerGuidance, correctCareerGuidance } from './guidance.service.ts';
import { careerGuidance } from './section.ts';

export const guidanceResolvers: Resolvers = {
  Card: {
    careerGuidance: (card, { includeVoided }, context) => entriesOf(context, card, careerGuidance, includeVoided),
  },
  Mutation: {
    careerGuidanceAdd: async (_, { cardId, version, input }, context) =>
      payload(context, await addCareerGuidance(changeDeps(context), idOf(cardId, ['Card'], 'cardId'), version, input), (entry) => ({ careerGuidance: entry })),
    careerGuidanceCorrect: async (_, { id, version, input }, context) =>
      payload(context, await correctCareerGuidance(changeDeps(context), idOf(id, ['CareerGuidance'], 'id'), version, input), (entry) => ({ careerGuidance: entry })),
  },
};
