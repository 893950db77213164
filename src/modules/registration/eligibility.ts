import type { RegistrationKind } from '../../generated/graphql.ts';
import { Rejected, userError, type UserErrorData } from '../base/user-errors.ts';
import type { CardChange } from '../card/card-change.ts';
import { LIST_SECTIONS } from '../sections.ts';
import { Registration } from './registration.entity.ts';

// §14, §16 — who may receive what: a referral to suitable work or to an active measure needs a
// registration open on its date (registered on or before it, not deregistered by then). Which
// register each needs is read from the order (Appendix 1, the explanation of columns 14 and 16;
// README: who may receive what):
//   §14 referral to suitable work              job seeker or unemployed
//   §16.1 professional training                 job seeker or unemployed ("адамдардың")
//   §16.2 entrepreneurship support              job seeker or unemployed
//   §16.3 subsidized job                        unemployed ("жұмыссыздарды … жұмысқа орналастыру")
//     of students and senior pupils (STUDENT_WORK): job seeker or unemployed (Appendix 2, item 2, subitem 11)
//   §16.4 relocation for labour mobility        job seeker or unemployed

const EITHER: readonly RegistrationKind[] = ['JOB_SEEKER', 'UNEMPLOYED'];
const UNEMPLOYED: readonly RegistrationKind[] = ['UNEMPLOYED'];

/** What the eligibility of an entry depends on: its date and, for §16, its kind (and §16.3 its type). */
export interface Receiving {
  referredOn: string;
  kind?: string;
  jobType?: string | null;
}

/** The registers one of which must be open on the entry's date. */
export function registersFor(entry: Receiving): readonly RegistrationKind[] {
  return entry.kind === 'SUBSIDIZED_JOB' && entry.jobType !== 'STUDENT_WORK' ? UNEMPLOYED : EITHER;
}

/** What eligibility reads of an episode, stored or as an import record gives it. */
export interface EpisodeDates {
  kind: string;
  registeredOn?: string | null;
  deregistration?: { deregisteredOn: string } | null;
  voidedAt?: unknown;
}

/** Whether an episode of one of `kinds` is open on `date`: registered on or before it and not deregistered by then. */
export function registeredOn(episodes: readonly EpisodeDates[], kinds: readonly RegistrationKind[], date: string): boolean {
  return episodes.some((r) => !r.voidedAt && kinds.includes(r.kind as RegistrationKind) && r.registeredOn != null && r.registeredOn <= date
    && !(r.deregistration && r.deregistration.deregisteredOn <= date));
}

function required(field: readonly string[], entry: Receiving, what: string, then = ''): UserErrorData {
  const kinds = registersFor(entry);
  const register = kinds.length === 1 ? 'an unemployed (§15) registration' : 'a job-seeker (§12) or unemployed (§15) registration';
  return userError([...field], 'REGISTRATION_REQUIRED', `${what} of ${entry.referredOn} needs ${register} open on that date${then}`);
}

/** How an entry is named in a message. */
export function described(entry: Receiving): string {
  return entry.kind ? `the §16 ${entry.kind.toLowerCase().replaceAll('_', ' ')}` : 'the §14 referral';
}

/**
 * The entries (with where each sits) that lack the registration their date needs, as user errors
 * at `field` of each (Rules 2 and 5: an import record is held to the same rule).
 */
export function uncovered(episodes: readonly EpisodeDates[], entries: readonly { field: readonly string[]; entry: Receiving }[]): UserErrorData[] {
  return entries.filter(({ entry }) => !registeredOn(episodes, registersFor(entry), entry.referredOn))
    .map(({ field, entry }) => required(field, entry, described(entry)));
}

/** Rejects the change unless the card of `change` has the registration `entry` needs on its date; `field` is the date's. */
export async function requireRegistration(change: CardChange, entry: Receiving, field: readonly string[]): Promise<void> {
  const episodes = await change.em.find(Registration, { card: change.card.id });
  if (!registeredOn(episodes, registersFor(entry), entry.referredOn)) throw new Rejected([required(field, entry, described(entry))]);
}

/**
 * After a change of the card's registrations (a deregistration, a correction, a voided episode):
 * rejects it when a §14 referral or §16 measure not voided would no longer have the registration
 * its date needs. `field` is where the change's date sits.
 */
export async function requireCoverage(change: CardChange, field: readonly string[]): Promise<void> {
  await change.em.flush();
  const card = change.card.id;
  const [episodes, ...lists] = await Promise.all([
    change.em.find(Registration, { card }),
    ...LIST_SECTIONS.filter((section) => section.receiving).map((section) => change.em.find(section.entity, { card, voidedAt: null })),
  ]);
  const entries: Receiving[] = (lists.flat() as unknown as (Receiving & { jobType?: string | null })[])
    .map(({ referredOn, kind, jobType }) => ({ referredOn, kind, jobType: jobType ?? null }));
  const left = entries.filter((entry) => !registeredOn(episodes, registersFor(entry), entry.referredOn));
  if (left.length) throw new Rejected(left.map((entry) => required(field, entry, described(entry), '; void or correct it first')));
}
