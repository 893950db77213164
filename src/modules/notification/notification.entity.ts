import { defineEntity, p } from '@mikro-orm/core';
import { stored } from '../../db/entity-base.ts';
import { textColumn } from '../../db/text-kinds.ts';
import { Card } from '../card/card.entity.ts';
import { codes, notificationKindLabels, notificationStatusLabels } from '../dictionary/codes.ts';

// The outbox of messages to the person (Appendix 2: the person is told of what the center decides).
// A row is written in the transaction of the change it tells of, so a change that rolls back
// leaves none, and one that commits cannot lose its message; a job delivers it later. Rows are
// never deleted: they are the record of what the person was told, when, and whether it arrived.
const NotificationSchema = defineEntity({
  name: 'Notification',
  tableName: 'notification',
  properties: {
    ...stored(),
    card: () => p.manyToOne(Card).mapToPk(),
    kind: p.enum(codes(notificationKindLabels)),
    /** §8 — the phone it goes to, as the card had it when queued. */
    phone: p.string().length(20).nullable(),
    /** §9 — the e-mail it goes to, as the card had it when queued. */
    email: textColumn('Text').nullable(),
    /** The text in Kazakh (the state language) … */
    textKk: p.text(),
    /** … and in Russian. */
    textRu: p.text(),
    status: p.enum(codes(notificationStatusLabels)).default('PENDING'),
    /** Delivery attempts made so far. */
    attempts: p.integer().default(0),
    /** Why the last attempt failed (or why it is not sent at all). */
    lastError: p.text().nullable(),
    sentAt: p.datetime().nullable(),
  },
  indexes: [
    // The dispatch job reads the pending rows in id order.
    { properties: ['status', 'id'], name: 'notification_status_index' },
    { properties: ['card', 'id'], name: 'notification_card_index' },
  ],
});
/** Appendix 2 — one message to the person about their card, in Kazakh and Russian. */
export class Notification extends NotificationSchema.class {}
NotificationSchema.setClass(Notification);
