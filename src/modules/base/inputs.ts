import type { PlaceInput } from '../../generated/graphql.ts';
import type { Checks } from './checks.ts';
import { hasVisibleCharacter } from './text.ts';

// Helpers for turning a mutation's (or an import record's) input into the values stored.

/**
 * Proof, checked by the compiler, that a function took every field of an input apart: pass it
 * the rest left after destructuring the fields it handles. A field added to the input in the SDL
 * and handled nowhere leaves the rest non-empty, and the type check fails.
 */
export function allHandled(_rest: Record<string, never>): void {}

/** Text as stored: trimmed, and null when absent or with nothing visible (spaces, zero-width characters). */
export const text = (value: string | null | undefined): string | null => (value != null && hasVisibleCharacter(value) ? value.trim() : null);

/** A period as stored. */
export const period = (value: { start: string; end?: string | null } | null | undefined) =>
  (value ? { start: value.start, end: value.end ?? null } : null);

/** §16.4, §19 — checks a place (codes that exist, the district within the region) and gives it as stored. */
export function placeValue(checks: Checks, field: readonly string[], input: PlaceInput) {
  const { region, district, settlement, ...rest } = input;
  allHandled(rest);
  checks.place(field, region, district).text([...field, 'settlement'], settlement, false);
  return { region: region ?? null, district: district ?? null, settlement: text(settlement) };
}
