import type {
  RegistrationApplyInput, RegistrationCorrectInput, RegistrationDeregisterInput, RegistrationKind, RegistrationRefuseInput, RegistrationRegisterInput,
} from '../../generated/graphql.ts';
import type { ChangeKind } from '../access/policy.ts';
import { allHandled } from '../base/inputs.ts';
import { Rejected, userError } from '../base/user-errors.ts';
import { changeCard, changeEntry, type CardChange, type ChangeDeps } from '../card/card-change.ts';
import { requireCoverage } from './eligibility.ts';
import { Registration } from './registration.entity.ts';
import { episodeStatus, isOpenEpisode } from './registration.rules.ts';
import { deregistrationValue, episodeRow, refusalValue, registrations } from './section.ts';

// §12, §15 — the lifecycle of a registration episode:
//   apply      → APPLIED
//   register   APPLIED → REGISTERED
//   refuse     APPLIED → REFUSED       (final)
//   deregister REGISTERED → DEREGISTERED (final)
//   withdraw   APPLIED → WITHDRAWN     (final; the person's own act, recorded with them as actor)
// At most one open (APPLIED or REGISTERED) episode of each kind; every date is a fact (not in the
// future, not before birth) and follows the one before it.

async function ensureNoOtherOpen(change: CardChange, kind: RegistrationKind, except?: string): Promise<Registration[]> {
  const episodes = await change.em.find(Registration, { card: change.card.id, kind });
  if (episodes.some((r) => r.id !== except && isOpenEpisode(r))) {
    throw new Rejected([userError(['input'], 'REGISTRATION_ALREADY_OPEN', `a ${kind === 'JOB_SEEKER' ? 'job-seeker' : 'unemployed'} registration is already open`)]);
  }
  return episodes;
}

/** The open (APPLIED or REGISTERED) episode of `kind` on the card, if any. */
export async function openEpisode(change: CardChange, kind: RegistrationKind): Promise<Registration | null> {
  const episodes = await change.em.find(Registration, { card: change.card.id, kind });
  return episodes.find(isOpenEpisode) ?? null;
}

/**
 * Checks a new application of `kind`: none of that kind may be open, and it comes after the
 * previous one ended. Used by `registrationApply` and by `cardOpen` on a known card.
 */
export async function checkNewApplication(change: CardChange, kind: RegistrationKind, appliedOn: string): Promise<void> {
  const episodes = await ensureNoOtherOpen(change, kind);
  const lastEnd = episodes.filter((r) => !r.voidedAt).map((r) => r.deregistration?.deregisteredOn ?? r.refusal?.refusedOn ?? r.withdrawnOn).filter(Boolean).sort().at(-1);
  change.checks().happened(['input', 'appliedOn'], appliedOn).order(['input', 'appliedOn'], lastEnd, appliedOn, 'the end of the previous episode').orReject();
}

/** §12, §15 — a new application. */
export function applyForRegistration(deps: ChangeDeps, cardId: string, version: number, input: RegistrationApplyInput) {
  const { kind, appliedOn, ...rest } = input;
  allHandled(rest);
  return changeCard(deps, { cardId, version, action: 'registrationApply', argument: 'cardId' }, async (change) => {
    await checkNewApplication(change, kind, appliedOn);
    return change.add(registrations, { kind, appliedOn });
  });
}

/**
 * One step of the lifecycle, allowed only from `from`; `decide` checks the step's own input and
 * gives what it sets; `then` follows the step in its unit of work (telling the person of a decision).
 */
function step(
  deps: ChangeDeps, id: string, version: number, action: string, from: 'APPLIED' | 'REGISTERED',
  decide: (change: CardChange, r: Registration) => Partial<Pick<Registration, 'registeredOn' | 'refusal' | 'deregistration' | 'withdrawnOn'>>,
  kind: ChangeKind = 'keep',
  then?: (change: CardChange, r: Registration) => Promise<unknown>,
) {
  return changeEntry(deps, { section: registrations, entryId: id, version, action, kind }, async (change, registration) => {
    const state = episodeStatus(registration);
    if (state !== from) {
      throw new Rejected([userError(['id'], 'INVALID_TRANSITION', `the episode is ${state}; this step needs it ${from}`)]);
    }
    const values = decide(change, registration);
    change.update(registrations, registration, (r) => change.em.assign(r, values as never));
    // §14, §16 — a deregistration dated before a referral or measure would leave it without its registration.
    if (values.deregistration) await requireCoverage(change, ['input', 'deregisteredOn']);
    await then?.(change, registration);
    return registration;
  });
}

// An application decided is told to the person (Appendix 2); a correction or a deregistration is not.
export const registerEpisode = (deps: ChangeDeps, id: string, version: number, input: RegistrationRegisterInput) =>
  step(deps, id, version, 'registrationRegister', 'APPLIED', (change, r) => {
    const { registeredOn, ...rest } = input;
    allHandled(rest);
    change.checks().happened(['input', 'registeredOn'], registeredOn).order(['input', 'registeredOn'], r.appliedOn, registeredOn, 'the application').orReject();
    return { registeredOn };
  }, 'keep', (change, r) => change.notify('REGISTRATION_REGISTERED', { registration: r.kind, registeredOn: r.registeredOn! }));

export const refuseEpisode = (deps: ChangeDeps, id: string, version: number, input: RegistrationRefuseInput) =>
  step(deps, id, version, 'registrationRefuse', 'APPLIED', (change, r) => {
    const checks = change.checks();
    const refusal = refusalValue(checks, ['input'], input, r.appliedOn);
    checks.orReject();
    return { refusal };
  }, 'keep', (change, r) => change.notify('REGISTRATION_REFUSED', {
    registration: r.kind, appliedOn: r.appliedOn, refusedOn: r.refusal!.refusedOn, reason: r.refusal!.reason,
  }));

export const deregisterEpisode = (deps: ChangeDeps, id: string, version: number, input: RegistrationDeregisterInput) =>
  step(deps, id, version, 'registrationDeregister', 'REGISTERED', (change, r) => {
    const checks = change.checks();
    const deregistration = deregistrationValue(checks, ['input'], input, r.registeredOn);
    checks.orReject();
    return { deregistration };
  });

/** §12, §15 — the person withdraws an application not yet decided, today. */
export const withdrawEpisode = (deps: ChangeDeps, id: string, version: number) =>
  step(deps, id, version, 'registrationWithdraw', 'APPLIED', (change) => ({ withdrawnOn: change.deps.today() }), 'withdraw');

/** §12, §15 — corrects an episode; the result must be a reachable, consistent state. */
export function correctEpisode(deps: ChangeDeps, id: string, version: number, input: RegistrationCorrectInput) {
  return changeEntry(deps, { section: registrations, entryId: id, version, action: 'registrationCorrect' }, async (change, registration) => {
    const checks = change.checks();
    const corrected = episodeRow(checks, input);
    checks.orReject();
    if (!corrected.refusal && !corrected.deregistration && !corrected.withdrawnOn) await ensureNoOtherOpen(change, registration.kind, registration.id);
    change.update(registrations, registration, (r) => change.em.assign(r, corrected as never));
    await requireCoverage(change, ['input']);
    return registration;
  });
}
