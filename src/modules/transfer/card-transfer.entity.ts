import { defineEntity, p } from '@mikro-orm/core';
import type { CardTransferGround } from '../../generated/graphql.ts';
import { Card } from '../card/card.entity.ts';
import { CareerCenter } from '../career-center/career-center.entity.ts';

export type TransferGround = CardTransferGround;
/** Keyed by the SDL's enum, so a ground added there is a compile error here until it is stored too. */
const GROUNDS: Record<TransferGround, true> = { PERSON_APPLIED: true };
/** Rule 1 — the grounds on which a card may move to another center. */
export const TRANSFER_GROUNDS = Object.keys(GROUNDS) as TransferGround[];

// Rule 1 — a card moved from one career center to another, written in the transaction that moved
// it. Rows are only ever inserted (Rule 3): the list of a center's transfers is its record of
// which cards left it, to whom and why, after it can no longer read them.
const CardTransferSchema = defineEntity({
  name: 'CardTransfer',
  tableName: 'card_transfer',
  properties: {
    id: p.bigint('string').primary().autoincrement(),
    card: () => p.manyToOne(Card).mapToPk(),
    at: p.datetime(),
    fromCenter: () => p.manyToOne(CareerCenter).mapToPk(),
    toCenter: () => p.manyToOne(CareerCenter).mapToPk(),
    ground: p.enum(TRANSFER_GROUNDS),
    /** §12 — the date of the application that moved the card. */
    appliedOn: p.date(),
    /** Who received the application: the token's subject (the actor, for in-process use). */
    subject: p.string(),
    /** The role they acted in; null for in-process use (tools, tests), which has no token. */
    role: p.string().length(16).nullable(),
  },
  indexes: [
    { properties: ['fromCenter', 'id'], name: 'card_transfer_from_index' },
    { properties: ['toCenter', 'id'], name: 'card_transfer_to_index' },
    { properties: ['card'], name: 'card_transfer_card_index' },
  ],
});
/** Rule 1 — one move of a card between career centers. */
export class CardTransfer extends CardTransferSchema.class {}
CardTransferSchema.setClass(CardTransfer);
