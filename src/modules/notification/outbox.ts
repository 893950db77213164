import type { SqlEntityManager } from '@mikro-orm/sql';
import type { NotificationKind } from '../../generated/graphql.ts';
import type { Card } from '../card/card.entity.ts';
import { CareerCenter } from '../career-center/career-center.entity.ts';
import { Notification } from './notification.entity.ts';
import { notificationText, type NotificationFacts } from './templates.ts';

/** Why a message is not sent: the card gives no way to reach the person. */
export const NO_CONTACT = 'the card has neither a phone (§8) nor an e-mail (§9)';

/**
 * Queues a message of `kind` to the person of `card` in `em`'s transaction (the change's): it is
 * written when the change commits, and never if it rolls back. With no phone or e-mail on the card
 * it is kept as SKIPPED, so the card still shows what the person could not be told.
 */
export async function queueNotification<K extends NotificationKind>(em: SqlEntityManager, card: Card, kind: K, facts: NotificationFacts[K]): Promise<Notification> {
  const center = await em.findOneOrFail(CareerCenter, { id: card.careerCenter }, { fields: ['nameKk', 'nameRu'] });
  const text = notificationText(kind, facts, { kk: center.nameKk, ru: center.nameRu });
  const phone = card.phone ?? null;
  const email = card.email ?? null;
  const reachable = phone !== null || email !== null;
  const notification = em.create(Notification, {
    card: card.id, kind, phone, email, textKk: text.kk, textRu: text.ru,
    status: reachable ? 'PENDING' : 'SKIPPED', attempts: 0, lastError: reachable ? null : NO_CONTACT, sentAt: null,
  });
  em.persist(notification);
  return notification;
}
