import { connection, pageRequest } from '../../api/connection.ts';
import { toGlobalId } from '../../api/relay.ts';
import type { Resolvers } from '../../generated/graphql.ts';
import { cardNotifications } from './notification.store.ts';

const BY_ID = ['bigint'] as const;

export const notificationResolvers: Resolvers = {
  Card: {
    notifications: async (card, args, { em, access }) => {
      if (!(await access.mayReadNotifications(card))) return null;
      const { limit, after } = pageRequest(args, BY_ID);
      return connection(await cardNotifications(em, card.id, { limit, beforeId: after?.[0] }), (notification) => [notification.id]);
    },
  },
  Notification: {
    id: (notification) => toGlobalId('Notification', notification.id),
    lastError: (notification) => notification.lastError ?? null,
    sentAt: (notification) => notification.sentAt ?? null,
    phone: (notification) => notification.phone ?? null,
    email: (notification) => notification.email ?? null,
  },
};
