import { GraphQLError } from 'graphql';
import { toGlobalId } from '../../api/relay.ts';
import type { Resolvers } from '../../generated/graphql.ts';
import { printoutLink } from './download-link.ts';

export const printoutResolvers: Resolvers = {
  Card: {
    printout: (card, { language }, { principal, language: requested, clock }) => {
      // A link acts for the caller who asked for it: in-process use has no caller to name.
      if (!principal) throw new GraphQLError('A download link is made for a signed-in caller', { extensions: { code: 'UNAUTHENTICATED' } });
      return printoutLink(principal, toGlobalId('Card', card.id), language ?? requested, clock.now());
    },
  },
};
