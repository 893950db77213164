import type { RegistrationCorrectInput, RegistrationDeregisterInput, RegistrationKind, RegistrationRefuseInput } from '../../generated/graphql.ts';
import type { Checks } from '../base/checks.ts';
import { allHandled, text } from '../base/inputs.ts';
import { listSection, type Snapshot } from '../card/card-section.ts';
import { Registration } from './registration.entity.ts';
import { registrationsPrinted } from './printed.ts';

// §12 (job seeker) and §15 (unemployed): registration episodes, both registers in one table.

/** §12, §15 — checks a refusal to register and gives it as stored. */
export function refusalValue(checks: Checks, field: readonly string[], input: RegistrationRefuseInput, appliedOn: string) {
  const { refusedOn, reason, note, ...rest } = input;
  allHandled(rest);
  checks.happened([...field, 'refusedOn'], refusedOn).order([...field, 'refusedOn'], appliedOn, refusedOn, 'the application')
    .text([...field, 'note'], note, reason === 'OTHER');
  return { refusedOn, reason, note: text(note) };
}

/** §12, §15 — checks a deregistration and gives it as stored. */
export function deregistrationValue(checks: Checks, field: readonly string[], input: RegistrationDeregisterInput, registeredOn: string | null | undefined) {
  const { deregisteredOn, reason, note, ...rest } = input;
  allHandled(rest);
  checks.happened([...field, 'deregisteredOn'], deregisteredOn)
    .order([...field, 'deregisteredOn'], registeredOn, deregisteredOn, 'the registration')
    .text([...field, 'note'], note, reason === 'OTHER');
  return { deregisteredOn, reason, note: text(note) };
}

/** §12, §15 — checks a whole episode (its dates, and a state the lifecycle can reach) and gives its row. */
export function episodeRow(checks: Checks, input: RegistrationCorrectInput, field: readonly string[] = ['input']) {
  const { appliedOn, registeredOn, refusal, deregistration, withdrawnOn, ...rest } = input;
  allHandled(rest);
  checks.happened([...field, 'appliedOn'], appliedOn).happened([...field, 'registeredOn'], registeredOn)
    .order([...field, 'registeredOn'], appliedOn, registeredOn, 'the application');
  const refused = refusal ? refusalValue(checks, [...field, 'refusal'], refusal, appliedOn) : null;
  if (refusal && registeredOn) checks.add([...field, 'refusal'], 'INVALID_TRANSITION', 'an episode is either registered or refused, not both');
  const deregistered = deregistration ? deregistrationValue(checks, [...field, 'deregistration'], deregistration, registeredOn) : null;
  if (deregistration && !registeredOn) checks.add([...field, 'deregistration'], 'INVALID_TRANSITION', 'only a registered episode can be deregistered');
  checks.happened([...field, 'withdrawnOn'], withdrawnOn).order([...field, 'withdrawnOn'], appliedOn, withdrawnOn, 'the application');
  if (withdrawnOn && (registeredOn || refusal)) {
    checks.add([...field, 'withdrawnOn'], 'INVALID_TRANSITION', 'only an application not yet decided can be withdrawn');
  }
  return { appliedOn, registeredOn: registeredOn ?? null, refusal: refused, deregistration: deregistered, withdrawnOn: withdrawnOn ?? null };
}

/** §12, §15 — at most one open (applied or registered) episode of each kind. */
function oneOpenEpisodeEach(checks: Checks, episodes: readonly { field: string[] | null; row: Snapshot }[]): void {
  for (const kind of ['JOB_SEEKER', 'UNEMPLOYED'] as const) {
    const open = episodes.filter(({ row }) => row.kind === kind && !row.voidedAt && !row.refusal && !row.deregistration && !row.withdrawnOn);
    if (open.length > 1) {
      const at = open.find((e) => e.field)?.field ?? null;
      checks.add(at, 'REGISTRATION_ALREADY_OPEN', `more than one ${kind === 'JOB_SEEKER' ? 'job-seeker' : 'unemployed'} registration would be open`);
    }
  }
}

/** An imported episode: a whole episode of one register. */
type ImportedEpisode = RegistrationCorrectInput & { kind: RegistrationKind };

/** §12, §15 — registration episodes as a job seeker and as unemployed. */
export const registrations = listSection({
  name: 'registration',
  printed: registrationsPrinted,
  documentKey: 'registrations',
  entity: Registration,
  types: { Registration: () => true },
  order: [{ property: 'appliedOn', cast: 'date' }, { property: 'id', cast: 'bigint' }],
  variant: 'kind',
  invariant: oneOpenEpisodeEach,
  imported: [{
    key: 'registrations',
    description: '§12 and §15 — registration episodes, each in the state it has reached.',
    input: 'RegistrationCorrectInput',
    extra: { kind: 'RegistrationKind!' },
    row: (checks, { kind, ...episode }: ImportedEpisode) => ({ row: { kind, ...episodeRow(checks, episode) } }),
  }],
});
