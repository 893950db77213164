import type { HiringActInput, ReferralInput, ReferralRefusalInput } from '../../generated/graphql.ts';
import { changeCard, changeEntry, type ChangeDeps } from '../card/card-change.ts';
import { requireRegistration } from '../registration/eligibility.ts';
import { recordedOutcome, referralRow, referrals } from './section.ts';

/** §14 — issues a referral; its outcome comes later. */
export function createReferral(deps: ChangeDeps, cardId: string, version: number, input: ReferralInput) {
  return changeCard(deps, { cardId, version, action: 'referralCreate', argument: 'cardId' }, async (change) => {
    const checks = change.checks();
    const row = referralRow(checks, input);
    if (input.outcome) checks.add(['input', 'outcome'], 'INVALID_VALUE', 'a new referral has no outcome yet: record it with referralRecordHiring or referralRecordRefusal');
    checks.orReject();
    await requireRegistration(change, row, ['input', 'referredOn']);
    const referral = change.add(referrals, row);
    // Appendix 2: the person is told where they are referred.
    await change.notify('REFERRAL_ISSUED', { referredOn: row.referredOn, employerName: row.employerName, position: row.position });
    return referral;
  });
}

/** §14 — records the outcome of a referral that has none yet. */
export function recordReferralOutcome(deps: ChangeDeps, id: string, version: number, outcome: { hiring: HiringActInput } | { refusal: ReferralRefusalInput }) {
  const action = 'hiring' in outcome ? 'referralRecordHiring' : 'referralRecordRefusal';
  return changeEntry(deps, { section: referrals, entryId: id, version, action }, async (change, referral) => {
    const values = recordedOutcome(change.checks(), referral, outcome, referral.referredOn);
    change.update(referrals, referral, (r) => change.em.assign(r, values as never));
    return referral;
  });
}

/** §14 — corrects a referral, outcome included. */
export function correctReferral(deps: ChangeDeps, id: string, version: number, input: ReferralInput) {
  return changeEntry(deps, { section: referrals, entryId: id, version, action: 'referralCorrect' }, async (change, referral) => {
    const checks = change.checks();
    const row = referralRow(checks, input);
    checks.orReject();
    await requireRegistration(change, row, ['input', 'referredOn']);
    change.update(referrals, referral, (r) => change.em.assign(r, row as never));
    return referral;
  });
}
