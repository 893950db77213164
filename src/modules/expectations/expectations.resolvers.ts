import { payload } from '../../api/payload.ts';
import { idOf } from '../../api/relay.ts';
import type { Resolvers } from '../../generated/graphql.ts';
import { changeDeps } from '../card/mutation.ts';
import { setExpectations } from './expectations.service.ts';

export const expectationsResolvers: Resolvers = {
  Mutation: {
    cardSetExpectations: async (_, { id, version, input }, context) =>
      payload(context, await setExpectations(changeDeps(context), idOf(id, ['Card'], 'id'), version, input ?? null), () => ({})),
  },
};
