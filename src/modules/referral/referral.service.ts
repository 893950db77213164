import type { RefusingParty } from '../../generated/graphql.ts';
import type { Checks } from '../base/checks.ts';
import { Rejected, userError } from '../base/user-errors.ts';
import { changeCard, changeEntry, type ChangeDeps } from '../card/card-change.ts';
import { Referral } from './referral.entity.ts';

// §14 — referrals to suitable work and how they ended: hired (the employer's order) or refused,
// by the employer or the applicant. The outcome types are shared with §16.3 and §17.

export interface HiringActData {
  orderDate: string;
  orderNumber: string;
  position: string;
}

export interface RefusalData {
  refusedBy: RefusingParty;
  refusedOn: string;
  reason: string;
}

export interface OutcomeData {
  hiring?: HiringActData | null;
  refusal?: RefusalData | null;
}

export interface ReferralData {
  employerName: string;
  position: string;
  referredOn: string;
  outcome?: OutcomeData | null;
}

export function checkHiringAct(checks: Checks, field: readonly string[], hiring: HiringActData, referredOn: string): void {
  checks.text([...field, 'orderNumber'], hiring.orderNumber).text([...field, 'position'], hiring.position)
    .happened([...field, 'orderDate'], hiring.orderDate).order([...field, 'orderDate'], referredOn, hiring.orderDate, 'the referral');
}

export function checkRefusal(checks: Checks, field: readonly string[], refusal: RefusalData, referredOn: string): void {
  checks.text([...field, 'reason'], refusal.reason).happened([...field, 'refusedOn'], refusal.refusedOn)
    .order([...field, 'refusedOn'], referredOn, refusal.refusedOn, 'the referral');
}

/** An outcome is exactly one of hiring or refusal; returns the columns it sets. */
export function outcomeColumns(checks: Checks, field: readonly string[], outcome: OutcomeData | null | undefined, referredOn: string) {
  if (!outcome) return { hiringAct: null, refusal: null };
  if (!outcome.hiring === !outcome.refusal) {
    checks.add([...field], 'INVALID_VALUE', 'an outcome is either hiring or refusal: give exactly one');
    return { hiringAct: null, refusal: null };
  }
  if (outcome.hiring) checkHiringAct(checks, [...field, 'hiring'], outcome.hiring, referredOn);
  if (outcome.refusal) checkRefusal(checks, [...field, 'refusal'], outcome.refusal, referredOn);
  return outcomeRow(outcome);
}

const outcomeRow = (outcome: OutcomeData) => ({
  hiringAct: outcome.hiring ? { ...outcome.hiring, orderNumber: outcome.hiring.orderNumber.trim(), position: outcome.hiring.position.trim() } : null,
  refusal: outcome.refusal ? { ...outcome.refusal, reason: outcome.refusal.reason.trim() } : null,
});

/**
 * Checks an outcome recorded for an entry that has none yet; returns the columns it sets. `field`
 * is where the hiring act or the refusal sits in the mutation's input.
 */
export function recordedOutcome(
  checks: Checks, current: { hiringAct?: object | null; refusal?: object | null }, outcome: OutcomeData, referredOn: string,
  field: (which: 'hiring' | 'refusal') => string[] = () => ['input'],
) {
  if (current.hiringAct || current.refusal) throw alreadyRecorded();
  if (outcome.hiring) checkHiringAct(checks, field('hiring'), outcome.hiring, referredOn);
  if (outcome.refusal) checkRefusal(checks, field('refusal'), outcome.refusal, referredOn);
  checks.orReject();
  return outcomeRow(outcome);
}

export function referralColumns(checks: Checks, data: ReferralData) {
  checks.text(['input', 'employerName'], data.employerName).text(['input', 'position'], data.position).happened(['input', 'referredOn'], data.referredOn);
  return {
    employerName: data.employerName.trim(), position: data.position.trim(), referredOn: data.referredOn,
    ...outcomeColumns(checks, ['input', 'outcome'], data.outcome, data.referredOn),
  };
}

export const alreadyRecorded = () => new Rejected([userError(['id'], 'OUTCOME_ALREADY_RECORDED', 'the outcome is already recorded; correct the entry instead')]);

/** §14 — issues a referral; its outcome comes later. */
export function createReferral(deps: ChangeDeps, cardId: string, version: number, data: ReferralData) {
  return changeCard(deps, { cardId, version, action: 'referralCreate', argument: 'cardId' }, async (change) => {
    const checks = change.checks();
    const row = referralColumns(checks, data);
    if (data.outcome) checks.add(['input', 'outcome'], 'INVALID_VALUE', 'a new referral has no outcome yet: record it with referralRecordHiring or referralRecordRefusal');
    checks.orReject();
    return change.add('referral', Referral, row);
  });
}

/** §14 — records the outcome of a referral that has none yet. */
export function recordReferralOutcome(deps: ChangeDeps, id: string, version: number, outcome: OutcomeData) {
  const action = outcome.hiring ? 'referralRecordHiring' : 'referralRecordRefusal';
  return changeEntry(deps, { entity: Referral, entryId: id, version, action }, async (change, referral) => {
    const row = recordedOutcome(change.checks(), referral, outcome, referral.referredOn);
    change.update('referral', referral, (r) => change.em.assign(r, row as never));
    return referral;
  });
}

/** §14 — corrects a referral, outcome included. */
export function correctReferral(deps: ChangeDeps, id: string, version: number, data: ReferralData) {
  return changeEntry(deps, { entity: Referral, entryId: id, version, action: 'referralCorrect' }, async (change, referral) => {
    const checks = change.checks();
    const row = referralColumns(checks, data);
    checks.orReject();
    change.update('referral', referral, (r) => change.em.assign(r, row as never));
    return referral;
  });
}
