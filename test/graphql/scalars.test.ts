import { beforeAll, describe, expect, it } from '@jest/globals';
import { dataOf, type GraphQLResult } from '../support/api.ts';
import { aCard } from '../support/builders.ts';
import { apiFixture } from '../support/fixture.ts';

let iin: string;

const fixture = apiFixture();
beforeAll(async () => {
  const card = await aCard({ birthDate: '2000-02-29', sex: 'FEMALE', openedOn: '2000-01-01' })
    .withLastJob({ hiredOn: '1999-12-31', dismissedOn: '2025-12-31' })
    .withExpectations({ wage: { desired: '1500.5', sufficientToStart: '1500', minimum: '0.5' } })
    .withRelocation({ assistance: { relocationExpenses: '0.1', rentReimbursement: '0.2', economicMobilityCertificate: null } }, [])
    .withEntrepreneurshipSupport({
      microcredit: { receivedOn: '2026-03-15', amount: '999999999999.9', gracePeriodMonths: 6, repaymentTermMonths: 60, activityType: 'мини-пекарня' },
    })
    .save(fixture.db.orm.em.fork());
  iin = card.iin;
});

// Valid IINs (control digits worked out by hand, see test/person/iin.test.ts) that no card in this
// suite has: the only card is born 2000-02-29.
const UNKNOWN_IINS = ['641203304567', '010101600018'];

const MALFORMED_IINS = [
  '123', // too short
  '90051730001A', // not digits
  '900517300010', // wrong control digit (it is 9)
  '900517302604', // control value 10 on both passes: never issued
  '900517000011', // century digit 0
  '310231300010', // 31 February
  '000229300015', // 29 February 1900
];

/** The result is one BAD_USER_INPUT error naming `argument`, with no data and nothing internal leaked. */
function expectBadArgument(result: GraphQLResult, argument: string): void {
  expect(result.errors).toHaveLength(1);
  const [error] = result.errors!;
  expect(error!.extensions?.code).toBe('BAD_USER_INPUT');
  expect(error!.extensions?.argument).toBe(argument);
  expect(error!.message).toContain(`"${argument}"`);
  expect(result.data ?? null).toBeNull();
  // Rejected before any resolver ran: the database was never asked.
  expect(result.statements).toEqual([]);
  expectNothingInternal(result);
}

function expectNothingInternal(result: GraphQLResult): void {
  for (const error of result.errors ?? []) {
    // Only the code and the argument a client can act on; nothing else of the server's error.
    for (const key of Object.keys(error.extensions ?? {})) expect(['code', 'argument']).toContain(key);
    expect(error.extensions).not.toHaveProperty('stacktrace');
    expect(error.extensions).not.toHaveProperty('exception');
  }
  const text = JSON.stringify({ data: result.data, errors: result.errors });
  expect(text).not.toMatch(/(^|\\n)\s*at\s/); // a stack frame line
  expect(text).not.toMatch(/\.(ts|js|mjs|cjs):\d+/); // a source location
  expect(text).not.toMatch(/\b(select|insert|update|delete|where)\b/i); // SQL
  expect(text).not.toMatch(/\b(GraphQLError|TypeError|RangeError)\b/);
}

describe('IIN arguments', () => {
  it.each(MALFORMED_IINS)('rejects malformed %j written into the query as BAD_USER_INPUT naming "iin"', async (value) => {
    const result = await fixture.api.execute(`{ cardByIin(iin: "${value}") { id iin } }`);
    expectBadArgument(result, 'iin');
    expect(result.errors![0]!.message).toContain(value);
  });

  it.each(MALFORMED_IINS)('rejects malformed %j passed as a variable as BAD_USER_INPUT naming "iin"', async (value) => {
    const result = await fixture.api.execute('query($iin: IIN!) { cardByIin(iin: $iin) { id iin } }', { iin: value });
    expectBadArgument(result, 'iin');
    expect(result.errors![0]!.message).toContain(value);
  });

  it('rejects an IIN given as a number, inline or as a variable', async () => {
    expectBadArgument(await fixture.api.execute('{ cardByIin(iin: 900517300019) { id } }'), 'iin');
    expectBadArgument(await fixture.api.execute('query($iin: IIN!) { cardByIin(iin: $iin) { id } }', { iin: 900517300019 }), 'iin');
  });

  it.each([['null', { iin: null }], ['missing', {}]])('rejects a %s required IIN variable, naming "iin"', async (_, variables) => {
    expectBadArgument(await fixture.api.execute('query($iin: IIN!) { cardByIin(iin: $iin) { id } }', variables), 'iin');
  });

  it.each(UNKNOWN_IINS)('returns null without errors for valid but unknown %s', async (value) => {
    const inline = await fixture.api.execute(`{ cardByIin(iin: "${value}") { id } }`);
    expect(inline.errors).toBeUndefined();
    expect(inline.data).toEqual({ cardByIin: null });
    const variable = await fixture.api.execute('query($iin: IIN!) { cardByIin(iin: $iin) { id } }', { iin: value });
    expect(variable.errors).toBeUndefined();
    expect(variable.data).toEqual({ cardByIin: null });
  });

  it('finds the card by a valid IIN and returns the IIN unchanged', async () => {
    expect(iin).toBe('000229600014'); // 2000-02-29 female, serial 0001: 125 mod 11 = 4
    const { cardByIin } = dataOf(await fixture.api.execute(`{ cardByIin(iin: "${iin}") { iin sex birthDate } }`));
    expect(cardByIin).toEqual({ iin: '000229600014', sex: 'FEMALE', birthDate: '2000-02-29' });
  });
});

describe('Money and Date output', () => {
  const CARD = `query($iin: IIN!) {
    cardByIin(iin: $iin) {
      openedOn birthDate
      lastJob { hiredOn dismissedOn }
      expectations { wage { desired sufficientToStart minimum } }
      activeMeasures {
        edges { node {
          __typename
          ... on Relocation { referredOn materialAssistance { relocationExpenses rentReimbursement economicMobilityCertificate total } }
          ... on EntrepreneurshipSupport { microcredit { amount receivedOn } }
        } }
      }
    }
  }`;

  it('returns stored amounts as exact strings with two fraction digits', async () => {
    const { cardByIin: card } = dataOf(await fixture.api.execute(CARD, { iin }));
    expect(card.expectations.wage).toEqual({ desired: '1500.50', sufficientToStart: '1500.00', minimum: '0.50' });
    const nodes = card.activeMeasures.edges.map((edge: any) => edge.node);
    const relocation = nodes.find((node: any) => node.__typename === 'Relocation');
    expect(relocation.materialAssistance).toEqual({
      relocationExpenses: '0.10', rentReimbursement: '0.20', economicMobilityCertificate: null, total: '0.30',
    });
    const support = nodes.find((node: any) => node.__typename === 'EntrepreneurshipSupport');
    expect(support.microcredit.amount).toBe('999999999999.90');
  });

  it('returns dates as YYYY-MM-DD, unshifted by any time zone', async () => {
    const { cardByIin: card } = dataOf(await fixture.api.execute(CARD, { iin }));
    expect(card.openedOn).toBe('2000-01-01');
    expect(card.birthDate).toBe('2000-02-29');
    expect(card.lastJob).toEqual({ hiredOn: '1999-12-31', dismissedOn: '2025-12-31' });
    const relocation = card.activeMeasures.edges.map((edge: any) => edge.node).find((node: any) => node.__typename === 'Relocation');
    expect(relocation.referredOn).toBe('2026-02-04');
  });
});

describe('other invalid argument values', () => {
  it.each([
    ['{ cards(filter: { registeredBetween: { from: "2026-13-45" } }) { totalCount } }', 'filter.registeredBetween.from'],
    ['{ cards(filter: { registeredBetween: { to: "2026-02-30" } }) { totalCount } }', 'filter.registeredBetween.to'],
    ['{ cards(filter: { registeredBetween: { from: 20260101 } }) { totalCount } }', 'filter.registeredBetween.from'],
    ['{ cards(filter: { registrationStatus: NOT_A_STATUS }) { totalCount } }', 'filter.registrationStatus'],
    ['{ cards(filter: { registrationStatus: "UNEMPLOYED" }) { totalCount } }', 'filter.registrationStatus'],
  ])('rejects the literal in %s as BAD_USER_INPUT naming %s', async (query, argument) => {
    expectBadArgument(await fixture.api.execute(query), argument);
  });

  it('rejects an invalid date inside a CardFilter variable, naming the filter argument and the path', async () => {
    const result = await fixture.api.execute('query($filter: CardFilter) { cards(filter: $filter) { totalCount } }', {
      filter: { registeredBetween: { from: 'yesterday' } },
    });
    expectBadArgument(result, 'filter');
    expect(result.errors![0]!.message).toContain('filter.registeredBetween.from');
    expect(result.errors![0]!.message).toContain('yesterday');
  });

  it('rejects an unknown enum value inside a CardFilter variable, naming the filter argument', async () => {
    const result = await fixture.api.execute('query($filter: CardFilter) { cards(filter: $filter) { totalCount } }', {
      filter: { registrationStatus: 'NOT_A_STATUS' },
    });
    expectBadArgument(result, 'filter');
    expect(result.errors![0]!.message).toContain('NOT_A_STATUS');
  });

  it('rejects a variable used deep inside an argument, naming the full argument path', async () => {
    const result = await fixture.api.execute(
      'query($from: Date) { cards(filter: { registeredBetween: { from: $from } }) { totalCount } }', { from: 'yesterday' },
    );
    expectBadArgument(result, 'filter.registeredBetween.from');
  });

  it('accepts a valid date range, including 29 February of a leap year', async () => {
    const result = await fixture.api.execute('{ cards(filter: { registeredBetween: { from: "2024-02-29", to: "2026-12-31" } }) { totalCount } }');
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ cards: { totalCount: 0 } });
  });
});
