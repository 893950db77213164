import type { Context } from './context.ts';

// How a service's outcome becomes a mutation payload.

/** What a service returns: the value and the changed object (a card), or the user errors. */
export type ServiceOutcome<T, O, E> = { ok: true; value: T; card?: O } | { ok: false; errors: E[] };

/**
 * The payload of a mutation: the changed card and the object `shape` picks from the service's
 * value, or the user errors. A success makes the request forget what it read before. A change
 * that was made although part of what was asked was refused says so by `shape` giving `userErrors`.
 */
export function payload<T, O, E, P extends object, F extends object = object>(
  context: Context,
  outcome: ServiceOutcome<T, O, E>,
  shape: (value: T) => P & { userErrors?: E[] },
  /** What the payload says when rejected, beyond its errors (for non-null fields). */
  rejected?: F,
): (P & { card: O; userErrors: E[] }) | (F & { card: null; userErrors: E[] }) {
  if (!outcome.ok) return { ...(rejected as F), card: null, userErrors: outcome.errors };
  context.refresh();
  return { userErrors: [], ...shape(outcome.value), card: outcome.card as O };
}
