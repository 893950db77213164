import type { ConsentScope } from '../../generated/graphql.ts';
import { Rejected, userError } from '../base/user-errors.ts';
import { changeCard, type ChangeDeps } from '../card/card-change.ts';

// Law No. 94-V on personal data — the job seeker's consent to the processing of personal data. The card holds the last
// one recorded; each earlier one, and each withdrawal, stays in the history (part `consent`).

/** Records a consent given; it replaces the one before. */
export function recordConsent(deps: ChangeDeps, cardId: string, version: number, data: { givenOn: string; scope: ConsentScope[] }) {
  return changeCard(deps, { cardId, version, action: 'cardRecordConsent' }, async (change) => {
    const checks = change.checks().happened(['input', 'givenOn'], data.givenOn);
    if (!data.scope.length) checks.add(['input', 'scope'], 'REQUIRED', 'a consent covers at least one scope');
    checks.orReject();
    const scope = [...new Set(data.scope)];
    change.updateCard('consent', (card) => change.em.assign(card, { consent: { givenOn: data.givenOn, scope, withdrawnOn: null } } as never));
  });
}

/** Records that the consent was withdrawn. */
export function withdrawConsent(deps: ChangeDeps, cardId: string, version: number, withdrawnOn: string) {
  return changeCard(deps, { cardId, version, action: 'cardWithdrawConsent' }, async (change) => {
    const consent = change.card.consent;
    if (!consent || consent.withdrawnOn) throw new Rejected([userError(['id'], 'INVALID_TRANSITION', 'no consent stands to be withdrawn')]);
    change.checks().happened(['withdrawnOn'], withdrawnOn).order(['withdrawnOn'], consent.givenOn, withdrawnOn, 'the consent').orReject();
    change.updateCard('consent', (card) => change.em.assign(card, { consent: { ...consent, withdrawnOn } } as never));
  });
}
