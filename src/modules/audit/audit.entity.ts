import { defineEntity, p } from '@mikro-orm/core';
import { Card } from '../card/card.entity.ts';
import { CareerCenter } from '../career-center/career-center.entity.ts';
import { TRANSFER_GROUNDS } from '../transfer/card-transfer.entity.ts';

// The read audit: one row per request that returned personal data of a card (who, as
// what, when, through which operation and client), and one row per card it returned. Rows are only
// ever inserted, by `recordRead` (audit.store.ts) in one statement per request.
/** The kinds of request that read cards: a GraphQL query or mutation, or the printed card's download. */
export const READ_OPERATIONS = ['query', 'mutation', 'download'] as const;
export type ReadOperationType = (typeof READ_OPERATIONS)[number];

const ReadAuditSchema = defineEntity({
  name: 'ReadAudit',
  tableName: 'read_audit',
  properties: {
    id: p.bigint('string').primary().autoincrement(),
    at: p.datetime(),
    /** The token's subject. */
    subject: p.string(),
    role: p.string().length(16),
    /** The career center the token names (CASEWORKER, HEAD), as a code. */
    careerCenter: p.string().length(32).nullable(),
    operationType: p.string().$type<ReadOperationType>().length(16),
    operationName: p.string().length(200).nullable(),
    clientName: p.string().length(200).nullable(),
    clientVersion: p.string().length(200).nullable(),
    cardCount: p.integer(),
    /** Rule 1 — set on the record a card move leaves for the center the card left: the move's ground. */
    transferGround: p.enum(TRANSFER_GROUNDS).nullable(),
  },
  indexes: [
    { properties: ['at'], name: 'read_audit_at_index' },
    // `readAudit(filter: { readBy })`: one reader's records, newest first. Without it each page
    // scanned the whole audit (one row per request): 150 ms at 1,000,000 records, and growing.
    { properties: ['subject', 'id'], name: 'read_audit_subject_index' },
  ],
});
export class ReadAudit extends ReadAuditSchema.class {}
ReadAuditSchema.setClass(ReadAudit);

// No foreign-key constraints here: the one statement that writes these rows takes the audit id
// from its own insert and the card and center from the card row itself, and cards and centers are
// never deleted (Rule 3). A constraint would add a trigger call per row and a KEY SHARE lock on
// every card and center read, i.e. turn each read into row locks on the busiest rows. Measured
// (a freshly seeded database): with them, the mobile list ran at 157 requests/s with every
// connection inside this statement; without them, at 611.
const ReadAuditCardSchema = defineEntity({
  name: 'ReadAuditCard',
  tableName: 'read_audit_card',
  properties: {
    audit: () => p.manyToOne(ReadAudit).mapToPk().primary().createForeignKeyConstraint(false),
    card: () => p.manyToOne(Card).mapToPk().primary().createForeignKeyConstraint(false),
    /** The center that kept the card when it was read: its HEAD answers for that read. */
    careerCenter: () => p.manyToOne(CareerCenter).mapToPk().createForeignKeyConstraint(false),
  },
  indexes: [
    { properties: ['careerCenter', 'audit'], name: 'read_audit_card_center_index' },
    { properties: ['card', 'audit'], name: 'read_audit_card_card_index' },
  ],
});
/** One card whose personal data a request returned. */
export class ReadAuditCard extends ReadAuditCardSchema.class {}
ReadAuditCardSchema.setClass(ReadAuditCard);
