import type { ConsentInput } from '../../generated/graphql.ts';
import { allHandled } from '../base/inputs.ts';
import { Rejected, userError } from '../base/user-errors.ts';
import { changeCard, type ChangeDeps } from '../card/card-change.ts';
import { consent } from './section.ts';

// Law No. 94-V on personal data — the job seeker's consent to the processing of personal data. The
// card holds the last one recorded; each earlier one, and each withdrawal, stays in the history.

/** Records a consent given; it replaces the one before. */
export function recordConsent(deps: ChangeDeps, cardId: string, version: number, input: ConsentInput) {
  const { givenOn, scope, ...rest } = input;
  allHandled(rest);
  return changeCard(deps, { cardId, version, action: 'cardRecordConsent' }, async (change) => {
    const checks = change.checks().happened(['input', 'givenOn'], givenOn);
    if (!scope.length) checks.add(['input', 'scope'], 'REQUIRED', 'a consent covers at least one scope');
    checks.orReject();
    change.updateCard(consent, (card) => change.em.assign(card, { consent: { givenOn, scope: [...new Set(scope)], withdrawnOn: null } } as never));
  });
}

/** Records that the consent was withdrawn. */
export function withdrawConsent(deps: ChangeDeps, cardId: string, version: number, withdrawnOn: string) {
  return changeCard(deps, { cardId, version, action: 'cardWithdrawConsent' }, async (change) => {
    const given = change.card.consent;
    if (!given || given.withdrawnOn) throw new Rejected([userError(['id'], 'INVALID_TRANSITION', 'no consent stands to be withdrawn')]);
    change.checks().happened(['withdrawnOn'], withdrawnOn).order(['withdrawnOn'], given.givenOn, withdrawnOn, 'the consent').orReject();
    change.updateCard(consent, (card) => change.em.assign(card, { consent: { ...given, withdrawnOn } } as never));
  });
}
