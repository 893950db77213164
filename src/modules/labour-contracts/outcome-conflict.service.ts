import { userError, type Outcome } from '../base/user-errors.ts';
import { Card } from '../card/card.entity.ts';
import type { ChangeDeps } from '../card/card-change.ts';
import { OutcomeConflict } from './outcome-conflict.entity.ts';

// Outcome conflicts are reviewed, never deleted: marking one keeps it, with who and when.

const notFound = () => userError(['id'], 'NOT_FOUND', 'no such outcome conflict');

/**
 * Marks a conflict reviewed by `deps.actor`. A conflict of a card the caller may not change reads
 * as absent; one already reviewed keeps its first review.
 */
export async function markConflictReviewed(deps: ChangeDeps, id: string): Promise<Outcome<OutcomeConflict>> {
  const em = deps.em.fork();
  const conflict = await em.findOne(OutcomeConflict, { id });
  if (!conflict) return { ok: false, errors: [notFound()] };
  const card = await em.findOneOrFail(Card, { id: conflict.card });
  if (deps.access && !((await deps.access.centerStaffScope()) && (await deps.access.mayWrite(card)))) return { ok: false, errors: [notFound()] };
  // Only an open conflict is marked: of two reviewers at once, the first one's review stands. By its
  // card too: one shard on Citus (docs/scale.md).
  const marked = await em.nativeUpdate(OutcomeConflict, { id, card: conflict.card, reviewedAt: null }, {
    reviewedAt: deps.now(), reviewedBy: deps.actor.id, reviewedByName: deps.actor.name,
  });
  if (!marked) return { ok: false, errors: [userError(['id'], 'OUTCOME_CONFLICT_ALREADY_REVIEWED', 'the outcome conflict is already marked reviewed')] };
  return { ok: true, value: await em.refresh(conflict) as OutcomeConflict };
}
