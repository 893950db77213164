import { GraphQLError } from 'graphql';
import type { Resolvers } from '../../generated/graphql.ts';
import { CURSOR_PART, cursorKey, idOf, pageSize, toCursor, toEdges, toGlobalId } from '../../api/relay.ts';
import { findReadAudit } from './read-audit.ts';

export const auditResolvers: Resolvers = {
  Query: {
    readAudit: async (_, { first, after, filter }, { em, access }) => {
      const scope = await access.auditScope();
      if (!scope) throw new GraphQLError('Only the head of a career center reads the audit', { extensions: { code: 'FORBIDDEN' } });
      const size = pageSize(first);
      const rows = await findReadAudit(em, scope, {
        first: size,
        beforeId: after ? cursorKey(after, [CURSOR_PART.id])[0] : undefined,
        cardId: filter?.card ? idOf(filter.card, ['Card'], 'filter.card') : undefined,
        readBy: filter?.readBy ?? undefined,
        from: filter?.from ?? undefined,
        to: filter?.to ?? undefined,
      });
      return toEdges(rows, size, (row) => toCursor([row.id]), Boolean(after));
    },
  },
  ReadAuditRecord: {
    readBy: (row) => row.subject,
    role: (row) => row.role as never,
    readerCareerCenter: (row) => row.careerCenter,
    cards: (row) => row.cardIds.map((id) => toGlobalId('Card', id)),
  },
};
