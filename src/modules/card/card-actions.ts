import { UniqueConstraintViolationException, type EntityClass } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sql';
import { Checks } from '../base/checks.ts';
import { Rejected, userError, type Outcome } from '../base/user-errors.ts';
import { CareerCenter } from '../career-center/career-center.entity.ts';
import { EducationEntry } from '../education/education.entity.ts';
import { EmploymentPlanRow } from '../employment-plan/employment-plan.entity.ts';
import { CareerGuidance } from '../guidance/guidance.entity.ts';
import type { EntryPart } from '../history/parts.ts';
import { ActiveMeasure } from '../measures/measure.entity.ts';
import { checkIdentity, identityColumns, type IdentityData } from '../person/identity.service.ts';
import { parseIin } from '../person/iin.ts';
import { Referral } from '../referral/referral.entity.ts';
import { Registration } from '../registration/registration.entity.ts';
import { checkNewApplication } from '../registration/registration.service.ts';
import { SpecialWorkplace } from '../special-workplace/special-workplace.entity.ts';
import { askRegistry, recordReplyIn, type RegistryReply } from '../verification/verification.service.ts';
import { Visit } from '../visit/visit.entity.ts';
import { Card } from './card.entity.ts';
import { CardChange, changeCard, changeEntry, commitChange, failedChange, type ChangeDeps } from './card-change.ts';

export interface CardOpenData {
  iin: string;
  appliedOn: string;
  careerCenterId: string;
  identity: IdentityData;
}

export interface Opened {
  registration: Registration;
  existingCard: boolean;
}

const alreadyOpen = () => new Rejected([userError(['input', 'iin'], 'REGISTRATION_ALREADY_OPEN',
  'this person already has an open job-seeker application or registration')]);

/**
 * Rule 1 — a person applies as a job seeker. One card per IIN: a new IIN opens a card; a known
 * one gets a new §12 episode on its card (and the card moves to the receiving center), unless a
 * job-seeker episode is still open there. Rule 2 — the registry's answer about the person, asked
 * before any card is locked, is then applied as a change of its own: the card is saved with what
 * was typed whatever the registry does.
 */
export async function openCard(deps: ChangeDeps, data: CardOpenData): Promise<Outcome<Opened> & { card?: Card }> {
  const iin = parseIin(data.iin);
  if (!iin.ok) return { ok: false, errors: [userError(['input', 'iin'], 'INVALID_VALUE', iin.reason)] };
  const checks = new Checks({ birthDate: iin.facts.birthDate, today: deps.today(), territories: deps.territories });
  checks.happened(['input', 'appliedOn'], data.appliedOn);
  checkIdentity(checks, data.identity);
  if (!(await deps.em.fork().findOne(CareerCenter, { id: data.careerCenterId }))) {
    checks.add(['input', 'careerCenter'], 'UNKNOWN_CODE', 'no such career center');
  } else if (deps.access && (await deps.access.careerCenterId()) !== data.careerCenterId) {
    // Issue 6: an application is received by the caller's own center.
    checks.add(['input', 'careerCenter'], 'FORBIDDEN', 'an application is received by your own career center');
  }
  if (checks.errors.length) return { ok: false, errors: checks.errors };

  const reply = await askRegistry(deps.registry, data.iin);
  const existing = await deps.em.fork().findOne(Card, { iin: data.iin });
  if (existing) return applyAgain(deps, existing.id, data, reply);
  try {
    return await deps.em.fork().transactional(async (em) => {
      const card = em.create(Card, {
        iin: data.iin, birthDate: iin.facts.birthDate, sex: iin.facts.sex, openedOn: data.appliedOn,
        careerCenter: data.careerCenterId, ...identityColumns(data.identity),
      } as never) as Card;
      await em.flush();
      const change = new CardChange(em, card, deps, 'cardOpen', 0);
      change.created('identity');
      change.created('careerCenter');
      const registration = change.add('registration', Registration, { kind: 'JOB_SEEKER', appliedOn: data.appliedOn });
      await commitChange(em, change, false);
      await recordReplyIn(em, card, deps, reply);
      return { ok: true as const, value: { registration, existingCard: false }, card };
    });
  } catch (error) {
    // Two applications for one new IIN at once: the other opened the card; this one joins it.
    if (error instanceof UniqueConstraintViolationException) {
      const card = await deps.em.fork().findOneOrFail(Card, { iin: data.iin });
      return applyAgain(deps, card.id, data, reply);
    }
    return failedChange(error);
  }
}

function applyAgain(deps: ChangeDeps, cardId: string, data: CardOpenData, reply: RegistryReply) {
  const followUp = (em: SqlEntityManager, card: Card) => recordReplyIn(em, card, deps, reply);
  return changeCard(deps, { cardId, version: null, action: 'cardOpen', followUp, receiving: true }, async (change): Promise<Opened> => {
    try {
      await checkNewApplication(change, 'JOB_SEEKER', data.appliedOn);
    } catch (error) {
      // For an application the person is known by the IIN: that is the field at fault.
      if (error instanceof Rejected && error.errors.some((e) => e.code === 'REGISTRATION_ALREADY_OPEN')) throw alreadyOpen();
      throw error;
    }
    if (change.card.careerCenter !== data.careerCenterId) {
      change.updateCard('careerCenter', (card) => {
        card.careerCenter = data.careerCenterId;
      });
    }
    const registration = change.add('registration', Registration, { kind: 'JOB_SEEKER', appliedOn: data.appliedOn });
    return { registration, existingCard: true };
  });
}

interface VoidableType {
  entity: EntityClass<{ id: string; card: string; voidedAt?: Date | null }>;
  part: EntryPart;
  /** Whether a row of the entity really is of this API type (e.g. MAIN for MainEducation). */
  matches?: (entry: object) => boolean;
}

const measureOf = (kind: string) => ({
  entity: ActiveMeasure as never, part: 'activeMeasure' as const, matches: (entry: object) => (entry as ActiveMeasure).kind === kind,
});

/** The entries that can be voided, by the type in their global id. Signatures never can. */
export const VOIDABLE: Record<string, VoidableType> = {
  MainEducation: { entity: EducationEntry as never, part: 'education', matches: (entry) => (entry as EducationEntry).section === 'MAIN' },
  AdditionalEducation: { entity: EducationEntry as never, part: 'education', matches: (entry) => (entry as EducationEntry).section === 'ADDITIONAL' },
  Registration: { entity: Registration as never, part: 'registration' },
  CareerGuidance: { entity: CareerGuidance as never, part: 'careerGuidance' },
  Referral: { entity: Referral as never, part: 'referral' },
  ProfessionalTraining: measureOf('PROFESSIONAL_TRAINING'),
  EntrepreneurshipSupport: measureOf('ENTREPRENEURSHIP_SUPPORT'),
  SubsidizedJob: measureOf('SUBSIDIZED_JOB'),
  Relocation: measureOf('RELOCATION'),
  SpecialWorkplace: { entity: SpecialWorkplace as never, part: 'specialWorkplace' },
  Visit: { entity: Visit as never, part: 'visit' },
  EmploymentPlanRow: { entity: EmploymentPlanRow as never, part: 'employmentPlanRow' },
};

/** Rule 3 — voids a wrong entry: kept, marked with who, when and why, hidden from normal reads. */
export function voidEntry(deps: ChangeDeps, type: string, entryId: string, version: number, reason: string) {
  const voidable = VOIDABLE[type];
  if (!voidable) return Promise.resolve({ ok: false as const, errors: [userError(['id'], 'INVALID_VALUE', `a ${type} cannot be voided`)] });
  return changeEntry(deps, { entity: voidable.entity, entryId, version, action: 'cardEntryVoid' }, async (change, entry) => {
    if (voidable.matches && !voidable.matches(entry)) throw new Rejected([userError(['id'], 'NOT_FOUND', 'no such entry')]);
    change.checks().text(['reason'], reason).orReject();
    change.update(voidable.part, entry, (e) => {
      e.voidedAt = change.now;
      Object.assign(e, { voidedBy: deps.actor.id, voidReason: reason.trim() });
    });
  });
}
