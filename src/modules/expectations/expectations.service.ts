import type { ExpectationsInput } from '../../generated/graphql.ts';
import { changeCard, type ChangeDeps } from '../card/card-change.ts';
import { expectations, expectationsValue } from './section.ts';

/** §19 — records, corrects or clears the expectations. */
export function setExpectations(deps: ChangeDeps, cardId: string, version: number, input: ExpectationsInput | null) {
  return changeCard(deps, { cardId, version, action: 'cardSetExpectations' }, async (change) => {
    const checks = change.checks();
    const value = input && expectationsValue(checks, input);
    checks.orReject();
    change.updateCard(expectations, (card) => change.em.assign(card, { expectations: value } as never));
  });
}
