import type { Resolvers } from '../../graphql/generated/resolvers.ts';
import { changeDeps, payload } from '../../graphql/mutations.ts';
import { idOf } from '../../graphql/relay.ts';
import { setExpectations } from './expectations.service.ts';

export const expectationsResolvers: Resolvers = {
  Mutation: {
    cardSetExpectations: async (_, { id, version, input }, context) =>
      payload(context, await setExpectations(changeDeps(context), idOf(id, ['Card'], 'id'), version, input ?? null), () => ({})),
  },
};
