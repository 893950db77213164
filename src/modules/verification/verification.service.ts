import type { SqlEntityManager } from '@mikro-orm/sql';
import type { VerificationReason, VerificationStatus } from '../../generated/graphql.ts';
import { userError, type Outcome } from '../base/user-errors.ts';
import { Card } from '../card/card.entity.ts';
import { CardChange, changeCard, commitChange, type Actor, type ChangeDeps } from '../card/card-change.ts';
import type { Territories } from '../dictionary/territories.ts';
import { VERIFICATION_PART } from '../history/history.entity.ts';
import type { IdentityVerification } from '../person/person.entity.ts';
import { identity } from '../person/section.ts';
import { log } from '../../runtime/log.ts';
import { compareAddress } from './address-match.ts';
import { outcomeOf } from './parts.ts';
import type { PersonRegistry, RegistryAnswer, RegistryPerson } from './person-registry.ts';

// Rule 2 — the identity on a card is the registry's: §1 full name, §5 citizenship and §6
// nationality take its values. The registry is asked before a card is locked (no network call
// while a transaction holds the card), and its answer is applied as a change of its own, so the
// history shows the values the caseworker typed and then the registry's.
//
// §7 (the address) is compared, never taken: a difference is flagged on its own part.
//
// Only a change of the identity bumps the card version. The outcome of a check alone (status,
// times, reason) is written without it, so a check never makes a caseworker's version stale; a
// changed outcome (a part's status or reason) is recorded in the history all the same.

/** The action the history records for a change the registry's answer made. */
export const VERIFY_ACTION = 'registryVerification';

export const NO_REGISTRY_REASON =
  'no person registry is configured (PERSON_REGISTRY_URL or PERSON_REGISTRY_FILE), so the identity was not checked';

/** Who acts when the registry's answer is applied by the sync rather than on a user's request. */
export const registryActor = (registry: PersonRegistry): Actor => ({ id: 'system:person-registry', name: registry.name });

/** What a registry said about an IIN, and which registry said it (null: none is configured). */
export interface RegistryReply {
  source: string | null;
  answer: RegistryAnswer;
}

export interface Verified {
  status: VerificationStatus;
  /** Whether §1, §5 or §6 took the registry's values (a new card version). */
  identityChanged: boolean;
}

/** Asks the registry about an IIN. Never throws: a card is kept whatever the registry does. */
export async function askRegistry(registry: PersonRegistry | null | undefined, iin: string): Promise<RegistryReply> {
  if (!registry) return { source: null, answer: { kind: 'unavailable', reason: NO_REGISTRY_REASON } };
  try {
    return { source: registry.name, answer: await registry.lookup(iin) };
  } catch (error) {
    // The port promises not to throw; a defect behind it must still not cost anyone the card.
    log.warn({ err: error, registry: registry.name }, 'the person registry failed');
    return { source: registry.name, answer: { kind: 'unavailable', reason: 'the person registry failed unexpectedly' } };
  }
}

/** Why a check did not confirm the identity: its code, and the English words with the registry's detail. */
function reasonOf(reply: RegistryReply & { answer: Exclude<RegistryAnswer, { kind: 'found' }> }): { reasonCode: VerificationReason; reason: string } {
  const { answer } = reply;
  switch (answer.kind) {
    case 'notFound': return { reasonCode: 'NOT_IN_REGISTRY', reason: 'the person registry has no person with this IIN' };
    case 'invalid': return { reasonCode: 'UNUSABLE_ANSWER', reason: `the person registry's answer is unusable: ${answer.reason}` };
    case 'unavailable': return { reasonCode: reply.source === null ? 'NO_REGISTRY' : 'REGISTRY_UNAVAILABLE', reason: answer.reason };
  }
}

/** §7's outcome: its own columns, since a differing address is flagged rather than taken. */
type AddressOutcome = Pick<IdentityVerification, 'addressStatus' | 'addressReasonCode' | 'addressReason'>;

/** §7 against the registry's address (the rule is in address-match.ts). */
function addressOutcome(card: Card, person: RegistryPerson, territories: Territories): AddressOutcome {
  const outcome = (addressStatus: VerificationStatus, addressReasonCode: VerificationReason | null, addressReason: string | null) =>
    ({ addressStatus, addressReasonCode, addressReason });
  const unusable = (problem: string) => outcome('FAILED', 'ADDRESS_UNUSABLE', `the person registry's address is unusable: ${problem}`);
  if (person.addressProblem) return unusable(person.addressProblem);
  if (!person.address) return outcome('PENDING', 'ADDRESS_NOT_IN_REGISTRY', 'the person registry gives no address for this person');
  const compared = compareAddress(card.address, person.address, territories);
  if (!compared.ok) return unusable(compared.problem);
  if (!compared.differs.length) return outcome('VERIFIED', null, null);
  // Which fields differ, not their values: the reason is shown to whoever reads the card.
  return outcome('FAILED', 'ADDRESS_MISMATCH', card.address
    ? `the address differs from the one the person registry records in: ${compared.differs.join(', ')}`
    : 'the card has no address; the person registry records one');
}

/** Applies the reply to the card `change` holds locked; the caller commits the change. */
async function applyReply(change: CardChange, reply: RegistryReply): Promise<Verified> {
  const { card, now, em } = change;
  const { answer } = reply;
  const before = outcomeOf(card.verification);
  // Only what the registry said is history: with none configured nothing was asked.
  const record = () => {
    const after = outcomeOf(card.verification);
    if (reply.source !== null && JSON.stringify(after) !== JSON.stringify(before)) change.note(VERIFICATION_PART, before, after);
  };
  if (answer.kind !== 'found') {
    const status = answer.kind === 'unavailable' ? 'PENDING' : 'FAILED';
    const reason = reasonOf({ ...reply, answer });
    // The last confirmation (its source and time) stands; only the outcome of this check is new.
    // With no registry configured nothing was asked, so the time of the last check stays too.
    // The address was not compared either: it shares the identity's outcome.
    const { source = null, verifiedAt = null, checkedAt = null } = card.verification;
    await writeVerificationOnly(em, card, {
      status, source, verifiedAt, checkedAt: reply.source === null ? checkedAt : now, ...reason,
      addressStatus: status, addressReasonCode: reason.reasonCode, addressReason: reason.reason,
    });
    record();
    return { status, identityChanged: false };
  }
  const { person } = answer;
  const registry = {
    fullName: { surname: person.surname, givenName: person.givenName, patronymic: person.patronymic },
    citizenship: person.citizenship,
    nationality: person.nationality,
  };
  const verified = {
    status: 'VERIFIED' as const, source: reply.source, verifiedAt: now, checkedAt: now, reasonCode: null, reason: null,
    ...addressOutcome(card, person, change.deps.territories),
  };
  const differs = card.fullName.surname !== person.surname || card.fullName.givenName !== person.givenName
    || (card.fullName.patronymic ?? null) !== person.patronymic || (card.citizenship ?? null) !== person.citizenship
    || (card.nationality ?? null) !== person.nationality;
  if (!differs) {
    await writeVerificationOnly(em, card, verified);
    record();
    return { status: 'VERIFIED', identityChanged: false };
  }
  // The history keeps the identity as it was (typed by the caseworker) beside the registry's.
  change.updateCard(identity, (c) => em.assign(c, registry as never));
  em.assign(card, { verification: verified } as never);
  record();
  return { status: 'VERIFIED', identityChanged: true };
}

type VerificationColumns = Pick<IdentityVerification, 'status' | 'source' | 'verifiedAt' | 'checkedAt' | 'reasonCode' | 'reason'> & AddressOutcome;

const sameVerification = (a: VerificationColumns, b: VerificationColumns) => a.status === b.status && a.source === b.source
  && a.reasonCode === b.reasonCode && a.reason === b.reason && a.verifiedAt?.getTime() === b.verifiedAt?.getTime() && a.checkedAt?.getTime() === b.checkedAt?.getTime()
  && a.addressStatus === b.addressStatus && a.addressReasonCode === b.addressReasonCode && a.addressReason === b.addressReason;

/** Writes the verification columns and nothing else: the version stays (the row is locked, so it is current). */
async function writeVerificationOnly(em: SqlEntityManager, card: Card, verification: VerificationColumns): Promise<void> {
  const current = card.verification;
  const stored = {
    ...current, source: current.source ?? null, reasonCode: current.reasonCode ?? null, reason: current.reason ?? null,
    addressReasonCode: current.addressReasonCode ?? null, addressReason: current.addressReason ?? null,
  };
  if (sameVerification(verification, stored)) return;
  // Naming the version keeps MikroORM from incrementing it, as it does on any other update.
  await em.nativeUpdate(Card, { id: card.id }, { verification, version: card.version } as never);
  // Reload so the entity shows the outcome without a pending change of its own.
  await em.refresh(card);
}

/**
 * Applies a reply as a change of its own to a card that `em`'s transaction holds locked, after
 * the caller's own change is recorded (opening the card, or the caseworker's identity update).
 */
export async function recordReplyIn(em: SqlEntityManager, card: Card, deps: ChangeDeps, reply: RegistryReply): Promise<Verified> {
  const change = new CardChange(em, card, deps, VERIFY_ACTION);
  const verified = await applyReply(change, reply);
  await commitChange(em, change, false);
  return verified;
}

/** Applies a reply to the card `cardId` in a transaction of its own. */
export function recordReply(deps: ChangeDeps, cardId: string, reply: RegistryReply): Promise<Outcome<Verified> & { card?: Card }> {
  // No version to base on: the registry speaks about the person, whatever the card says now.
  return changeCard(deps, { cardId, version: null, action: VERIFY_ACTION, bumpVersion: false }, (change) => applyReply(change, reply));
}

/** Rule 2 — checks one card against the registry now (`cardVerifyIdentity`). */
export async function verifyIdentity(deps: ChangeDeps, cardId: string): Promise<Outcome<Verified> & { card?: Card }> {
  const card = await deps.em.fork().findOne(Card, { id: cardId }, { fields: ['iin'] });
  if (!card) return { ok: false, errors: [userError(['id'], 'NOT_FOUND', 'no such card')] };
  return recordReply(deps, cardId, await askRegistry(deps.registry, card.iin));
}
