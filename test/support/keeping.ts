import { expect } from '@jest/globals';
import { FULL_CARD } from '../../src/bench/queries.ts';
import { dataOf, type GraphQLResult, type TestApi } from './api.ts';

// Helpers for tests of the mutations that keep a card.

/** The whole card as the API shows it (every section, voided entries included, and its history). */
export async function wholeCard(api: TestApi, id: string) {
  const { card } = dataOf(await api.execute(`query($id: ID!) { card(id: $id) {
    ...FullCard
    voidedEducation: education(includeVoided: true) { main { id voided { reason } } additional { id voided { reason } } }
    allReferrals: referrals(first: 100, includeVoided: true) { totalCount }
    history(first: 100) { totalCount }
  } } ${FULL_CARD}`, { id }));
  return card;
}

/** The payload of a mutation that must have succeeded. */
export function accepted<T = any>(result: GraphQLResult, field: string): T {
  const payload = dataOf(result)[field];
  expect(payload.userErrors).toEqual([]);
  return payload as T;
}

/**
 * Runs a mutation that must be rejected with `code` (at `path`, when given) and checks that the
 * card is exactly as it was before.
 */
export async function rejects(api: TestApi, cardId: string, run: () => Promise<GraphQLResult>, field: string, code: string, path?: string[]) {
  const before = await wholeCard(api, cardId);
  const payload = dataOf(await run())[field];
  expect(payload.userErrors).toEqual(expect.arrayContaining([expect.objectContaining(path ? { code, field: path } : { code })]));
  expect(payload.card ?? null).toBeNull();
  expect(await wholeCard(api, cardId)).toEqual(before);
  return payload.userErrors as { code: string; field: string[] | null; message: string }[];
}

export const PAYLOAD_ERRORS = 'userErrors { field code message }';

/** The builders' birth date (§4) and the day before it. */
export const BIRTH = '1990-05-17';
export const BEFORE_BIRTH = '1990-05-16';
/** The day after `TODAY` (2026-11-29). */
export const TOMORROW = '2026-11-30';
/** A database id no row has. */
export const UNKNOWN = '987654321';
/** Not a global id at all. */
export const MALFORMED = '%%not-an-id%%';
