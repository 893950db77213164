import type { HiringActInput, ReferralInput, ReferralOutcomeInput, ReferralRefusalInput } from '../../generated/graphql.ts';
import type { Checks } from '../base/checks.ts';
import { allHandled } from '../base/inputs.ts';
import { Rejected, userError } from '../base/user-errors.ts';
import { listSection } from '../card/card-section.ts';
import { Referral } from './referral.entity.ts';
import { referralsPrinted } from './printed.ts';

// §14 — referrals to suitable work and how they ended: hired (the employer's order) or refused,
// by the employer or the applicant. The outcome types are shared with §16.3 and §17.

/** §14, §16.3, §17 — checks an employer's hiring act and gives it as stored. */
export function hiringActValue(checks: Checks, field: readonly string[], input: HiringActInput, referredOn: string) {
  const { orderDate, orderNumber, position, ...rest } = input;
  allHandled(rest);
  checks.text([...field, 'orderNumber'], orderNumber).text([...field, 'position'], position)
    .happened([...field, 'orderDate'], orderDate).order([...field, 'orderDate'], referredOn, orderDate, 'the referral');
  return { orderDate, orderNumber: orderNumber.trim(), position: position.trim() };
}

/** §14, §16.3 — checks a refusal to hire and gives it as stored. */
export function referralRefusalValue(checks: Checks, field: readonly string[], input: ReferralRefusalInput, referredOn: string) {
  const { refusedBy, refusedOn, reason, ...rest } = input;
  allHandled(rest);
  checks.text([...field, 'reason'], reason).happened([...field, 'refusedOn'], refusedOn)
    .order([...field, 'refusedOn'], referredOn, refusedOn, 'the referral');
  return { refusedBy, refusedOn, reason: reason.trim() };
}

/** §14, §16.3 — checks an outcome (exactly one of hiring or refusal) and gives the values it sets. */
export function outcomeValues(checks: Checks, field: readonly string[], input: ReferralOutcomeInput | null | undefined, referredOn: string) {
  if (!input) return { hiringAct: null, refusal: null };
  const { hiring, refusal, ...rest } = input;
  allHandled(rest);
  if (!hiring === !refusal) {
    checks.add([...field], 'INVALID_VALUE', 'an outcome is either hiring or refusal: give exactly one');
    return { hiringAct: null, refusal: null };
  }
  return {
    hiringAct: hiring ? hiringActValue(checks, [...field, 'hiring'], hiring, referredOn) : null,
    refusal: refusal ? referralRefusalValue(checks, [...field, 'refusal'], refusal, referredOn) : null,
  };
}

export const alreadyRecorded = () => new Rejected([userError(['id'], 'OUTCOME_ALREADY_RECORDED', 'the outcome is already recorded; correct the entry instead')]);

/**
 * Checks an outcome recorded for an entry that has none yet; gives the values it sets. `field` is
 * where the hiring act or the refusal sits in the mutation's input.
 */
export function recordedOutcome(
  checks: Checks, current: { hiringAct?: object | null; refusal?: object | null }, outcome: { hiring?: HiringActInput | null; refusal?: ReferralRefusalInput | null },
  referredOn: string, field: (which: 'hiring' | 'refusal') => string[] = () => ['input'],
) {
  if (current.hiringAct || current.refusal) throw alreadyRecorded();
  const values = {
    hiringAct: outcome.hiring ? hiringActValue(checks, field('hiring'), outcome.hiring, referredOn) : null,
    refusal: outcome.refusal ? referralRefusalValue(checks, field('refusal'), outcome.refusal, referredOn) : null,
  };
  checks.orReject();
  return values;
}

/** §14 — checks a referral and gives its row. */
export function referralRow(checks: Checks, input: ReferralInput, field: readonly string[] = ['input']) {
  const { employerName, position, referredOn, outcome, ...rest } = input;
  allHandled(rest);
  checks.text([...field, 'employerName'], employerName).text([...field, 'position'], position).happened([...field, 'referredOn'], referredOn);
  return { employerName: employerName.trim(), position: position.trim(), referredOn, ...outcomeValues(checks, [...field, 'outcome'], outcome, referredOn) };
}

/** §14 — referrals to suitable work, in chronological order. */
export const referrals = listSection({
  name: 'referral',
  printed: referralsPrinted,
  documentKey: 'referrals',
  entity: Referral,
  types: { Referral: () => true },
  order: [{ property: 'referredOn', cast: 'date' }, { property: 'id', cast: 'bigint' }],
  paged: true,
  receiving: true,
  imported: [{
    key: 'referrals', description: '§14 — referrals to suitable work, with their outcome.', input: 'ReferralInput',
    row: (checks, input: ReferralInput) => ({ row: referralRow(checks, input) }),
  }],
});
