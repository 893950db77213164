import { GraphQLError } from 'graphql';
import { toGlobalId } from '../../api/relay.ts';
import type { Resolvers } from '../../generated/graphql.ts';
import { viewOf } from '../card/card-view.ts';
import { printoutLink } from './download-link.ts';

export const printoutResolvers: Resolvers = {
  Card: {
    printout: (card, { language, version }, context) => {
      const { principal, language: requested, clock } = context;
      // A link acts for the caller who asked for it: in-process use has no caller to name.
      if (!principal) throw new GraphQLError('A download link is made for a signed-in caller', { extensions: { code: 'UNAUTHENTICATED' } });
      // A version asked for is printed as it ended; a card read with `card(id, asOf)`, as it stood then.
      const asOf = viewOf(context, card).asOf?.at;
      const state = version != null ? { version } : asOf ? { asOf } : null;
      return printoutLink(principal, toGlobalId('Card', card.id), language ?? requested, clock.now(), state);
    },
  },
};
