import { GraphQLError } from 'graphql';
import { connection, pageRequest } from '../../api/connection.ts';
import { idOf, toGlobalId } from '../../api/relay.ts';
import type { ReadOperation, Resolvers } from '../../generated/graphql.ts';
import { cards } from '../card/card.store.ts';
import { cursorPartsOf } from '../card/cursors.ts';
import { findReadAudit } from './audit.store.ts';

export const auditResolvers: Resolvers = {
  Query: {
    readAudit: async (_, { filter, ...args }, { em, access }) => {
      const scope = await access.auditScope();
      if (!scope) throw new GraphQLError('Only the head of a career center reads the audit', { extensions: { code: 'FORBIDDEN' } });
      const page = await findReadAudit(em, scope, {
        page: pageRequest(args, cursorPartsOf('ReadAuditRecord')!),
        cardId: filter?.card ? idOf(filter.card, ['Card'], 'filter.card') : undefined,
        readBy: filter?.readBy ?? undefined,
        from: filter?.from ?? undefined,
        to: filter?.to ?? undefined,
      });
      return connection(page, (row) => [row.id]);
    },
  },
  ReadAuditRecord: {
    readBy: (row) => row.subject,
    role: (row) => row.role as never,
    readerCareerCenter: (row) => row.careerCenter,
    transferGround: (row) => row.transferGround,
    operation: (row) => row.operationType.toUpperCase() as ReadOperation,
    cards: (row) => row.cardIds.map((id) => toGlobalId('Card', id)),
    cardsRead: (row) => row.cardIds.map((cardId) => ({ cardId })),
  },
  AuditedCard: {
    id: ({ cardId }) => toGlobalId('Card', cardId),
    // Batched with every card of the request; as `card(id)`: null once the card is no longer the reader's.
    card: async ({ cardId }, _, { loaders, access }) => access.readable(await loaders.get(cards.byId).load(cardId)),
  },
};
