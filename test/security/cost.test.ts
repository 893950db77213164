import { describe, expect, it } from '@jest/globals';
import { ACTIVE_MEASURE, FULL_CARD } from '../../src/bench/queries.ts';
import { DEFAULT_LIMITS } from '../../src/graphql/limits.ts';
import { protectionFrom } from '../../src/http/protection.ts';
import { codesOf, servedApi, type Answer } from '../support/served-api.ts';
import { readSettings } from '../../src/runtime/settings.ts';

// The cost of a query is that of the document as it will run — variables with their defaults,
// fragments, every union member, nested connections — and statistics count as the heavy statements
// they are. A query over a limit is refused before any SQL runs, with HTTP 400 and its own code.

const api = servedApi();

/** Refused with `code`, HTTP 400, before any SQL statement ran. */
function expectRefused(answer: Answer, code: string) {
  expect({ status: answer.status, codes: codesOf(answer), data: answer.body.data ?? null, statements: answer.statements })
    .toEqual({ status: 400, codes: [code], data: null, statements: 0 });
}

const wholeCards = (first: string, alias = 'cards') => `${alias}: cards(first: ${first}) { edges { node { ...FullCard } } }`;

describe('a variable with a default', () => {
  it('is costed as execution sees it: the whole card on `$f: Int = 100` cards is refused like `first: 100`', async () => {
    expectRefused(await api.post(`query($f: Int = 100) { ${wholeCards('$f')} } ${FULL_CARD}`), 'QUERY_TOO_COSTLY');
  });

  it('nine aliases of the whole card behind a default are refused', async () => {
    const nine = Array.from({ length: 9 }, (_, i) => wholeCards('$f', `a${i}`)).join(' ');
    expectRefused(await api.post(`query($f: Int = 100) { ${nine} } ${FULL_CARD}`), 'QUERY_TOO_COSTLY');
  });

  it('inside a fragment counts too: `$n: Int = 50` spread beside a page of 10 is refused', async () => {
    // 50 + 10 whole cards (1.24 M) is over the limit; counted as the old default page of 20, 30 cards would pass.
    const query = `query($n: Int = 50) { ...Page ${wholeCards('10', 'more')} }
      fragment Page on Query { ${wholeCards('$n')} } ${FULL_CARD}`;
    expectRefused(await api.post(query), 'QUERY_TOO_COSTLY');
  });

  it('in a nested connection under every union member counts', async () => {
    // §16 on 50 cards, every member of ActiveMeasure, 100 of them each: a default two connections deep.
    const query = `query($cards: Int = 50, $measures: Int = 100) {
      a: cards(first: $cards) { edges { node { activeMeasures(first: $measures) { edges { node { ...ActiveMeasureFields } } } } } }
      b: cards(first: $cards) { edges { node { activeMeasures(first: $measures) { edges { node { ...ActiveMeasureFields } } } } } }
      c: cards(first: $cards) { edges { node { activeMeasures(first: $measures) { edges { node { ...ActiveMeasureFields } } } } } }
    } ${ACTIVE_MEASURE}`;
    expectRefused(await api.post(query), 'QUERY_TOO_COSTLY');
    // The same with a value sent that keeps it small runs.
    const small = await api.post(query, { cards: 1, measures: 1 });
    expect({ status: small.status, errors: small.body.errors }).toEqual({ status: 200, errors: undefined });
  });

  it('replaced by a value sent runs as that value', async () => {
    const answer = await api.post(`query($f: Int = 100) { ${wholeCards('$f')} } ${FULL_CARD}`, { f: 5 });
    expect({ status: answer.status, errors: answer.body.errors }).toEqual({ status: 200, errors: undefined });
  });

  it('that does not fit its type is refused as bad input, not costed', async () => {
    const answer = await api.post(`query($f: Int = 100) { ${wholeCards('$f')} } ${FULL_CARD}`, { f: 'many' });
    expect({ status: answer.status, codes: codesOf(answer), statements: answer.statements }).toEqual({ status: 400, codes: ['BAD_USER_INPUT'], statements: 0 });
  });
});

describe('statistics', () => {
  const period = 'period: { from: "2025-01-01", to: "2026-12-31" }';
  /** Every list of Statistics: each is one GROUP BY statement. */
  const allLists = `registrations { kind applied } refusalReasons { reason count } deregistrationReasons { reason count }
    referrals { referred hired } activeMeasures { kind referred } relocation { families total }`;
  const aliased = (n: number) => Array.from({ length: n }, (_, i) => `s${i}: statistics(${period}, groupBy: [REGION, SEX]) { ${allLists} }`).join(' ');

  it(`run as many heavy statements as allowed (${DEFAULT_LIMITS.maxHeavyStatements}: every list twice)`, async () => {
    const answer = await api.post(`{ ${aliased(DEFAULT_LIMITS.maxHeavyStatements / 6)} }`);
    expect({ status: answer.status, errors: answer.body.errors }).toEqual({ status: 200, errors: undefined });
  });

  it('30 aliases of every list (180 GROUP BY statements) are refused with TOO_MANY_HEAVY_STATEMENTS before any SQL runs', async () => {
    const answer = await api.post(`{ ${aliased(30)} }`);
    expectRefused(answer, 'TOO_MANY_HEAVY_STATEMENTS');
    expect(answer.body.errors![0]!.message).toBe(`The query would run 180 heavy statements (statistics lists); at most ${DEFAULT_LIMITS.maxHeavyStatements} are allowed`);
  });

  it('one list more than allowed, behind fragments and a default, is refused', async () => {
    const query = `query($from: Date = "2025-01-01") { ${aliased(DEFAULT_LIMITS.maxHeavyStatements / 6)} ...More }
      fragment More on Query { more: statistics(period: { from: $from, to: "2026-12-31" }) { ...Lists } }
      fragment Lists on Statistics { referrals { referred } }`;
    expectRefused(await api.post(query), 'TOO_MANY_HEAVY_STATEMENTS');
  });
});

describe('the limit on heavy statements', () => {
  it('is set by QUERY_MAX_HEAVY_STATEMENTS (0 allows no statistics)', () => {
    expect(protectionFrom(readSettings({})).limits.maxHeavyStatements).toBe(12);
    expect(protectionFrom(readSettings({ QUERY_MAX_HEAVY_STATEMENTS: '0' })).limits.maxHeavyStatements).toBe(0);
    expect(() => protectionFrom(readSettings({ QUERY_MAX_HEAVY_STATEMENTS: 'many' }))).toThrow('QUERY_MAX_HEAVY_STATEMENTS must be an integer of at least 0, not "many"');
  });
});
