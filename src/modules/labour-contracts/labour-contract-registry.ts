import { checkText } from '../base/text.ts';
import { parseIin } from '../person/iin.ts';

// The state register of employment contracts (ЕСУТД — еңбек шарттарын есепке алудың бірыңғай жүйесі /
// единая система учёта трудовых договоров) as this system sees it: ask for an IIN, get the labour
// contracts the person concluded, or learn why not. Registry trouble is an answer, never an
// exception: the job that asks decides what it costs (see labour-contracts.job.ts).

/** One labour contract as the register records it. */
export interface LabourContract {
  /** The contract's number, as the employer registered it. */
  contractNumber: string;
  /** The employer's business identification number (БСН / БИН), 12 digits. */
  employerBin: string;
  employerName: string;
  position: string;
  /** `YYYY-MM-DD`: the day the contract was concluded (signed). */
  concludedOn: string;
  /** `YYYY-MM-DD`: the first day of work; not before `concludedOn`. */
  startedOn: string;
  /** `YYYY-MM-DD`: the last day of a fixed-term contract; null for a contract of indefinite term. */
  endsOn: string | null;
}

export type LabourContractAnswer =
  /** The register knows the person: their contracts (possibly none). */
  | { kind: 'found'; contracts: LabourContract[] }
  /** The register does not know the IIN. */
  | { kind: 'notFound' }
  /** The register could not answer now (timeout, refused connection, HTTP 5xx or 429): ask again later. */
  | { kind: 'unavailable'; reason: string }
  /** The register answered something unusable: a person must look. */
  | { kind: 'invalid'; reason: string };

export interface LabourContractRegistry {
  /** Names the register in logs and in the history's actor name of what it records. */
  readonly name: string;
  /** Never throws for registry trouble: that is an `unavailable` or `invalid` answer. */
  contractsOf(iin: string): Promise<LabourContractAnswer>;
}

const invalid = (reason: string): LabourContractAnswer => ({ kind: 'invalid', reason });
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (value: unknown): value is string =>
  typeof value === 'string' && DATE.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);

/** One contract of an answer, or why it is unusable. */
function readContract(record: unknown): LabourContract | string {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) return 'is not an object';
  const fields = record as Record<string, unknown>;
  const employer = fields.employer as Record<string, unknown> | null | undefined;
  if (employer === null || typeof employer !== 'object' || Array.isArray(employer)) return 'has no `employer`';
  // Text is held to the rules of what a caseworker types: it fills the same columns.
  const text = (value: unknown, key: string, kind: 'ShortText' | 'Text'): string | { problem: string } => {
    if (typeof value !== 'string' || !value.trim()) return { problem: `\`${key}\` is missing or empty` };
    const checked = checkText(kind, value.normalize('NFC').trim());
    return checked.ok ? checked.text : { problem: `\`${key}\` ${checked.problem}` };
  };
  const contractNumber = text(fields.contractNumber, 'contractNumber', 'ShortText');
  const employerName = text(employer.name, 'employer.name', 'Text');
  const position = text(fields.position, 'position', 'Text');
  for (const value of [contractNumber, employerName, position]) if (typeof value !== 'string') return value.problem;
  if (typeof employer.bin !== 'string' || !/^\d{12}$/.test(employer.bin)) return '`employer.bin` is not 12 digits';
  if (!isDate(fields.concludedOn)) return '`concludedOn` is missing or not a date';
  if (!isDate(fields.startedOn)) return '`startedOn` is missing or not a date';
  if (fields.startedOn < fields.concludedOn) return '`startedOn` is before `concludedOn`';
  const endsOn = fields.endsOn ?? null;
  if (endsOn !== null && (!isDate(endsOn) || endsOn < fields.startedOn)) return '`endsOn` is not a date on or after `startedOn`';
  return {
    contractNumber: contractNumber as string, employerBin: employer.bin, employerName: employerName as string, position: position as string,
    concludedOn: fields.concludedOn, startedOn: fields.startedOn, endsOn,
  };
}

/**
 * The answer a register's record of the person `iin` makes: found when it is a record about that
 * very IIN whose every contract is usable, invalid otherwise (one bad contract spoils the answer:
 * an outcome is never recorded from part of what the register said).
 */
export function readContracts(iin: string, record: unknown): LabourContractAnswer {
  if (!parseIin(iin).ok) return invalid('the IIN asked for is not valid');
  if (record === null || typeof record !== 'object' || Array.isArray(record)) return invalid('the answer is not a record of contracts');
  const fields = record as Record<string, unknown>;
  if (fields.iin !== iin) return invalid(typeof fields.iin === 'string' ? 'the answer is about another IIN' : 'the answer has no IIN');
  if (!Array.isArray(fields.contracts)) return invalid('`contracts` is not a list');
  const contracts: LabourContract[] = [];
  for (const [index, item] of fields.contracts.entries()) {
    const contract = readContract(item);
    if (typeof contract === 'string') return invalid(`contract ${index + 1} ${contract}`);
    contracts.push(contract);
  }
  return { kind: 'found', contracts };
}
