import type { VerificationReason, VerificationStatus, VerifiedPart } from '../../generated/graphql.ts';
import type { IdentityVerification } from '../person/person.entity.ts';

// Rule 2 — the parts of the card the registry's answer checks, in the order of the form. §1, §5
// and §6 are taken from one answer together, so they share the identity's outcome; §7 is compared
// and has its own.

/** The outcome of the last check of one part. */
export interface PartVerification {
  part: VerifiedPart;
  section: string;
  status: VerificationStatus;
  reasonCode: VerificationReason | null;
  reason: string | null;
}

type Stored = Pick<IdentityVerification, 'status' | 'reasonCode' | 'reason' | 'addressStatus' | 'addressReasonCode' | 'addressReason'>;

const IDENTITY_PARTS: readonly [VerifiedPart, string][] = [['FULL_NAME', '1'], ['CITIZENSHIP', '5'], ['NATIONALITY', '6']];

/** Each part's outcome, as the card's verification columns hold them. */
export function partsOf(verification: Stored): PartVerification[] {
  const identity = { status: verification.status, reasonCode: verification.reasonCode ?? null, reason: verification.reason ?? null };
  return [
    ...IDENTITY_PARTS.map(([part, section]) => ({ part, section, ...identity })),
    {
      part: 'ADDRESS', section: '7', status: verification.addressStatus,
      reasonCode: verification.addressReasonCode ?? null, reason: verification.addressReason ?? null,
    },
  ];
}

/** What the history records of a check's outcome: the status and reason of the identity and of each part (not the times). */
export function outcomeOf(verification: Stored) {
  return {
    status: verification.status,
    reasonCode: verification.reasonCode ?? null,
    reason: verification.reason ?? null,
    parts: partsOf(verification).map(({ part, status, reasonCode, reason }) => ({ part, status, reasonCode, reason })),
  };
}
