import type { SearchTimeScale } from '../../generated/graphql.ts';
import type { Checks } from '../base/checks.ts';
import { compareMoney, normalizeMoney } from '../base/money.ts';
import { changeCard, type ChangeDeps } from '../card/card-change.ts';

// §19 — what the unemployed person expects.

export interface ExpectationsData {
  wage: { desired?: string | null; sufficientToStart?: string | null; minimum?: string | null };
  workplace?: { region?: string | null; district?: string | null; settlement?: string | null } | null;
  preferredPosition?: string | null;
  lessSuitablePosition?: string | null;
  searchTime?: SearchTimeScale | null;
}

const money = (value: string | null | undefined) => (value == null ? null : normalizeMoney(value));

export function checkExpectations(checks: Checks, data: ExpectationsData): void {
  const { desired, sufficientToStart, minimum } = data.wage;
  checks.money(['input', 'wage', 'desired'], desired).money(['input', 'wage', 'sufficientToStart'], sufficientToStart)
    .money(['input', 'wage', 'minimum'], minimum);
  if (money(desired) && money(minimum) && compareMoney(money(minimum)!, money(desired)!) > 0) {
    checks.add(['input', 'wage', 'minimum'], 'WAGE_ORDER', `the minimum wage (${minimum}) is above the desired one (${desired})`);
  }
  if (data.workplace) checks.place(['input', 'workplace'], data.workplace.region, data.workplace.district);
  checks.text(['input', 'preferredPosition'], data.preferredPosition, false).text(['input', 'lessSuitablePosition'], data.lessSuitablePosition, false);
}

/** The §19 embeddable, tidied. */
export function expectationsColumns(data: ExpectationsData) {
  return {
    wage: { desired: money(data.wage.desired), sufficientToStart: money(data.wage.sufficientToStart), minimum: money(data.wage.minimum) },
    workplace: data.workplace
      ? { region: data.workplace.region ?? null, district: data.workplace.district ?? null, settlement: data.workplace.settlement?.trim() || null }
      : null,
    preferredPosition: data.preferredPosition?.trim() || null,
    lessSuitablePosition: data.lessSuitablePosition?.trim() || null,
    searchTime: data.searchTime ?? null,
  };
}

/** §19 — records, corrects or clears the expectations. */
export function setExpectations(deps: ChangeDeps, cardId: string, version: number, data: ExpectationsData | null) {
  return changeCard(deps, { cardId, version, action: 'cardSetExpectations' }, async (change) => {
    const checks = change.checks();
    if (data) checkExpectations(checks, data);
    checks.orReject();
    change.updateCard('expectations', (card) => change.em.assign(card, { expectations: data && expectationsColumns(data) } as never));
  });
}
