import type { LabourContract } from './labour-contract-registry.ts';

// Which of the register's contracts is the outcome of which entry of a card: a pure rule, so the
// job, its tests and docs/labour-contracts.md#the-matching-rule say the same thing.
//
// - A hiring act (§14 referral, §16.3 subsidized job, §17 special workplace) is a contract with the
//   entry's employer (names compared as `employerKey` gives them: the card records no BIN), concluded
//   on or after the referral and at most HIRING_WINDOW_DAYS after it. Of two entries with one
//   employer, the later referral is the one that led to the contract: entries take contracts latest
//   referral first, each the earliest contract no later entry took.
// - Permanent employment (§16.1, §16.3, §16.4) is employment after the measure, looked for once it
//   is over: the end of its study or participation period (a relocation, or a measure with no end
//   given: its referral). It is a contract with any employer, of indefinite term or running a year
//   or more, whose work started on or after that day and at most EMPLOYMENT_WINDOW_DAYS after it;
//   the earliest such. A subsidized job's own hiring contract is not its permanent employment.
// - Only what already happened counts: a contract concluded, or work started, after today waits
//   for a later run.

/** Days after a referral within which a contract with its employer is its hiring act. */
export const HIRING_WINDOW_DAYS = 92;
/** Days after a measure ended within which a permanent contract is its outcome. */
export const EMPLOYMENT_WINDOW_DAYS = 183;

export type OutcomeKind = 'HIRING_ACT' | 'PERMANENT_EMPLOYMENT';
/** The card's entries that have outcomes the register can give, by their GraphQL type. */
export type OutcomeEntryType = 'Referral' | 'SubsidizedJob' | 'SpecialWorkplace' | 'ProfessionalTraining' | 'Relocation';

export interface HiringActValue { orderDate: string; orderNumber: string; position: string }
export interface EmploymentValue { employedOn: string; employerName: string; position: string }

/** An entry of a card as the rule reads it. */
export interface OutcomeEntry {
  type: OutcomeEntryType;
  id: string;
  referredOn: string;
  /** §14, §16.3, §17 — the employer referred to. */
  employerName: string | null;
  /** §16.1, §16.3 — the last day of the study or participation period, when known. */
  periodEnd: string | null;
  hiringAct: HiringActValue | null;
  /** §14, §16.3 — a refusal recorded instead of a hiring act. */
  refused: boolean;
  employment: EmploymentValue | null;
}

/** What the register says one outcome of one entry is: the contract, and the other contracts that would do. */
export interface Finding {
  entry: OutcomeEntry;
  outcome: OutcomeKind;
  contract: LabourContract;
  /** Every contract the rule accepts for this outcome (the chosen one first): what is recorded agrees if it agrees with one. */
  eligible: LabourContract[];
}

const HAS_HIRING: ReadonlySet<OutcomeEntryType> = new Set(['Referral', 'SubsidizedJob', 'SpecialWorkplace']);
const HAS_EMPLOYMENT: ReadonlySet<OutcomeEntryType> = new Set(['ProfessionalTraining', 'SubsidizedJob', 'Relocation']);

/** Whether an entry of this type records a hiring act, or permanent employment. */
export const hasOutcome = (type: OutcomeEntryType, outcome: OutcomeKind) => (outcome === 'HIRING_ACT' ? HAS_HIRING : HAS_EMPLOYMENT).has(type);

/** `YYYY-MM-DD` plus `days`. */
export function addDays(date: string, days: number): string {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

// Legal forms written before or after the name, in Kazakh, Russian and English abbreviations.
const LEGAL_FORMS = new Set([
  'тоо', 'жшс', 'ао', 'ақ', 'ак', 'ип', 'жк', 'кх', 'шқ', 'гу', 'кгу', 'ргу', 'мм', 'ркп', 'ргп', 'ргкп', 'гкп', 'гккп', 'мкп', 'кгп', 'кгкп', 'рмк', 'шжқ', 'коо', 'пк', 'llp', 'jsc', 'ltd', 'llc', 'ie']);

/**
 * An employer's name as compared: case, quotes, punctuation and the legal form (ТОО, АО, ЖШС…)
 * left out, so «ТОО "Алматы Су"» and "Алматы Су ТОО" are one employer.
 */
export function employerKey(name: string): string {
  return name.normalize('NFC').toLocaleLowerCase('ru').replace(/ё/g, 'е').split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word && !LEGAL_FORMS.has(word)).join(' ');
}

const sameEmployer = (a: string, b: string) => employerKey(a) === employerKey(b);
const byConcluded = (a: LabourContract, b: LabourContract) =>
  a.concludedOn.localeCompare(b.concludedOn) || a.startedOn.localeCompare(b.startedOn) || a.contractNumber.localeCompare(b.contractNumber);
const byStarted = (a: LabourContract, b: LabourContract) =>
  a.startedOn.localeCompare(b.startedOn) || a.concludedOn.localeCompare(b.concludedOn) || a.contractNumber.localeCompare(b.contractNumber);
const contractKey = (contract: LabourContract) => `${contract.employerBin}/${contract.contractNumber}`;

/** A contract of indefinite term, or one that runs a year or more. */
const permanent = (contract: LabourContract) => contract.endsOn === null || contract.endsOn >= addDays(contract.startedOn, 364);

/** When a measure is over: the end of its period, or its referral (a relocation, or no period given). */
const measureEnd = (entry: OutcomeEntry) => entry.periodEnd ?? entry.referredOn;

/** The register's outcome of each of the card's entries that has one. */
export function findOutcomes(entries: readonly OutcomeEntry[], contracts: readonly LabourContract[], today: string): Finding[] {
  const findings: Finding[] = [];
  const taken = new Set<string>();
  const hiringOf = new Map<string, LabourContract>();
  const latestFirst = [...entries].sort((a, b) => b.referredOn.localeCompare(a.referredOn) || Number(BigInt(b.id) - BigInt(a.id)));
  for (const entry of latestFirst) {
    if (!hasOutcome(entry.type, 'HIRING_ACT') || entry.employerName === null) continue;
    const last = addDays(entry.referredOn, HIRING_WINDOW_DAYS);
    const eligible = contracts
      .filter((c) => sameEmployer(c.employerName, entry.employerName!) && c.concludedOn >= entry.referredOn && c.concludedOn <= last && c.concludedOn <= today)
      .sort(byConcluded);
    const contract = eligible.find((c) => !taken.has(contractKey(c)));
    if (!contract) continue;
    taken.add(contractKey(contract));
    hiringOf.set(entry.id, contract);
    findings.push({ entry, outcome: 'HIRING_ACT', contract, eligible: [contract, ...eligible.filter((c) => c !== contract)] });
  }
  for (const entry of latestFirst) {
    if (!hasOutcome(entry.type, 'PERMANENT_EMPLOYMENT')) continue;
    const end = measureEnd(entry);
    if (end > today) continue;
    const last = addDays(end, EMPLOYMENT_WINDOW_DAYS);
    const own = hiringOf.get(entry.id);
    const eligible = contracts
      .filter((c) => c !== own && permanent(c) && c.startedOn >= end && c.startedOn <= last && c.startedOn <= today)
      .sort(byStarted);
    if (eligible.length) findings.push({ entry, outcome: 'PERMANENT_EMPLOYMENT', contract: eligible[0]!, eligible });
  }
  return findings;
}

/** The hiring act a contract makes: the contract's date and number stand for the employer's act. */
export const hiringActOf = (contract: LabourContract): HiringActValue => ({
  orderDate: contract.concludedOn, orderNumber: contract.contractNumber, position: contract.position,
});

/** The permanent employment a contract makes. */
export const employmentOf = (contract: LabourContract): EmploymentValue => ({
  employedOn: contract.startedOn, employerName: contract.employerName, position: contract.position,
});

const sameNumber = (a: string, b: string) => a.trim().toLocaleLowerCase('ru') === b.trim().toLocaleLowerCase('ru');

/**
 * Whether what the entry records for `outcome` agrees with one of the contracts the rule accepts:
 * a hiring act with the contract's number, or dated the day it was concluded or work started; an
 * employment with that employer from the day work started. A refusal agrees with no contract.
 */
export function agrees(finding: Finding): boolean {
  const { entry, outcome, eligible } = finding;
  if (outcome === 'HIRING_ACT') {
    const act = entry.hiringAct;
    return act !== null && eligible.some((c) => sameNumber(act.orderNumber, c.contractNumber) || act.orderDate === c.concludedOn || act.orderDate === c.startedOn);
  }
  const employment = entry.employment;
  return employment !== null && eligible.some((c) => sameEmployer(employment.employerName, c.employerName) && employment.employedOn === c.startedOn);
}

/** Whether the entry records nothing yet for `outcome` (for a hiring act: neither hiring nor refusal). */
export const isOpen = (entry: OutcomeEntry, outcome: OutcomeKind) =>
  outcome === 'HIRING_ACT' ? entry.hiringAct === null && !entry.refused : entry.employment === null;
