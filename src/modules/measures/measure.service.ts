import type { HousingType, SubsidizedJobType, TrainingType } from '../../generated/graphql.ts';
import type { Checks } from '../base/checks.ts';
import { normalizeMoney } from '../base/money.ts';
import { Rejected, userError } from '../base/user-errors.ts';
import { changeCard, changeEntry, type CardChange, type ChangeDeps } from '../card/card-change.ts';
import type { PeriodData } from '../education/education.service.ts';
import { alreadyRecorded, outcomeColumns, recordedOutcome, type OutcomeData } from '../referral/referral.service.ts';
import {
  ActiveMeasure, EntrepreneurshipSupport, MEASURE_ENTITIES, Relocation, RelocationFamilyMember, SubsidizedJob,
  type AnyActiveMeasure,
} from './measure.entity.ts';

// §16 — referrals to the four kinds of active employment-promotion measures and their outcomes.

export interface EmploymentData {
  employedOn: string;
  employerName: string;
  position: string;
}

export interface ProfessionalTrainingData {
  referredOn: string;
  trainingType: TrainingType;
  providerName: string;
  providerAddress?: string | null;
  providerPhone?: string | null;
  studyPeriod?: PeriodData | null;
  qualificationObtained?: string | null;
  permanentEmployment?: EmploymentData | null;
}

export interface EntrepreneurshipSupportData {
  referredOn: string;
  microcredit?: { receivedOn: string; amount: string; gracePeriodMonths?: number | null; repaymentTermMonths: number; activityType: string } | null;
  basicsTraining?: { startedOn: string; finishedOn?: string | null } | null;
  grant?: { appliedOn: string; receivedOn?: string | null; activityType: string } | null;
}

export interface SubsidizedJobData {
  referredOn: string;
  jobType: SubsidizedJobType;
  participationPeriod?: PeriodData | null;
  employerName: string;
  position: string;
  employerDecision?: OutcomeData | null;
  permanentEmployment?: EmploymentData | null;
}

export interface FamilyMemberData {
  fullName: string;
  kinship?: string | null;
  ableToWork: boolean;
  unableToWorkReason?: string | null;
}

export interface RelocationData {
  referredOn: string;
  familyMembers: FamilyMemberData[];
  destination: { region?: string | null; district?: string | null; settlement?: string | null };
  materialAssistance: { relocationExpenses?: string | null; rentReimbursement?: string | null; economicMobilityCertificate?: string | null };
  housing?: { type: HousingType; areaPerFamilyMember?: number | null } | null;
  employment?: EmploymentData | null;
}

const text = (value: string | null | undefined) => value?.trim() || null;
/** §16.4 — beyond any real dwelling (and what the column stores: numeric(7,2)). */
const MAX_AREA = 10_000;
const period = (p: PeriodData | null | undefined) => (p ? { start: p.start, end: p.end ?? null } : null);
const money = (value: string | null | undefined) => (value == null ? null : normalizeMoney(value));

function employment(checks: Checks, field: readonly string[], data: EmploymentData | null | undefined, referredOn: string) {
  if (!data) return null;
  checks.text([...field, 'employerName'], data.employerName).text([...field, 'position'], data.position)
    .happened([...field, 'employedOn'], data.employedOn).order([...field, 'employedOn'], referredOn, data.employedOn, 'the referral');
  return { employedOn: data.employedOn, employerName: data.employerName.trim(), position: data.position.trim() };
}

export function trainingColumns(checks: Checks, data: ProfessionalTrainingData) {
  const referral = { date: data.referredOn, what: 'the referral' };
  checks.happened(['input', 'referredOn'], data.referredOn).text(['input', 'providerName'], data.providerName)
    .text(['input', 'providerAddress'], data.providerAddress, false).text(['input', 'qualificationObtained'], data.qualificationObtained, false)
    .plannedPeriod(['input', 'studyPeriod'], data.studyPeriod, referral);
  return {
    kind: 'PROFESSIONAL_TRAINING' as const, referredOn: data.referredOn, trainingType: data.trainingType, providerName: data.providerName.trim(),
    providerAddress: text(data.providerAddress), providerPhone: data.providerPhone ?? null, studyPeriod: period(data.studyPeriod),
    qualificationObtained: text(data.qualificationObtained),
    employment: employment(checks, ['input', 'permanentEmployment'], data.permanentEmployment, data.referredOn),
  };
}

export function entrepreneurshipColumns(checks: Checks, data: EntrepreneurshipSupportData) {
  checks.happened(['input', 'referredOn'], data.referredOn);
  const { microcredit, basicsTraining, grant } = data;
  if (microcredit) {
    const at = ['input', 'microcredit'];
    checks.happened([...at, 'receivedOn'], microcredit.receivedOn).order([...at, 'receivedOn'], data.referredOn, microcredit.receivedOn, 'the referral')
      .money([...at, 'amount'], microcredit.amount).positive([...at, 'amount'], microcredit.amount)
      .positive([...at, 'repaymentTermMonths'], microcredit.repaymentTermMonths).text([...at, 'activityType'], microcredit.activityType);
    if ((microcredit.gracePeriodMonths ?? 0) > microcredit.repaymentTermMonths) {
      checks.add([...at, 'gracePeriodMonths'], 'INVALID_VALUE', 'the grace period is longer than the repayment term');
    }
  }
  if (basicsTraining) {
    const at = ['input', 'basicsTraining'];
    // Training may be arranged ahead: its dates may lie in the future.
    checks.afterBirth([...at, 'startedOn'], basicsTraining.startedOn)
      .order([...at, 'startedOn'], data.referredOn, basicsTraining.startedOn, 'the referral')
      .order([...at, 'finishedOn'], basicsTraining.startedOn, basicsTraining.finishedOn, 'the start');
  }
  if (grant) {
    const at = ['input', 'grant'];
    checks.happened([...at, 'appliedOn'], grant.appliedOn).happened([...at, 'receivedOn'], grant.receivedOn)
      .order([...at, 'appliedOn'], data.referredOn, grant.appliedOn, 'the referral')
      .order([...at, 'receivedOn'], grant.appliedOn, grant.receivedOn, 'the application').text([...at, 'activityType'], grant.activityType);
  }
  return {
    kind: 'ENTREPRENEURSHIP_SUPPORT' as const, referredOn: data.referredOn,
    microcredit: microcredit && {
      receivedOn: microcredit.receivedOn, amount: money(microcredit.amount), gracePeriodMonths: microcredit.gracePeriodMonths ?? null,
      repaymentTermMonths: microcredit.repaymentTermMonths, activityType: microcredit.activityType.trim(),
    },
    basicsTraining: basicsTraining && { startedOn: basicsTraining.startedOn, finishedOn: basicsTraining.finishedOn ?? null },
    grant: grant && { appliedOn: grant.appliedOn, receivedOn: grant.receivedOn ?? null, activityType: grant.activityType.trim() },
  };
}

export function subsidizedColumns(checks: Checks, data: SubsidizedJobData) {
  checks.happened(['input', 'referredOn'], data.referredOn).text(['input', 'employerName'], data.employerName).text(['input', 'position'], data.position)
    .plannedPeriod(['input', 'participationPeriod'], data.participationPeriod, { date: data.referredOn, what: 'the referral' });
  return {
    kind: 'SUBSIDIZED_JOB' as const, referredOn: data.referredOn, jobType: data.jobType, participationPeriod: period(data.participationPeriod),
    employerName: data.employerName.trim(), position: data.position.trim(),
    ...outcomeColumns(checks, ['input', 'employerDecision'], data.employerDecision, data.referredOn),
    employment: employment(checks, ['input', 'permanentEmployment'], data.permanentEmployment, data.referredOn),
  };
}

export function relocationColumns(checks: Checks, data: RelocationData) {
  checks.happened(['input', 'referredOn'], data.referredOn);
  data.familyMembers.forEach((member, i) => {
    const at = ['input', 'familyMembers', String(i)];
    checks.text([...at, 'fullName'], member.fullName).text([...at, 'kinship'], member.kinship, false);
    if (!member.ableToWork) checks.text([...at, 'unableToWorkReason'], member.unableToWorkReason);
    else if (member.unableToWorkReason) checks.add([...at, 'unableToWorkReason'], 'INVALID_VALUE', 'a member able to work has no reason for being unable');
  });
  if (!data.destination.region) checks.add(['input', 'destination', 'region'], 'REQUIRED', 'the destination region is required');
  checks.place(['input', 'destination'], data.destination.region, data.destination.district)
    .text(['input', 'destination', 'settlement'], data.destination.settlement, false);
  const assistance = data.materialAssistance;
  for (const key of ['relocationExpenses', 'rentReimbursement', 'economicMobilityCertificate'] as const) {
    checks.money(['input', 'materialAssistance', key], assistance[key]);
  }
  const area = data.housing?.areaPerFamilyMember;
  checks.positive(['input', 'housing', 'areaPerFamilyMember'], area);
  if (area != null && area > MAX_AREA) checks.add(['input', 'housing', 'areaPerFamilyMember'], 'INVALID_VALUE', `more than ${MAX_AREA} m² per family member`);
  return {
    row: {
      kind: 'RELOCATION' as const, referredOn: data.referredOn,
      destination: { region: data.destination.region ?? null, district: data.destination.district ?? null, settlement: text(data.destination.settlement) },
      assistance: {
        relocationExpenses: money(assistance.relocationExpenses), rentReimbursement: money(assistance.rentReimbursement),
        economicMobilityCertificate: money(assistance.economicMobilityCertificate),
      },
      housing: data.housing && { type: data.housing.type, areaPerFamilyMember: data.housing.areaPerFamilyMember == null ? null : data.housing.areaPerFamilyMember.toFixed(2) },
      employment: employment(checks, ['input', 'employment'], data.employment, data.referredOn),
    },
    family: data.familyMembers.map((m) => ({
      fullName: m.fullName.trim(), kinship: text(m.kinship), ableToWork: m.ableToWork, unableToWorkReason: m.ableToWork ? null : text(m.unableToWorkReason),
    })),
  };
}

export type Kind = keyof typeof MEASURE_ENTITIES;

/**
 * §16.4 — the family of a relocation: members are rows of their own, recorded in the history one
 * by one; a correction voids the members it replaces.
 */
async function setFamily(change: CardChange, relocation: AnyActiveMeasure, family: ReturnType<typeof relocationColumns>['family']): Promise<void> {
  if (!relocation.id) await change.em.flush();
  for (const member of await change.em.find(RelocationFamilyMember, { relocation: relocation.id, voidedAt: null })) {
    change.update('relocationFamilyMember', member, (m) => Object.assign(m, {
      voidedAt: change.now, voidedBy: change.deps.actor.id, voidReason: 'replaced by a correction of the relocation',
    }));
  }
  for (const member of family) change.addChild('relocationFamilyMember', RelocationFamilyMember, { ...member, relocation: relocation.id });
}

function create<K extends Kind, D>(kind: K, action: string, columns: (checks: Checks, data: D) => object) {
  return (deps: ChangeDeps, cardId: string, version: number, data: D) =>
    changeCard(deps, { cardId, version, action, argument: 'cardId' }, async (change) => {
      const checks = change.checks();
      const built = columns(checks, data);
      checks.orReject();
      if (kind !== 'RELOCATION') return change.add('activeMeasure', MEASURE_ENTITIES[kind] as never, built) as AnyActiveMeasure;
      const { row, family } = built as ReturnType<typeof relocationColumns>;
      const relocation = change.add('activeMeasure', Relocation, row) as AnyActiveMeasure;
      await setFamily(change, relocation, family);
      return relocation;
    });
}

/** The measure `id` of `kind`, for a change of it; other kinds are not found. */
function changeMeasure<T>(
  deps: ChangeDeps, id: string, version: number, action: string, kinds: readonly Kind[],
  work: (change: CardChange, measure: AnyActiveMeasure) => Promise<T>,
) {
  return changeEntry(deps, { entity: ActiveMeasure as never, entryId: id, version, action }, async (change, entry: AnyActiveMeasure) => {
    if (!kinds.includes(entry.kind)) throw new Rejected([userError(['id'], 'NOT_FOUND', `no such ${kinds.join(' or ').toLowerCase()} entry`)]);
    return work(change, entry);
  });
}

function correct<K extends Kind, D>(kind: K, action: string, columns: (checks: Checks, data: D) => object) {
  return (deps: ChangeDeps, id: string, version: number, data: D) =>
    changeMeasure(deps, id, version, action, [kind], async (change, measure) => {
      const checks = change.checks();
      const built = columns(checks, data);
      checks.orReject();
      const { row, family } = kind === 'RELOCATION' ? built as ReturnType<typeof relocationColumns> : { row: built, family: null };
      change.update('activeMeasure', measure, (m) => change.em.assign(m, row as never));
      if (family) await setFamily(change, measure, family);
      return measure;
    });
}

export const createProfessionalTraining = create('PROFESSIONAL_TRAINING', 'professionalTrainingCreate', trainingColumns);
export const correctProfessionalTraining = correct('PROFESSIONAL_TRAINING', 'professionalTrainingCorrect', trainingColumns);
export const createEntrepreneurshipSupport = create('ENTREPRENEURSHIP_SUPPORT', 'entrepreneurshipSupportCreate', entrepreneurshipColumns);
export const correctEntrepreneurshipSupport = correct('ENTREPRENEURSHIP_SUPPORT', 'entrepreneurshipSupportCorrect', entrepreneurshipColumns);
export const createSubsidizedJob = create('SUBSIDIZED_JOB', 'subsidizedJobCreate', subsidizedColumns);
export const correctSubsidizedJob = correct('SUBSIDIZED_JOB', 'subsidizedJobCorrect', subsidizedColumns);
export const createRelocation = create('RELOCATION', 'relocationCreate', relocationColumns);
export const correctRelocation = correct('RELOCATION', 'relocationCorrect', relocationColumns);

/** §16.3 — the employer's decision on a subsidized job, once. */
export function recordSubsidizedJobDecision(deps: ChangeDeps, id: string, version: number, outcome: OutcomeData) {
  return changeMeasure(deps, id, version, 'subsidizedJobRecordDecision', ['SUBSIDIZED_JOB'], async (change, job) => {
    const checks = change.checks();
    if (!outcome.hiring === !outcome.refusal) {
      checks.add(['input'], 'INVALID_VALUE', 'a decision is either hiring or refusal: give exactly one').orReject();
    }
    const row = recordedOutcome(checks, job as SubsidizedJob, outcome, job.referredOn, (which) => ['input', which]);
    change.update('activeMeasure', job, (j) => change.em.assign(j, row as never));
    return job;
  });
}

/**
 * §16.1, §16.3, §16.4 — permanent employment after the measure, once. `kind` is the kind the
 * caller's id names: a measure of another kind is not found.
 */
export function recordMeasureEmployment(deps: ChangeDeps, id: string, version: number, data: EmploymentData, kind: Kind) {
  return changeMeasure(deps, id, version, 'activeMeasureRecordEmployment', [kind], async (change, measure) => {
    if (measure instanceof EntrepreneurshipSupport) {
      throw new Rejected([userError(['id'], 'INVALID_VALUE', '§16.2 entrepreneurship support records no employment')]);
    }
    if (measure.employment) throw alreadyRecorded();
    const checks = change.checks();
    const row = employment(checks, ['input'], data, measure.referredOn);
    checks.orReject();
    change.update('activeMeasure', measure, (m) => change.em.assign(m, { employment: row } as never));
    return measure;
  });
}
