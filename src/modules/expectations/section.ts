import type { ExpectationsInput, ExpectedWageInput } from '../../generated/graphql.ts';
import type { Checks } from '../base/checks.ts';
import { allHandled, placeValue, text } from '../base/inputs.ts';
import { compareMoney, normalizeMoney } from '../base/money.ts';
import { cardPart, partValue } from '../card/card-section.ts';
import { expectationsPrinted } from './printed.ts';

// §19 — what the unemployed person expects, on the card row.

const money = (value: string | null | undefined) => (value == null ? null : normalizeMoney(value));

function wageValue(checks: Checks, field: readonly string[], input: ExpectedWageInput) {
  const { desired, sufficientToStart, minimum, ...rest } = input;
  allHandled(rest);
  checks.money([...field, 'desired'], desired).money([...field, 'sufficientToStart'], sufficientToStart).money([...field, 'minimum'], minimum);
  if (money(desired) && money(minimum) && compareMoney(money(minimum)!, money(desired)!) > 0) {
    checks.add([...field, 'minimum'], 'WAGE_ORDER', `the minimum wage (${minimum}) is above the desired one (${desired})`);
  }
  return { desired: money(desired), sufficientToStart: money(sufficientToStart), minimum: money(minimum) };
}

/** §19 — checks the expectations and gives them as stored. */
export function expectationsValue(checks: Checks, input: ExpectationsInput, field: readonly string[] = ['input']) {
  const { wage, workplace, preferredPosition, lessSuitablePosition, searchTime, searchMonths, ...rest } = input;
  allHandled(rest);
  const value = {
    wage: wageValue(checks, [...field, 'wage'], wage),
    workplace: workplace ? placeValue(checks, [...field, 'workplace'], workplace) : null,
    preferredPosition: text(preferredPosition),
    lessSuitablePosition: text(lessSuitablePosition),
    searchTime: searchTime ?? null,
    searchMonths: searchMonths ?? null,
  };
  checks.text([...field, 'preferredPosition'], preferredPosition, false).text([...field, 'lessSuitablePosition'], lessSuitablePosition, false);
  return value;
}

/** §19 — the unemployed person's expectations. */
export const expectations = cardPart({
  name: 'expectations',
  printed: expectationsPrinted,
  type: 'Expectations',
  snapshot: (card) => partValue(card.expectations),
  restore: (value) => ({ expectations: value }),
  imported: {
    key: 'expectations', input: 'ExpectationsInput',
    values: (checks, input: ExpectationsInput) => ({ expectations: expectationsValue(checks, input, []) }),
  },
});
