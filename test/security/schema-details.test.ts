import { beforeAll, describe, expect, it } from '@jest/globals';
import { codesOf, servedApi } from '../support/served-api.ts';
import { readSettings, settings, useSettings, type Settings } from '../../src/runtime/settings.ts';

// With introspection off, error messages give no part of the schema away: graphql-js's
// "Did you mean …?" would otherwise name fields, arguments, enum values, input fields, types,
// mutations and union members close to any guess, one request at a time.

/**
 * The API, started with GRAPHQL_INTROSPECTION set to `value` (it reads the setting as it starts);
 * the settings are as they were once it runs.
 */
function apiWithIntrospection(value: 'true' | 'false') {
  let before: Settings;
  beforeAll(() => {
    before = settings();
    useSettings(readSettings({ ...process.env, GRAPHQL_INTROSPECTION: value }));
  });
  const served = servedApi();
  beforeAll(() => useSettings(before));
  return served;
}

const api = apiWithIntrospection('false');

const period = 'period: { from: "2026-01-01", to: "2026-06-30" }';

/** A guess close to the schema: refused with `code`, and no message names `hidden` or suggests anything. */
async function givesNothingAway(query: string, variables: Record<string, unknown> | undefined, code: string, hidden: string[]) {
  const answer = await api.post(query, variables);
  expect(codesOf(answer)).toEqual([code]);
  const messages = answer.body.errors!.map((error) => error.message).join('\n');
  expect(messages).not.toMatch(/did you mean/i);
  for (const name of hidden) expect(messages).not.toContain(name);
}

describe('with introspection off, a near miss is refused without suggestions', () => {
  it('of the API is off', async () => {
    const answer = await api.post('{ __schema { queryType { name } } }');
    expect(codesOf(answer)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  it('for a field', async () => {
    await givesNothingAway('{ cardz(first: 1) { totalCount } }', undefined, 'GRAPHQL_VALIDATION_FAILED', ['"cards"', 'card"', 'cardByIin']);
  });

  it('for an argument', async () => {
    await givesNothingAway('{ cards(firts: 1) { totalCount } }', undefined, 'GRAPHQL_VALIDATION_FAILED', ['"first"', '"filter"']);
  });

  it('for an enum value, written in the query or sent in a variable', async () => {
    await givesNothingAway(`{ statistics(${period}, groupBy: [REGOIN]) { referrals { referred } } }`, undefined, 'BAD_USER_INPUT', ['"REGION"']);
    await givesNothingAway(`query($by: [StatisticsDimension!]) { statistics(${period}, groupBy: $by) { referrals { referred } } }`,
      { by: ['REGOIN'] }, 'BAD_USER_INPUT', ['"REGION"']);
  });

  it('for an input field, written in the query or sent in a variable', async () => {
    await givesNothingAway(`{ statistics(${period}, filter: { sexx: MALE }) { referrals { referred } } }`, undefined, 'GRAPHQL_VALIDATION_FAILED', ['"sex"']);
    await givesNothingAway(`query($filter: StatisticsFilter) { statistics(${period}, filter: $filter) { referrals { referred } } }`,
      { filter: { regoin: '75' } }, 'BAD_USER_INPUT', ['"region"']);
  });

  it('for a type, of a variable or of a fragment', async () => {
    await givesNothingAway(`query($filter: StatisticsFiltre) { statistics(${period}, filter: $filter) { referrals { referred } } }`,
      undefined, 'GRAPHQL_VALIDATION_FAILED', ['"StatisticsFilter"']);
    await givesNothingAway('{ cards(first: 1) { edges { node { ...C } } } } fragment C on Cart { id }', undefined, 'GRAPHQL_VALIDATION_FAILED', ['"Card"']);
  });

  it('for a mutation', async () => {
    await givesNothingAway('mutation { cardOpn { card { id } } }', undefined, 'GRAPHQL_VALIDATION_FAILED', ['"cardOpen"']);
  });

  it('for the members of a union', async () => {
    await givesNothingAway('{ cards(first: 1) { edges { node { activeMeasures(first: 1) { edges { node { referredOn } } } } } } }',
      undefined, 'GRAPHQL_VALIDATION_FAILED', ['Relocation', 'SubsidizedJob', 'ProfessionalTraining']);
  });
});

describe('with introspection on (development, GraphiQL)', () => {
  const open = apiWithIntrospection('true');

  it('a near miss still gets its suggestion', async () => {
    const answer = await open.post('{ cardz(first: 1) { totalCount } }');
    expect(answer.body.errors!.map((error) => error.message)).toEqual(['Cannot query field "cardz" on type "Query". Did you mean "card" or "cards"?']);
  });
});
