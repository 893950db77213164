import type { DeregistrationReason, RegistrationKind, RegistrationRefusalReason } from '../../generated/graphql.ts';
import type { Checks } from '../base/checks.ts';
import { Rejected, userError } from '../base/user-errors.ts';
import { changeCard, changeEntry, type CardChange, type ChangeDeps } from '../card/card-change.ts';
import { Registration } from './registration.entity.ts';
import { episodeStatus, isOpenEpisode } from './registration.rules.ts';

// §12, §15 — the lifecycle of a registration episode:
//   apply      → APPLIED
//   register   APPLIED → REGISTERED
//   refuse     APPLIED → REFUSED       (final)
//   deregister REGISTERED → DEREGISTERED (final)
// At most one open (APPLIED or REGISTERED) episode of each kind; every date is a fact (not in the
// future, not before birth) and follows the one before it.

export interface RefusalData {
  refusedOn: string;
  reason: RegistrationRefusalReason;
  note?: string | null;
}

export interface DeregistrationData {
  deregisteredOn: string;
  reason: DeregistrationReason;
  note?: string | null;
}

export interface EpisodeData {
  appliedOn: string;
  registeredOn?: string | null;
  refusal?: RefusalData | null;
  deregistration?: DeregistrationData | null;
}

function checkRefusal(checks: Checks, field: readonly string[], refusal: RefusalData, appliedOn: string): void {
  checks.happened([...field, 'refusedOn'], refusal.refusedOn).order([...field, 'refusedOn'], appliedOn, refusal.refusedOn, 'the application');
  if (refusal.reason === 'OTHER') checks.text([...field, 'note'], refusal.note);
  else checks.text([...field, 'note'], refusal.note, false);
}

function checkDeregistration(checks: Checks, field: readonly string[], deregistration: DeregistrationData, registeredOn: string | null | undefined): void {
  checks.happened([...field, 'deregisteredOn'], deregistration.deregisteredOn)
    .order([...field, 'deregisteredOn'], registeredOn, deregistration.deregisteredOn, 'the registration');
  if (deregistration.reason === 'OTHER') checks.text([...field, 'note'], deregistration.note);
  else checks.text([...field, 'note'], deregistration.note, false);
}

/** The checks of a whole episode: its dates, and a state the lifecycle can reach. */
export function checkEpisode(checks: Checks, data: EpisodeData, field: readonly string[] = ['input']): void {
  const at = (...path: string[]) => [...field, ...path];
  checks.happened(at('appliedOn'), data.appliedOn).happened(at('registeredOn'), data.registeredOn)
    .order(at('registeredOn'), data.appliedOn, data.registeredOn, 'the application');
  if (data.refusal) {
    checkRefusal(checks, at('refusal'), data.refusal, data.appliedOn);
    if (data.registeredOn) checks.add(at('refusal'), 'INVALID_TRANSITION', 'an episode is either registered or refused, not both');
  }
  if (data.deregistration) {
    checkDeregistration(checks, at('deregistration'), data.deregistration, data.registeredOn);
    if (!data.registeredOn) checks.add(at('deregistration'), 'INVALID_TRANSITION', 'only a registered episode can be deregistered');
  }
}

const refusalColumns = (r: RefusalData) => ({ refusedOn: r.refusedOn, reason: r.reason, note: r.note?.trim() || null });
const deregistrationColumns = (d: DeregistrationData) => ({ deregisteredOn: d.deregisteredOn, reason: d.reason, note: d.note?.trim() || null });

/** The columns of a whole episode, tidied. */
export function episodeColumns(data: EpisodeData) {
  return {
    appliedOn: data.appliedOn, registeredOn: data.registeredOn ?? null,
    refusal: data.refusal ? refusalColumns(data.refusal) : null,
    deregistration: data.deregistration ? deregistrationColumns(data.deregistration) : null,
  };
}

async function ensureNoOtherOpen(change: CardChange, kind: RegistrationKind, except?: string): Promise<Registration[]> {
  const episodes = await change.em.find(Registration, { card: change.card.id, kind });
  if (episodes.some((r) => r.id !== except && isOpenEpisode(r))) {
    throw new Rejected([userError(['input'], 'REGISTRATION_ALREADY_OPEN', `a ${kind === 'JOB_SEEKER' ? 'job-seeker' : 'unemployed'} registration is already open`)]);
  }
  return episodes;
}

/**
 * Checks a new application of `kind`: none of that kind may be open, and it comes after the
 * previous one ended. Used by `registrationApply` and by `cardOpen` on a known card.
 */
export async function checkNewApplication(change: CardChange, kind: RegistrationKind, appliedOn: string): Promise<void> {
  const episodes = await ensureNoOtherOpen(change, kind);
  const lastEnd = episodes.filter((r) => !r.voidedAt).map((r) => r.deregistration?.deregisteredOn ?? r.refusal?.refusedOn).filter(Boolean).sort().at(-1);
  change.checks().happened(['input', 'appliedOn'], appliedOn).order(['input', 'appliedOn'], lastEnd, appliedOn, 'the end of the previous episode').orReject();
}

/** §12, §15 — a new application. */
export function applyForRegistration(deps: ChangeDeps, cardId: string, version: number, data: { kind: RegistrationKind; appliedOn: string }) {
  return changeCard(deps, { cardId, version, action: 'registrationApply', argument: 'cardId' }, async (change) => {
    await checkNewApplication(change, data.kind, data.appliedOn);
    return change.add('registration', Registration, { kind: data.kind, appliedOn: data.appliedOn });
  });
}

/** One step of the lifecycle, allowed only from `from`; `check` checks the step's own (flat) input. */
function step(
  deps: ChangeDeps, id: string, version: number, action: string, from: 'APPLIED' | 'REGISTERED',
  next: (r: Registration) => EpisodeData, check: (checks: Checks, r: Registration) => void,
) {
  return changeEntry(deps, { entity: Registration, entryId: id, version, action }, async (change, registration) => {
    const state = episodeStatus(registration);
    if (state !== from) {
      throw new Rejected([userError(['id'], 'INVALID_TRANSITION', `the episode is ${state}; this step needs it ${from}`)]);
    }
    const checks = change.checks();
    check(checks, registration);
    checks.orReject();
    const data = next(registration);
    change.update('registration', registration, (r) => change.em.assign(r, {
      registeredOn: data.registeredOn ?? null,
      refusal: data.refusal ? refusalColumns(data.refusal) : null,
      deregistration: data.deregistration ? deregistrationColumns(data.deregistration) : null,
    } as never));
    return registration;
  });
}

const current = (r: Registration): EpisodeData => ({
  appliedOn: r.appliedOn, registeredOn: r.registeredOn, refusal: r.refusal ?? null, deregistration: r.deregistration ?? null,
});

export const registerEpisode = (deps: ChangeDeps, id: string, version: number, registeredOn: string) =>
  step(deps, id, version, 'registrationRegister', 'APPLIED', (r) => ({ ...current(r), registeredOn }),
    (checks, r) => checks.happened(['input', 'registeredOn'], registeredOn).order(['input', 'registeredOn'], r.appliedOn, registeredOn, 'the application'));

export const refuseEpisode = (deps: ChangeDeps, id: string, version: number, refusal: RefusalData) =>
  step(deps, id, version, 'registrationRefuse', 'APPLIED', (r) => ({ ...current(r), refusal }),
    (checks, r) => checkRefusal(checks, ['input'], refusal, r.appliedOn));

export const deregisterEpisode = (deps: ChangeDeps, id: string, version: number, deregistration: DeregistrationData) =>
  step(deps, id, version, 'registrationDeregister', 'REGISTERED', (r) => ({ ...current(r), deregistration }),
    (checks, r) => checkDeregistration(checks, ['input'], deregistration, r.registeredOn));

/** §12, §15 — corrects an episode; the result must be a reachable, consistent state. */
export function correctEpisode(deps: ChangeDeps, id: string, version: number, data: EpisodeData) {
  return changeEntry(deps, { entity: Registration, entryId: id, version, action: 'registrationCorrect' }, async (change, registration) => {
    const checks = change.checks();
    checkEpisode(checks, data);
    checks.orReject();
    const corrected = episodeColumns(data);
    if (!corrected.refusal && !corrected.deregistration) await ensureNoOtherOpen(change, registration.kind, registration.id);
    change.update('registration', registration, (r) => change.em.assign(r, corrected as never));
    return registration;
  });
}
