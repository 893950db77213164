import { defineEntity, p } from '@mikro-orm/core';
import { Card } from '../card/card.entity.ts';

// Rule 3: every change to a card, written in the same transaction as the change. Rows are only
// ever inserted. `part` names what changed (a part of the card row such as `identity`, or a list
// section such as `referral` with `entry_id`); the values are the part before and after.
const CardHistorySchema = defineEntity({
  name: 'CardHistory',
  tableName: 'card_history',
  properties: {
    id: p.bigint('string').primary().autoincrement(),
    card: () => p.manyToOne(Card).mapToPk(),
    at: p.datetime(),
    /** The card version the change was based on (0 for the change that created the card). */
    basedOnVersion: p.integer(),
    actor: p.string(),
    actorName: p.string().nullable(),
    action: p.string().length(64),
    part: p.string().length(32),
    entryId: p.bigint('string').nullable(),
    oldValue: p.json<Record<string, unknown>>().nullable(),
    newValue: p.json<Record<string, unknown>>().nullable(),
  },
  indexes: [
    { properties: ['card', 'at', 'id'], name: 'card_history_card_chronology_index' },
    { properties: ['card', 'part', 'entryId', 'at'], name: 'card_history_part_index' },
  ],
});
/** Rule 3 — one recorded change of a card. */
export class CardHistory extends CardHistorySchema.class {}
CardHistorySchema.setClass(CardHistory);

/** The part a history record names for a card created whole (by import): its identity, keeping center and entry counts. */
export const CREATED_CARD_PART = 'card';

/**
 * The part a history record names for a changed outcome of the registry's check (Rule 2: the status
 * and reason of the identity and of each part checked). Not a section of the form: it is not in the
 * signed document, and a check alone does not change the card's version.
 */
export const VERIFICATION_PART = 'identityVerification';
