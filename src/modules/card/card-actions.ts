import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sql';
import type { CardApplyInput, CardOpenInput, RegistrationKind, RegistrationStatus } from '../../generated/graphql.ts';
import { allHandled } from '../base/inputs.ts';
import { Checks } from '../base/checks.ts';
import { Rejected, userError, type Outcome, type UserErrorData } from '../base/user-errors.ts';
import { CareerCenter } from '../career-center/career-center.entity.ts';
import { parseIin } from '../person/iin.ts';
import { identity, identityValues } from '../person/section.ts';
import { Registration } from '../registration/registration.entity.ts';
import { registrationStatus } from '../registration/registration.rules.ts';
import { requireCoverage } from '../registration/eligibility.ts';
import { checkNewApplication, openEpisode } from '../registration/registration.service.ts';
import { registrations } from '../registration/section.ts';
import { sectionOfType } from '../sections.ts';
import type { CardTransfer } from '../transfer/card-transfer.entity.ts';
import { moveCard } from '../transfer/transfer.service.ts';
import { keeperOf } from '../footer/footer.service.ts';
import { executor } from '../footer/section.ts';
import { askRegistry, recordReplyIn, type RegistryReply } from '../verification/verification.service.ts';
import { Card } from './card.entity.ts';
import { canonicalJson } from './card-document.ts';
import { CardChange, changeCard, changeEntry, commitChange, failedChange, type ChangeDeps } from './card-change.ts';
import { typeOf } from './card-section.ts';
import { careerCenter } from './section.ts';

/** An application, its career center given as a database id. */
export type CardOpenData = Omit<CardOpenInput, 'careerCenter'> & { careerCenterId: string };

/** What an application did: the episode it started (or the open one it continues), and the move it made. */
export interface Opened {
  registration: Registration | null;
  existingCard: boolean;
  /** Rule 1 — the move of a card kept elsewhere to the receiving center. */
  transfer: CardTransfer | null;
  /**
   * Why the application itself was refused after it moved the card. The move stands: the person
   * applying is what moves it, and the card's own data is the receiving center's to correct now.
   */
  refused: UserErrorData[];
}

/** How an application came: its register, the action the history records, and what it may change. */
interface Application {
  kind: RegistrationKind;
  action: 'cardOpen' | 'cardApply';
  /** Where an error about the person's open episode points: the IIN typed by a caseworker, or the register the person chose. */
  field: readonly string[];
  /** §7–9 given with the person's own application replace the card's (a caseworker's `cardOpen` opens cards only). */
  contacts: boolean;
}

const AT_THE_DESK: Application = { kind: 'JOB_SEEKER', action: 'cardOpen', field: ['input', 'iin'], contacts: false };

const alreadyOpen = (application: Application) => new Rejected([userError([...application.field], 'REGISTRATION_ALREADY_OPEN',
  `this person already has an open ${application.kind === 'JOB_SEEKER' ? 'job-seeker' : 'unemployed'} application or registration`)]);

/**
 * Rule 1 — a person applies as a job seeker. One card per IIN: a new IIN opens a card; a known
 * one gets a new §12 episode on its card, unless a job-seeker episode is still open there.
 * Cards across centers: a card kept by another center moves to the receiving one, since the person
 * applied there (item 3 of Appendix 2), and only by that. Everything checked before the move is
 * checked alike whether or not a card exists elsewhere, so no answer tells a caseworker about a
 * card of another center before the person has applied at theirs. A job-seeker registration
 * open at the other center continues at the new one.
 * Rule 2 — the registry's answer about the person, asked before any card is locked, is then
 * applied as a change of its own: the card is saved with what was typed whatever the registry does.
 */
export async function openCard(deps: ChangeDeps, input: CardOpenData, application: Application = AT_THE_DESK): Promise<Outcome<Opened> & { card?: Card }> {
  const { iin: iinText, appliedOn, careerCenterId, ...person } = input;
  const data = { iin: iinText, appliedOn, careerCenterId };
  const iin = parseIin(iinText);
  if (!iin.ok) return { ok: false, errors: [userError(['input', 'iin'], 'INVALID_VALUE', iin.reason)] };
  const checks = new Checks({ birthDate: iin.facts.birthDate, today: deps.today(), territories: deps.territories });
  checks.happened(['input', 'appliedOn'], appliedOn);
  const values = identityValues(checks, person);
  if (!(await deps.em.fork().findOne(CareerCenter, { id: data.careerCenterId }))) {
    checks.add(['input', 'careerCenter'], 'UNKNOWN_CODE', 'no such career center');
  } else if (deps.access && !(await deps.access.mayReceiveAt(data.careerCenterId))) {
    // Access control: a caseworker receives an application at their own center (a person chooses theirs).
    checks.add(['input', 'careerCenter'], 'FORBIDDEN', 'an application is received by your own career center');
  }
  if (checks.errors.length) return { ok: false, errors: checks.errors };

  const reply = await askRegistry(deps.registry, data.iin);
  const existing = await deps.em.fork().findOne(Card, { iin: data.iin });
  const contacts = application.contacts ? given(person, { address: values.address, phone: values.phone, email: values.email }) : {};
  if (existing) return applyAgain(deps, existing.id, data, reply, application, contacts);
  try {
    return await deps.em.fork().transactional(async (em) => {
      // Footer: the caseworker or head who opens the card keeps it.
      const keeper = keeperOf(deps);
      const card = em.create(Card, {
        iin: data.iin, birthDate: iin.facts.birthDate, sex: iin.facts.sex, openedOn: data.appliedOn, careerCenter: data.careerCenterId, ...values,
        executorSubject: keeper?.subject ?? null, executorName: keeper?.name ?? null,
      } as never) as Card;
      await em.flush();
      const change = new CardChange(em, card, deps, application.action, 0);
      change.created(identity);
      change.created(careerCenter);
      if (keeper) change.created(executor);
      const registration = change.add(registrations, { kind: application.kind, appliedOn: data.appliedOn });
      await commitChange(em, change, false);
      await recordReplyIn(em, card, deps, reply);
      return { ok: true as const, value: { registration, existingCard: false, transfer: null, refused: [] }, card };
    });
  } catch (error) {
    // Two applications for one new IIN at once: the other opened the card; this one joins it.
    if (error instanceof UniqueConstraintViolationException) {
      const card = await deps.em.fork().findOneOrFail(Card, { iin: data.iin });
      return applyAgain(deps, card.id, data, reply, application, contacts);
    }
    return failedChange(error);
  }
}

/** The values of `values` whose keys the input gave. */
function given<T extends object>(input: object, values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([key]) => (input as Record<string, unknown>)[key] != null)) as Partial<T>;
}

function applyAgain(
  deps: ChangeDeps, cardId: string, data: { appliedOn: string; careerCenterId: string }, reply: RegistryReply, application: Application,
  contacts: Partial<Pick<Card, 'address' | 'phone' | 'email'>>,
) {
  const followUp = (em: SqlEntityManager, card: Card) => recordReplyIn(em, card, deps, reply);
  const { kind } = application;
  return changeCard(deps, { cardId, version: null, action: application.action, followUp, receiving: true }, async (change): Promise<Opened> => {
    const transfer = change.card.careerCenter === data.careerCenterId ? null : await moveCard(change, data.careerCenterId, 'PERSON_APPLIED', data.appliedOn);
    const plain = (value: unknown) => canonicalJson(JSON.parse(JSON.stringify(value ?? null)));
    if (Object.entries(contacts).some(([key, value]) => plain(change.card[key as keyof typeof contacts]) !== plain(value))) {
      change.updateCard(identity, (card) => Object.assign(card, contacts));
    }
    if (transfer) {
      const open = await openEpisode(change, kind);
      if (open) return { registration: open, existingCard: true, transfer, refused: [] };
    }
    try {
      await checkNewApplication(change, kind, data.appliedOn);
    } catch (error) {
      if (!(error instanceof Rejected)) throw error;
      // For an application the person is known by the IIN (or the register they chose): that is the field at fault.
      const errors = error.errors.some((e) => e.code === 'REGISTRATION_ALREADY_OPEN') ? alreadyOpen(application).errors : error.errors;
      if (!transfer) throw new Rejected(errors);
      return { registration: null, existingCard: true, transfer, refused: errors };
    }
    const registration = change.add(registrations, { kind, appliedOn: data.appliedOn });
    return { registration, existingCard: true, transfer, refused: [] };
  });
}

/** A person's own application, its career center given as a database id. */
export type CardApplyData = Omit<CardApplyInput, 'careerCenter'> & { careerCenterId: string };

/**
 * Rule 1, §12, §15 — the person `iin` (the signed-in CITIZEN) applies from the citizen app: the
 * same application as `cardOpen` (one unit of work, the same history and transfer rule), of the
 * register they chose, dated today. A first application opens the card with the §1 full name the
 * person gives (checked against the person registry as any new card is); on a card they have, the
 * name is not asked and §7–9 given replace the card's. The answer names the application and the
 * registration status, nothing else of the card.
 */
export async function applyAsPerson(deps: ChangeDeps, iin: string, input: CardApplyData): Promise<Outcome<Opened & { registrationStatus: RegistrationStatus }> & { card?: Card }> {
  const { kind, careerCenterId, fullName, address, phone, email, ...rest } = input;
  allHandled(rest);
  // The IIN is no argument: a token's subject that is no valid IIN is at fault, not a field.
  const parsed = parseIin(iin);
  if (!parsed.ok) return { ok: false, errors: [userError(null, 'INVALID_VALUE', `the signed-in person's IIN: ${parsed.reason}`)] };
  const existing = await deps.em.fork().findOne(Card, { iin });
  if (!existing && !fullName) {
    return { ok: false, errors: [userError(['input', 'fullName'], 'REQUIRED', 'a first application opens the card: give the full name (§1)')] };
  }
  // On a card the person has, the name on it stands (only a caseworker corrects §1).
  const name = fullName ?? { surname: existing!.fullName.surname, givenName: existing!.fullName.givenName, patronymic: existing!.fullName.patronymic };
  const outcome = await openCard(deps, { iin, appliedOn: deps.today(), careerCenterId, fullName: name, address, phone, email }, {
    kind, action: 'cardApply', field: ['input', 'kind'], contacts: true,
  });
  if (!outcome.ok) return outcome;
  const status = registrationStatus(await deps.em.fork().find(Registration, { card: outcome.card!.id }));
  return { ...outcome, value: { ...outcome.value, registrationStatus: status } };
}

/** Rule 3 — voids a wrong entry: kept, marked with who, when and why, hidden from normal reads. Signatures never can be. */
export function voidEntry(deps: ChangeDeps, type: string, entryId: string, version: number, reason: string) {
  const section = sectionOfType(type);
  if (!section?.voidable) return Promise.resolve({ ok: false as const, errors: [userError(['id'], 'INVALID_VALUE', `a ${type} cannot be voided`)] });
  return changeEntry(deps, { section, entryId, version, action: 'cardEntryVoid' }, async (change, entry) => {
    // The id names its type: a row of the table that is of another type (§10 main or additional, a §16 kind) is not it.
    if (typeOf(section, entry) !== type) throw new Rejected([userError(['id'], 'NOT_FOUND', 'no such entry')]);
    change.checks().text(['reason'], reason).orReject();
    change.update(section, entry, (e) => Object.assign(e, { voidedAt: change.now, voidedBy: deps.actor.id, voidReason: reason.trim() }));
    // §14, §16 — an episode wrongly entered goes only once nothing given on its strength is left.
    if (section === registrations) await requireCoverage(change, ['id']);
  });
}
