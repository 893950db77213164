import type { SqlEntityManager } from '@mikro-orm/sql';
import type { Page } from '../../api/connection.ts';
import { Notification } from './notification.entity.ts';

/** A card's messages, newest first: a page after the message `beforeId` (the last of the page before). */
export async function cardNotifications(em: SqlEntityManager, cardId: string, query: { limit: number; beforeId?: string }): Promise<Page<Notification, undefined>> {
  const where = query.beforeId ? { card: cardId, id: { $lt: query.beforeId } } : { card: cardId };
  const rows = await em.find(Notification, where, { orderBy: { id: 'desc' }, limit: query.limit + 1 });
  return { rows: rows.slice(0, query.limit), hasNextPage: rows.length > query.limit, hasPreviousPage: Boolean(query.beforeId), total: undefined };
}
