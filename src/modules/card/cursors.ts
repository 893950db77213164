import type { KeyPart } from '../../api/relay.ts';
import { HISTORY_ORDER } from '../history/history.store.ts';
import { sectionOfType } from '../sections.ts';

/** Lists paged by id alone: cards in the order they were opened, audit records, transfers and outcome conflicts newest first. */
const BY_ID: readonly KeyPart[] = ['bigint'];

/**
 * What the cursors of a list of `type` carry: the SQL types of its sort key. Every connection's
 * `after` is checked against it, by its resolver and before a query runs at all.
 */
export function cursorPartsOf(type: string): readonly KeyPart[] | null {
  if (type === 'Card' || type === 'ReadAuditRecord' || type === 'CardTransfer' || type === 'OutcomeConflict') return BY_ID;
  if (type === 'CardHistoryEntry') return HISTORY_ORDER.map((key) => key.cast);
  return sectionOfType(type)?.order.map((key) => key.cast) ?? null;
}
