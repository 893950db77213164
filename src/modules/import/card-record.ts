import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { CountryCodeResolver, EmailAddressResolver, GraphQLDate, PhoneNumberResolver } from 'graphql-scalars';
import type { GraphQLScalarType } from 'graphql';
import type { ActiveMeasureKind, RegistrationKind } from '../../generated/graphql.ts';
import { Checks } from '../base/checks.ts';
import { userError, type UserErrorData } from '../base/user-errors.ts';
import type { Territories } from '../dictionary/territories.ts';
import {
  additionalColumns, lastJobColumns, checkLastJob, mainColumns, type AdditionalEducationData, type LastJobData, type MainEducationData,
} from '../education/education.service.ts';
import { planRowColumns, type PlanRowCorrection } from '../employment-plan/employment-plan.service.ts';
import { checkExpectations, expectationsColumns, type ExpectationsData } from '../expectations/expectations.service.ts';
import { guidanceColumns, type CareerGuidanceData } from '../guidance/guidance.service.ts';
import type { EntryPart } from '../history/parts.ts';
import {
  entrepreneurshipColumns, relocationColumns, subsidizedColumns, trainingColumns,
  type EntrepreneurshipSupportData, type ProfessionalTrainingData, type RelocationData, type SubsidizedJobData,
} from '../measures/measure.service.ts';
import { checkIdentity, identityColumns, type IdentityData } from '../person/identity.service.ts';
import { parseIin, type IinFacts } from '../person/iin.ts';
import { referralColumns, type ReferralData } from '../referral/referral.service.ts';
import { checkEpisode, episodeColumns, type EpisodeData } from '../registration/registration.service.ts';
import { specialWorkplaceColumns, type SpecialWorkplaceData } from '../special-workplace/special-workplace.service.ts';
import { visitColumns, type VisitData } from '../visit/visit.service.ts';

// One import record (schema/import/card-record.schema.json): its shape is checked by that JSON
// Schema, so the published contract is the one enforced; then the record runs through the same
// checks and the same tidying (the services' `*Columns` functions) as the API's mutations.

const SCHEMA_PATH = new URL('../../../schema/import/card-record.schema.json', import.meta.url);

/** A format backed by the API's own scalar, so the file and the API accept the same values. */
const scalarFormat = (scalar: GraphQLScalarType) => (value: string) => {
  try {
    scalar.parseValue(value);
    return true;
  } catch {
    return false;
  }
};

let compiled: ValidateFunction | null = null;
function validator(): ValidateFunction {
  if (compiled) return compiled;
  const ajv = new Ajv2020({ allErrors: true, discriminator: true, strict: true, strictTypes: false });
  ajv.addFormat('date', scalarFormat(GraphQLDate));
  ajv.addFormat('phone', scalarFormat(PhoneNumberResolver));
  ajv.addFormat('email', scalarFormat(EmailAddressResolver));
  ajv.addFormat('country-code', scalarFormat(CountryCodeResolver));
  compiled = ajv.compile(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')));
  return compiled;
}

/** An entry of a list section as the record gives it, checked and tidied into its columns. */
export interface RecordEntry {
  part: EntryPart;
  /** Where the entry is in the record, for error fields (e.g. `['visits', '2']`). */
  field: string[];
  sourceId: string;
  /** The entity's columns, as the API's mutations would write them. */
  columns: Record<string, unknown>;
  /** §10: MAIN or ADDITIONAL; §16: the measure kind; §12/§15: the registration kind. */
  variant?: string;
  /** §16.4 — the family members of a relocation. */
  family?: Record<string, unknown>[];
}

/** A record that passed every check that needs no database. */
export interface CheckedRecord {
  iin: string;
  facts: IinFacts;
  careerCenterCode: string;
  openedOn: string;
  /** §1, §5–9 given by the record (keys absent from the record are absent here: left as they are). */
  identity: Partial<ReturnType<typeof identityColumns>>;
  /** §11 and §19: undefined when the record does not mention them, null to clear them. */
  lastJob?: ReturnType<typeof lastJobColumns> | null;
  expectations?: ReturnType<typeof expectationsColumns> | null;
  entries: RecordEntry[];
}

export type RecordCheck = { ok: true; record: CheckedRecord } | { ok: false; iin: string | null; errors: UserErrorData[] };

type Json = Record<string, unknown>;

const FORMAT_NAMES: Record<string, string> = {
  date: 'a valid date (YYYY-MM-DD)', phone: 'a valid phone number', email: 'a valid e-mail address',
  'country-code': 'an ISO 3166-1 alpha-2 country code',
};

function schemaErrors(errors: readonly ErrorObject[]): UserErrorData[] {
  const seen = new Set<string>();
  const result: UserErrorData[] = [];
  for (const error of errors) {
    // A nullable value is `anyOf: [its schema, null]`: the summary and the "must be null" branch
    // only repeat what the value's own schema says.
    if (error.keyword === 'anyOf' || (error.keyword === 'type' && error.params.type === 'null')) continue;
    const field = error.instancePath.split('/').slice(1).map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
    let entry: UserErrorData;
    if (error.keyword === 'discriminator') {
      entry = userError([...field, 'kind'], error.params.error === 'tag' ? 'REQUIRED' : 'INVALID_VALUE',
        'kind must be one of PROFESSIONAL_TRAINING, ENTREPRENEURSHIP_SUPPORT, SUBSIDIZED_JOB, RELOCATION');
    } else if (error.keyword === 'format') {
      entry = userError(field, 'INVALID_VALUE', `${field.at(-1)} is not ${FORMAT_NAMES[String(error.params.format)] ?? 'valid'}`);
    } else if (error.keyword === 'required') {
      const missing = String(error.params.missingProperty);
      entry = userError([...field, missing], 'REQUIRED', `${missing} is required`);
    } else if (error.keyword === 'additionalProperties') {
      const extra = String(error.params.additionalProperty);
      entry = userError([...field, extra], 'INVALID_VALUE', `${extra} is not a field of the import format`);
    } else {
      entry = userError(field.length ? field : null, 'INVALID_VALUE', `${field.at(-1) ?? 'record'} ${error.message ?? 'is invalid'}`);
    }
    const key = `${entry.field?.join('.')}|${entry.code}|${entry.message}`;
    if (!seen.has(key)) result.push(entry);
    seen.add(key);
  }
  return result;
}

/** Runs a service's checks written for a mutation's `input`, reporting them at `field` of the record. */
function at<T>(checks: Checks, field: string[], run: () => T): T {
  const before = checks.errors.length;
  const value = run();
  for (const error of checks.errors.slice(before)) {
    if (error.field?.[0] === 'input') error.field = [...field, ...error.field.slice(1)];
  }
  return value;
}

const list = (record: Json, key: string) => (record[key] as Json[] | undefined) ?? [];

/** Checks one record and tidies it into what the importer writes. */
export function checkRecord(raw: unknown, context: { today: string; territories: Territories }): RecordCheck {
  const validate = validator();
  const candidateIin = typeof (raw as Json | null)?.iin === 'string' ? (raw as Json).iin as string : null;
  if (!validate(raw)) return { ok: false, iin: candidateIin, errors: schemaErrors(validate.errors ?? []) };
  const record = raw as Json;
  const iin = parseIin(record.iin as string);
  if (!iin.ok) return { ok: false, iin: candidateIin, errors: [userError(['iin'], 'INVALID_VALUE', iin.reason)] };

  const checks = new Checks({ birthDate: iin.facts.birthDate, today: context.today, territories: context.territories });
  checks.happened(['openedOn'], record.openedOn as string);
  const identityData = { fullName: record.fullName, ...record } as unknown as IdentityData;
  checkIdentity(checks, identityData, []);
  const tidied = identityColumns(identityData);
  const identity: CheckedRecord['identity'] = { fullName: tidied.fullName };
  for (const key of ['citizenship', 'nationality', 'address', 'phone', 'email'] as const) {
    if (key in record) Object.assign(identity, { [key]: tidied[key] });
  }

  let lastJob: CheckedRecord['lastJob'];
  if ('lastJob' in record) {
    const data = record.lastJob as LastJobData | null;
    if (data) at(checks, ['lastJob'], () => checkLastJob(checks, data));
    lastJob = data && lastJobColumns(data);
  }
  let expectations: CheckedRecord['expectations'];
  if ('expectations' in record) {
    const data = record.expectations as ExpectationsData | null;
    if (data) at(checks, ['expectations'], () => checkExpectations(checks, data));
    expectations = data && expectationsColumns(data);
  }

  const entries: RecordEntry[] = [];
  const add = (key: string, part: EntryPart, build: (data: Json, field: string[]) => Omit<RecordEntry, 'part' | 'field' | 'sourceId'>) => {
    list(record, key).forEach((data, i) => {
      const field = [key, String(i)];
      entries.push({ part, field, sourceId: data.sourceId as string, ...at(checks, field, () => build(data, field)) });
    });
  };
  add('mainEducation', 'education', (data) => ({ columns: mainColumns(checks, data as unknown as MainEducationData), variant: 'MAIN' }));
  add('additionalEducation', 'education', (data) => ({ columns: additionalColumns(checks, data as unknown as AdditionalEducationData), variant: 'ADDITIONAL' }));
  add('registrations', 'registration', (data, field) => {
    const episode = data as unknown as EpisodeData & { kind: RegistrationKind };
    checkEpisode(checks, episode, field);
    return { columns: { kind: episode.kind, ...episodeColumns(episode) }, variant: episode.kind };
  });
  add('careerGuidance', 'careerGuidance', (data) => ({ columns: guidanceColumns(checks, data as unknown as CareerGuidanceData) }));
  add('referrals', 'referral', (data) => ({ columns: referralColumns(checks, data as unknown as ReferralData) }));
  add('activeMeasures', 'activeMeasure', (data) => measureEntry(checks, data));
  add('specialWorkplaces', 'specialWorkplace', (data) => ({ columns: specialWorkplaceColumns(checks, data as unknown as SpecialWorkplaceData) }));
  add('visits', 'visit', (data) => ({ columns: visitColumns(checks, data as unknown as VisitData) }));
  add('employmentPlan', 'employmentPlanRow', (data) => ({ columns: planRowColumns(checks, data as unknown as PlanRowCorrection) }));

  // A source id names one entry of a section (§10.1 and §10.2 share one table, so one namespace).
  const ids = new Map<string, string[]>();
  for (const entry of entries) {
    const key = `${entry.part}|${entry.sourceId}`;
    const first = ids.get(key);
    if (first) checks.add([...entry.field, 'sourceId'], 'INVALID_VALUE', `source id "${entry.sourceId}" is already used by ${first.join('.')}`);
    else ids.set(key, entry.field);
  }
  checkOpenEpisodes(checks, entries.filter((e) => e.part === 'registration').map((e) => ({ field: e.field, ...e.columns })));

  if (checks.errors.length) return { ok: false, iin: record.iin as string, errors: checks.errors };
  return {
    ok: true,
    record: {
      iin: record.iin as string, facts: iin.facts, careerCenterCode: record.careerCenter as string, openedOn: record.openedOn as string,
      identity, lastJob, expectations, entries,
    },
  };
}

const MEASURE_COLUMNS: Record<ActiveMeasureKind, (checks: Checks, data: never) => object> = {
  PROFESSIONAL_TRAINING: (checks, data: ProfessionalTrainingData) => trainingColumns(checks, data),
  ENTREPRENEURSHIP_SUPPORT: (checks, data: EntrepreneurshipSupportData) => entrepreneurshipColumns(checks, data),
  SUBSIDIZED_JOB: (checks, data: SubsidizedJobData) => subsidizedColumns(checks, data),
  RELOCATION: (checks, data: RelocationData) => relocationColumns(checks, data),
};

function measureEntry(checks: Checks, data: Json): Omit<RecordEntry, 'part' | 'field' | 'sourceId'> {
  const kind = data.kind as ActiveMeasureKind;
  const built = MEASURE_COLUMNS[kind](checks, data as never);
  if (kind !== 'RELOCATION') return { columns: built as Json, variant: kind };
  const { row, family } = built as ReturnType<typeof relocationColumns>;
  return { columns: row, variant: kind, family };
}

/** An episode as far as the open-episode rule cares. */
export interface EpisodeState {
  field: string[] | null;
  kind?: unknown;
  refusal?: unknown;
  deregistration?: unknown;
}

/** §12, §15 — at most one open (applied or registered) episode of each kind. */
export function checkOpenEpisodes(checks: Checks, episodes: readonly EpisodeState[]): void {
  for (const kind of ['JOB_SEEKER', 'UNEMPLOYED'] as const) {
    const open = episodes.filter((e) => e.kind === kind && !e.refusal && !e.deregistration);
    if (open.length > 1) {
      const at = open.find((e) => e.field)?.field ?? null;
      checks.add(at, 'REGISTRATION_ALREADY_OPEN', `more than one ${kind === 'JOB_SEEKER' ? 'job-seeker' : 'unemployed'} registration would be open`);
    }
  }
}
