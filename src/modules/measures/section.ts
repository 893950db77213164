import type {
  EmploymentInput, EntrepreneurshipSupportInput, LoanTermInput, ProfessionalTrainingInput, RelocationAssistanceInput, RelocationFamilyMemberInput,
  RelocationHousingInput, RelocationInput, SubsidizedJobInput,
} from '../../generated/graphql.ts';
import type { Checks } from '../base/checks.ts';
import { allHandled, period, placeValue, text } from '../base/inputs.ts';
import { normalizeMoney } from '../base/money.ts';
import { listSection, type ImportedRow } from '../card/card-section.ts';
import { outcomeValues } from '../referral/section.ts';
import {
  ActiveMeasure, EntrepreneurshipSupport, ProfessionalTraining, Relocation, RelocationFamilyMember, SubsidizedJob, type AnyActiveMeasure,
} from './measure.entity.ts';
import { activeMeasuresPrinted } from './printed.ts';

// §16 — referrals to the four kinds of active employment-promotion measures (one table, told apart
// by `kind`), and the families of §16.4 relocations (rows of their own).

/** §16.4 — beyond any real dwelling (and what the column stores: numeric(7,2)). */
const MAX_AREA = 10_000;
/**
 * §16.2 — the longest microcredit term and grace period, in months: state microcredits run for up
 * to 7 years; 10 leaves room and refuses a mistyped 1 000 000 000.
 */
const MAX_LOAN_MONTHS = 120;
const money = (value: string | null | undefined) => (value == null ? null : normalizeMoney(value));

/** The day `months` calendar months after `date` (both `YYYY-MM-DD`), the last of a shorter month when it has no such day. */
function monthsAfter(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const index = year * 12 + (month - 1) + months;
  const lastDay = new Date(Date.UTC(Math.floor(index / 12), (index % 12) + 1, 0)).getUTCDate();
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}-${String(Math.min(day, lastDay)).padStart(2, '0')}`;
}

/**
 * §16.2 — checks a term given as the form allows (months, or the day it ends; exactly one: the
 * SDL's `@oneOf` says so to the API, this to the import) and gives it as stored, with the day it
 * ends to compare terms by. Null when it cannot be used.
 */
function loanTerm(checks: Checks, field: readonly string[], input: LoanTermInput, receivedOn: string, positive: boolean) {
  const { months, until, ...rest } = input;
  allHandled(rest);
  if ((months == null) === (until == null)) {
    checks.add([...field], 'INVALID_VALUE', 'a term is given either in months or as the day it ends, exactly one of the two');
    return null;
  }
  if (months != null) {
    checks.range([...field, 'months'], months, 0, MAX_LOAN_MONTHS);
    if (positive) checks.positive([...field, 'months'], months);
    return { months, until: null, end: monthsAfter(receivedOn, Math.min(months, MAX_LOAN_MONTHS)) };
  }
  checks.order([...field, 'until'], receivedOn, until, 'the day the microcredit was received');
  if (until! > monthsAfter(receivedOn, MAX_LOAN_MONTHS)) checks.add([...field, 'until'], 'OUT_OF_RANGE', `the term ends more than ${MAX_LOAN_MONTHS} months after the microcredit was received`);
  return { months: null, until: until!, end: until! };
}

/** §16.1, §16.3, §16.4 — checks employment in a permanent job after a measure and gives it as stored. */
export function employmentValue(checks: Checks, field: readonly string[], input: EmploymentInput | null | undefined, referredOn: string) {
  if (!input) return null;
  const { employedOn, employerName, position, ...rest } = input;
  allHandled(rest);
  checks.text([...field, 'employerName'], employerName).text([...field, 'position'], position)
    .happened([...field, 'employedOn'], employedOn).order([...field, 'employedOn'], referredOn, employedOn, 'the referral');
  return { employedOn, employerName: employerName.trim(), position: position.trim() };
}

/** §16.1 — checks a referral to professional training and gives its row. */
export function professionalTrainingRow(checks: Checks, input: ProfessionalTrainingInput, field: readonly string[] = ['input']) {
  const { referredOn, trainingType, providerName, providerAddress, providerPhone, studyPeriod, qualificationObtained, permanentEmployment, ...rest } = input;
  allHandled(rest);
  checks.happened([...field, 'referredOn'], referredOn).text([...field, 'providerName'], providerName)
    .text([...field, 'providerAddress'], providerAddress, false).text([...field, 'qualificationObtained'], qualificationObtained, false)
    .plannedPeriod([...field, 'studyPeriod'], studyPeriod, { date: referredOn, what: 'the referral' });
  return {
    kind: 'PROFESSIONAL_TRAINING' as const, referredOn, trainingType, providerName: providerName.trim(), providerAddress: text(providerAddress),
    providerPhone: providerPhone ?? null, studyPeriod: period(studyPeriod), qualificationObtained: text(qualificationObtained),
    employment: employmentValue(checks, [...field, 'permanentEmployment'], permanentEmployment, referredOn),
  };
}

/** §16.2 — checks a referral to entrepreneurship support and gives its row. */
export function entrepreneurshipSupportRow(checks: Checks, input: EntrepreneurshipSupportInput, field: readonly string[] = ['input']) {
  const { referredOn, microcredit, basicsTraining, grant, ...rest } = input;
  allHandled(rest);
  checks.happened([...field, 'referredOn'], referredOn);
  let credit = null;
  if (microcredit) {
    const at = [...field, 'microcredit'];
    const { receivedOn, amount, gracePeriod, repaymentTerm, activityType, ...other } = microcredit;
    allHandled(other);
    checks.happened([...at, 'receivedOn'], receivedOn).order([...at, 'receivedOn'], referredOn, receivedOn, 'the referral')
      .money([...at, 'amount'], amount).positive([...at, 'amount'], amount).text([...at, 'activityType'], activityType);
    const repayment = loanTerm(checks, [...at, 'repaymentTerm'], repaymentTerm, receivedOn, true);
    const grace = gracePeriod ? loanTerm(checks, [...at, 'gracePeriod'], gracePeriod, receivedOn, false) : null;
    if (grace?.end && repayment?.end && grace.end > repayment.end) checks.add([...at, 'gracePeriod'], 'INVALID_VALUE', 'the grace period is longer than the repayment term');
    credit = {
      receivedOn, amount: money(amount), gracePeriodMonths: grace?.months ?? null, gracePeriodUntil: grace?.until ?? null,
      repaymentTermMonths: repayment?.months ?? null, repaymentTermUntil: repayment?.until ?? null, activityType: activityType.trim(),
    };
  }
  let basics = null;
  if (basicsTraining) {
    const at = [...field, 'basicsTraining'];
    const { startedOn, finishedOn, ...other } = basicsTraining;
    allHandled(other);
    // Training may be arranged ahead: its dates may lie in the future.
    checks.afterBirth([...at, 'startedOn'], startedOn).order([...at, 'startedOn'], referredOn, startedOn, 'the referral')
      .order([...at, 'finishedOn'], startedOn, finishedOn, 'the start');
    basics = { startedOn, finishedOn: finishedOn ?? null };
  }
  let granted = null;
  if (grant) {
    const at = [...field, 'grant'];
    const { appliedOn, receivedOn, activityType, ...other } = grant;
    allHandled(other);
    checks.happened([...at, 'appliedOn'], appliedOn).happened([...at, 'receivedOn'], receivedOn)
      .order([...at, 'appliedOn'], referredOn, appliedOn, 'the referral')
      .order([...at, 'receivedOn'], appliedOn, receivedOn, 'the application').text([...at, 'activityType'], activityType);
    granted = { appliedOn, receivedOn: receivedOn ?? null, activityType: activityType.trim() };
  }
  return { kind: 'ENTREPRENEURSHIP_SUPPORT' as const, referredOn, microcredit: credit, basicsTraining: basics, grant: granted };
}

/** §16.3 — checks a referral to a subsidized job and gives its row. */
export function subsidizedJobRow(checks: Checks, input: SubsidizedJobInput, field: readonly string[] = ['input']) {
  const { referredOn, jobType, participationPeriod, employerName, position, employerDecision, permanentEmployment, ...rest } = input;
  allHandled(rest);
  checks.happened([...field, 'referredOn'], referredOn).text([...field, 'employerName'], employerName).text([...field, 'position'], position)
    .plannedPeriod([...field, 'participationPeriod'], participationPeriod, { date: referredOn, what: 'the referral' });
  return {
    kind: 'SUBSIDIZED_JOB' as const, referredOn, jobType, participationPeriod: period(participationPeriod),
    employerName: employerName.trim(), position: position.trim(),
    ...outcomeValues(checks, [...field, 'employerDecision'], employerDecision, referredOn),
    employment: employmentValue(checks, [...field, 'permanentEmployment'], permanentEmployment, referredOn),
  };
}

function familyMemberRow(checks: Checks, field: readonly string[], input: RelocationFamilyMemberInput) {
  const { fullName, kinship, ableToWork, unableToWorkReason, ...rest } = input;
  allHandled(rest);
  checks.text([...field, 'fullName'], fullName).text([...field, 'kinship'], kinship, false);
  if (!ableToWork) checks.text([...field, 'unableToWorkReason'], unableToWorkReason);
  else if (unableToWorkReason) checks.add([...field, 'unableToWorkReason'], 'INVALID_VALUE', 'a member able to work has no reason for being unable');
  return { fullName: fullName.trim(), kinship: text(kinship), ableToWork, unableToWorkReason: ableToWork ? null : text(unableToWorkReason) };
}

function assistanceValue(checks: Checks, field: readonly string[], input: RelocationAssistanceInput) {
  const { relocationExpenses, rentReimbursement, economicMobilityCertificate, ...rest } = input;
  allHandled(rest);
  checks.money([...field, 'relocationExpenses'], relocationExpenses).money([...field, 'rentReimbursement'], rentReimbursement)
    .money([...field, 'economicMobilityCertificate'], economicMobilityCertificate);
  return { relocationExpenses: money(relocationExpenses), rentReimbursement: money(rentReimbursement), economicMobilityCertificate: money(economicMobilityCertificate) };
}

function housingValue(checks: Checks, field: readonly string[], input: RelocationHousingInput | null | undefined) {
  checks.positive([...field, 'areaPerFamilyMember'], input?.areaPerFamilyMember);
  if (!input) return null;
  const { type, areaPerFamilyMember: area, ...rest } = input;
  allHandled(rest);
  if (area != null && area > MAX_AREA) checks.add([...field, 'areaPerFamilyMember'], 'INVALID_VALUE', `more than ${MAX_AREA} m² per family member`);
  return { type, areaPerFamilyMember: area == null ? null : area.toFixed(2) };
}

/** §16.4 — checks a referral to voluntary relocation and gives its row and the family's rows. */
export function relocationRows(checks: Checks, input: RelocationInput, field: readonly string[] = ['input']) {
  const { referredOn, familyMembers, destination, materialAssistance, housing, employment, ...rest } = input;
  allHandled(rest);
  checks.happened([...field, 'referredOn'], referredOn);
  const family = familyMembers.map((member, i) => familyMemberRow(checks, [...field, 'familyMembers', String(i)], member));
  if (!destination.region) checks.add([...field, 'destination', 'region'], 'REQUIRED', 'the destination region is required');
  const place = placeValue(checks, [...field, 'destination'], destination);
  checks.text([...field, 'destination', 'settlement'], destination.settlement, false);
  return {
    row: {
      kind: 'RELOCATION' as const, referredOn, destination: place,
      assistance: assistanceValue(checks, [...field, 'materialAssistance'], materialAssistance),
      housing: housingValue(checks, [...field, 'housing'], housing),
      employment: employmentValue(checks, [...field, 'employment'], employment, referredOn),
    },
    family,
  };
}

/** An imported §16 entry: one of the four kinds, named by `kind`. */
type ImportedMeasure =
  | ({ kind: 'PROFESSIONAL_TRAINING' } & ProfessionalTrainingInput)
  | ({ kind: 'ENTREPRENEURSHIP_SUPPORT' } & EntrepreneurshipSupportInput)
  | ({ kind: 'SUBSIDIZED_JOB' } & SubsidizedJobInput)
  | ({ kind: 'RELOCATION' } & RelocationInput);

function importedMeasure(checks: Checks, { kind, ...input }: ImportedMeasure): ImportedRow {
  switch (kind) {
    case 'PROFESSIONAL_TRAINING': return { row: professionalTrainingRow(checks, input as ProfessionalTrainingInput) };
    case 'ENTREPRENEURSHIP_SUPPORT': return { row: entrepreneurshipSupportRow(checks, input as EntrepreneurshipSupportInput) };
    case 'SUBSIDIZED_JOB': return { row: subsidizedJobRow(checks, input as SubsidizedJobInput) };
    case 'RELOCATION': {
      const { row, family } = relocationRows(checks, input as RelocationInput);
      return { row, children: family };
    }
  }
}

const ofKind = (kind: string) => (row: { kind?: unknown }) => row.kind === kind;

/** §16 — referrals to active employment-promotion measures, in chronological order; a union of four kinds. */
export const activeMeasures = listSection<AnyActiveMeasure>({
  name: 'activeMeasure',
  printed: activeMeasuresPrinted,
  documentKey: 'activeMeasures',
  entity: ActiveMeasure as never,
  entities: [ActiveMeasure, ProfessionalTraining, EntrepreneurshipSupport, SubsidizedJob, Relocation],
  types: {
    ProfessionalTraining: ofKind('PROFESSIONAL_TRAINING'),
    EntrepreneurshipSupport: ofKind('ENTREPRENEURSHIP_SUPPORT'),
    SubsidizedJob: ofKind('SUBSIDIZED_JOB'),
    Relocation: ofKind('RELOCATION'),
  },
  order: [{ property: 'referredOn', cast: 'date' }, { property: 'id', cast: 'bigint' }],
  receiving: true,
  paged: true,
  filterProperty: 'kind',
  variant: 'kind',
  children: {
    kind: 'child',
    name: 'relocationFamilyMember',
    documentKey: 'familyMembers',
    entity: RelocationFamilyMember,
    owner: 'relocation',
    type: 'RelocationFamilyMember',
    of: ['Relocation'],
    order: [{ property: 'id', cast: 'bigint' }],
  },
  imported: [{
    key: 'activeMeasures',
    description: '§16 — referrals to active measures, each one of the four kinds named by `kind`.',
    input: {
      byKind: {
        PROFESSIONAL_TRAINING: 'ProfessionalTrainingInput', ENTREPRENEURSHIP_SUPPORT: 'EntrepreneurshipSupportInput',
        SUBSIDIZED_JOB: 'SubsidizedJobInput', RELOCATION: 'RelocationInput',
      },
    },
    row: importedMeasure,
  }],
});
