import type { DeregistrationReason, RegistrationKind, RegistrationRefusalReason } from '../../graphql/generated/resolvers.ts';
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

/** The checks of a whole episode: its dates, and a state the lifecycle can reach. */
export function checkEpisode(checks: Checks, data: EpisodeData, field: readonly string[] = ['input']): void {
  const at = (...path: string[]) => [...field, ...path];
  checks.happened(at('appliedOn'), data.appliedOn).happened(at('registeredOn'), data.registeredOn)
    .order(at('registeredOn'), data.appliedOn, data.registeredOn, 'the application');
  if (data.refusal) {
    checks.happened(at('refusal', 'refusedOn'), data.refusal.refusedOn)
      .order(at('refusal', 'refusedOn'), data.appliedOn, data.refusal.refusedOn, 'the application');
    if (data.refusal.reason === 'OTHER') checks.text(at('refusal', 'note'), data.refusal.note);
    if (data.registeredOn) checks.add(at('refusal'), 'INVALID_TRANSITION', 'an episode is either registered or refused, not both');
  }
  if (data.deregistration) {
    checks.happened(at('deregistration', 'deregisteredOn'), data.deregistration.deregisteredOn)
      .order(at('deregistration', 'deregisteredOn'), data.registeredOn, data.deregistration.deregisteredOn, 'the registration');
    if (data.deregistration.reason === 'OTHER') checks.text(at('deregistration', 'note'), data.deregistration.note);
    if (!data.registeredOn) checks.add(at('deregistration'), 'INVALID_TRANSITION', 'only a registered episode can be deregistered');
  }
}

const refusalColumns = (r: RefusalData) => ({ refusedOn: r.refusedOn, reason: r.reason, note: r.note?.trim() || null });
const deregistrationColumns = (d: DeregistrationData) => ({ deregisteredOn: d.deregisteredOn, reason: d.reason, note: d.note?.trim() || null });

async function ensureNoOtherOpen(change: CardChange, kind: RegistrationKind, except?: string): Promise<void> {
  const episodes = await change.em.find(Registration, { card: change.card.id, kind });
  if (episodes.some((r) => r.id !== except && isOpenEpisode(r))) {
    throw new Rejected([userError(['input'], 'REGISTRATION_ALREADY_OPEN', `a ${kind === 'JOB_SEEKER' ? 'job-seeker' : 'unemployed'} registration is already open`)]);
  }
}

/** §12, §15 — a new application. */
export function applyForRegistration(deps: ChangeDeps, cardId: string, version: number, data: { kind: RegistrationKind; appliedOn: string }) {
  return changeCard(deps, { cardId, version, action: 'registrationApply' }, async (change) => {
    await ensureNoOtherOpen(change, data.kind);
    change.checks().happened(['input', 'appliedOn'], data.appliedOn).orReject();
    return change.add('registration', Registration, { kind: data.kind, appliedOn: data.appliedOn });
  });
}

/** One step of the lifecycle, allowed only from `from`. */
function step(deps: ChangeDeps, id: string, version: number, action: string, from: 'APPLIED' | 'REGISTERED', next: (r: Registration) => EpisodeData) {
  return changeEntry(deps, { entity: Registration, entryId: id, version, action }, async (change, registration) => {
    const state = episodeStatus(registration);
    if (state !== from) {
      throw new Rejected([userError(['id'], 'INVALID_TRANSITION', `the episode is ${state}; this step needs it ${from}`)]);
    }
    const data = next(registration);
    const checks = change.checks();
    checkEpisode(checks, data);
    checks.orReject();
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
  step(deps, id, version, 'registrationRegister', 'APPLIED', (r) => ({ ...current(r), registeredOn }));

export const refuseEpisode = (deps: ChangeDeps, id: string, version: number, refusal: RefusalData) =>
  step(deps, id, version, 'registrationRefuse', 'APPLIED', (r) => ({ ...current(r), refusal }));

export const deregisterEpisode = (deps: ChangeDeps, id: string, version: number, deregistration: DeregistrationData) =>
  step(deps, id, version, 'registrationDeregister', 'REGISTERED', (r) => ({ ...current(r), deregistration }));

/** §12, §15 — corrects an episode; the result must be a reachable, consistent state. */
export function correctEpisode(deps: ChangeDeps, id: string, version: number, data: EpisodeData) {
  return changeEntry(deps, { entity: Registration, entryId: id, version, action: 'registrationCorrect' }, async (change, registration) => {
    const checks = change.checks();
    checkEpisode(checks, data);
    checks.orReject();
    const corrected = { appliedOn: data.appliedOn, registeredOn: data.registeredOn ?? null,
      refusal: data.refusal ? refusalColumns(data.refusal) : null,
      deregistration: data.deregistration ? deregistrationColumns(data.deregistration) : null };
    if (!corrected.refusal && !corrected.deregistration) await ensureNoOtherOpen(change, registration.kind, registration.id);
    change.update('registration', registration, (r) => change.em.assign(r, corrected as never));
    return registration;
  });
}
