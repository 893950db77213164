import { defineEntity, p } from '@mikro-orm/core';
import { Card } from '../card/card.entity.ts';
import type { LabourContract } from './labour-contract-registry.ts';
import type { OutcomeEntryType, OutcomeKind } from './matching.ts';

const ENTRY_TYPES: Record<OutcomeEntryType, true> = { Referral: true, SubsidizedJob: true, SpecialWorkplace: true, ProfessionalTraining: true, Relocation: true };
const OUTCOMES: Record<OutcomeKind, true> = { HIRING_ACT: true, PERMANENT_EMPLOYMENT: true };

// What the labour-contract register says about an entry's outcome where a caseworker already
// recorded something else: the register's word is not written over theirs, it is listed here for
// the caseworkers of the center that keeps the card. Rows are never deleted (Rule 3): a reviewed
// conflict stays, with who reviewed it and when. One row per entry, outcome and contract, so asking
// the register again lists nothing twice.
const OutcomeConflictSchema = defineEntity({
  name: 'OutcomeConflict',
  tableName: 'outcome_conflict',
  properties: {
    id: p.bigint('string').primary().autoincrement(),
    card: () => p.manyToOne(Card).mapToPk(),
    entryType: p.enum(Object.keys(ENTRY_TYPES) as OutcomeEntryType[]),
    entryId: p.bigint('string'),
    outcome: p.enum(Object.keys(OUTCOMES) as OutcomeKind[]),
    /** The register's contract (its employer's BIN and number) the conflict is about. */
    contractKey: p.string().length(160),
    /** What the entry recorded when the conflict was found: `{ hiringAct, refusal, employment }`. */
    recorded: p.json<Record<string, unknown>>(),
    contract: p.json<LabourContract>(),
    /** The register that said it. */
    source: p.string(),
    detectedAt: p.datetime(),
    reviewedAt: p.datetime().nullable(),
    reviewedBy: p.string().nullable(),
    reviewedByName: p.string().nullable(),
  },
  // With the card: an entry belongs to one card, and a unique constraint on a distributed table
  // must hold its distribution column (docs/scale.md).
  uniques: [{ properties: ['card', 'entryType', 'entryId', 'outcome', 'contractKey'], name: 'outcome_conflict_entry_contract_unique' }],
  indexes: [{ properties: ['card', 'id'], name: 'outcome_conflict_card_index' }],
});
/** An outcome the labour-contract register gives that differs from the one a caseworker recorded. */
export class OutcomeConflict extends OutcomeConflictSchema.class {}
OutcomeConflictSchema.setClass(OutcomeConflict);
