import { GraphQLError } from 'graphql';
import { connection, pageRequest } from '../../api/connection.ts';
import type { Resolvers } from '../../generated/graphql.ts';
import { cards } from '../card/card.store.ts';
import { cursorPartsOf } from '../card/cursors.ts';
import { careerCenterById } from '../career-center/career-center.store.ts';
import { findTransfers } from './transfer.store.ts';

export const transferResolvers: Resolvers = {
  Query: {
    cardTransfers: async (_, args, { em, access }) => {
      // The heads who answer for the centers on either side of a move, as for the read audit.
      const scope = await access.auditScope();
      if (!scope) throw new GraphQLError('Only the head of a career center lists card transfers', { extensions: { code: 'FORBIDDEN' } });
      const { limit, after } = pageRequest(args, cursorPartsOf('CardTransfer')!);
      return connection(await findTransfers(em, scope, { limit, beforeId: after?.[0] }), (transfer) => [transfer.id]);
    },
  },
  CardTransfer: {
    from: async (transfer, _, { loaders }) => (await loaders.get(careerCenterById).load(transfer.fromCenter))!,
    to: async (transfer, _, { loaders }) => (await loaders.get(careerCenterById).load(transfer.toCenter))!,
    ground: (transfer) => transfer.ground,
    transferredBy: (transfer) => transfer.subject,
    role: (transfer) => transfer.role as never,
    // The center the card left sees that it moved, never the card itself.
    card: async (transfer, _, { loaders, access }) => access.readable(await loaders.get(cards.byId).load(transfer.card)),
  },
};
