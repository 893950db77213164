import type { RegistrationEpisodeStatus, RegistrationKind, RegistrationStatus } from '../../generated/graphql.ts';
import type { Registration } from './registration.entity.ts';

// §12, §15 — what "registered" means, in one place for both JavaScript and SQL.
// An episode is open once registered and until deregistered; the card's status is UNEMPLOYED
// while an unemployed registration is open, else JOB_SEEKER while a job-seeker registration is
// open, else NONE.

export function episodeStatus(registration: Registration): RegistrationEpisodeStatus {
  if (registration.deregistration) return 'DEREGISTERED';
  if (registration.registeredOn) return 'REGISTERED';
  if (registration.refusal) return 'REFUSED';
  if (registration.withdrawnOn) return 'WITHDRAWN';
  return 'APPLIED';
}

export function registrationStatus(registrations: readonly Registration[]): RegistrationStatus {
  const open = (kind: RegistrationKind) => registrations.some((r) => r.kind === kind && !r.voidedAt && episodeStatus(r) === 'REGISTERED');
  if (open('UNEMPLOYED')) return 'UNEMPLOYED';
  if (open('JOB_SEEKER')) return 'JOB_SEEKER';
  return 'NONE';
}

/** SQL condition: the card aliased `cardAlias` has an open, non-voided registration of `kind`. */
export function openRegistrationSql(cardAlias: string, kind: RegistrationKind): string {
  return `exists (select 1 from "registration" r where r."card_id" = ${cardAlias}."id" and r."kind" = '${kind}'`
    + ` and r."voided_at" is null and r."registered_on" is not null and r."deregistration_deregistered_on" is null)`;
}

/** SQL condition for a card's current registration status (the same rule as `registrationStatus`). */
export function registrationStatusSql(cardAlias: string, status: RegistrationStatus): string {
  const unemployed = openRegistrationSql(cardAlias, 'UNEMPLOYED');
  const jobSeeker = openRegistrationSql(cardAlias, 'JOB_SEEKER');
  switch (status) {
    case 'UNEMPLOYED': return unemployed;
    case 'JOB_SEEKER': return `(${jobSeeker} and not ${unemployed})`;
    case 'NONE': return `(not ${jobSeeker} and not ${unemployed})`;
  }
}

/** SQL condition: the episode aliased `alias` is in `status` (the same rule as `episodeStatus`). */
export function episodeStatusSql(alias: string, status: RegistrationEpisodeStatus): string {
  const deregistered = `${alias}."deregistration_deregistered_on" is not null`;
  const registered = `${alias}."registered_on" is not null`;
  const refused = `${alias}."refusal_refused_on" is not null`;
  const withdrawn = `${alias}."withdrawn_on" is not null`;
  switch (status) {
    case 'DEREGISTERED': return deregistered;
    case 'REGISTERED': return `(${registered} and not ${deregistered})`;
    case 'REFUSED': return `(${refused} and not ${registered})`;
    case 'WITHDRAWN': return `(${withdrawn} and not ${registered} and not ${refused})`;
    case 'APPLIED': return `(not ${registered} and not ${refused} and not ${withdrawn})`;
  }
}

/** Open: applied and awaiting a decision, or registered; at most one per kind (voided ones do not count). */
export function isOpenEpisode(registration: Registration): boolean {
  const status = episodeStatus(registration);
  return !registration.voidedAt && (status === 'APPLIED' || status === 'REGISTERED');
}
