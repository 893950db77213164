import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { CountryCodeResolver, GraphQLDate } from 'graphql-scalars';
import type { GraphQLScalarType } from 'graphql';
import { Checks } from '../base/checks.ts';
import { userError, type UserErrorData } from '../base/user-errors.ts';
import type { CardPart, ListSection, Snapshot } from '../card/card-section.ts';
import type { Territories } from '../dictionary/territories.ts';
import { isEmailAddress, phoneNumber } from '../base/contacts.ts';
import { characterProblem } from '../base/text.ts';
import { EARLIEST_DATE, parseCardIin, type IinFacts } from '../person/iin.ts';
import { CARD_PARTS, LIST_SECTIONS } from '../sections.ts';
import { KIND, RECORD_KEYS, recordSchema, SECTION_KEYS, TEXT_FORMATS } from './record-schema.ts';

// One import record (schema/import/card-record.schema.json, generated from the SDL's input types):
// its shape is checked by that JSON Schema, so the published contract is the one enforced; then
// each part and entry runs through the same checks and tidying as the API's mutations, as each
// section declares them.

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
  ajv.addFormat('date', (value: string) => scalarFormat(GraphQLDate)(value) && value >= EARLIEST_DATE);
  ajv.addFormat('phone', (value: string) => phoneNumber(value) !== null);
  ajv.addFormat(TEXT_FORMATS.line, (value: string) => characterProblem(value, false) === null);
  ajv.addFormat(TEXT_FORMATS.lines, (value: string) => characterProblem(value, true) === null);
  ajv.addFormat('email', isEmailAddress);
  ajv.addFormat('country-code', scalarFormat(CountryCodeResolver));
  compiled = ajv.compile(recordSchema());
  return compiled;
}

/** An entry of a list section as the record gives it, checked and tidied into its row. */
export interface RecordEntry {
  section: ListSection;
  /** Where the entry is in the record, for error fields (e.g. `['visits', '2']`). */
  field: string[];
  sourceId: string;
  /** The row, as the API's mutations would write it. */
  row: Record<string, unknown>;
  /** Rows belonging to the entry (§16.4 the family of a relocation). */
  children?: Record<string, unknown>[];
}

/** A record that passed every check that needs no database. */
export interface CheckedRecord {
  iin: string;
  facts: IinFacts;
  careerCenterCode: string;
  openedOn: string;
  /** The card properties each part the record gives sets (what a record leaves out is left as it is; null clears a part). */
  parts: Map<CardPart, Snapshot>;
  entries: RecordEntry[];
}

export type RecordCheck = { ok: true; record: CheckedRecord } | { ok: false; iin: string | null; errors: UserErrorData[] };

type Json = Record<string, unknown>;

/** The kinds an entry may be of, by the key of its list (§16's four). */
const KINDS = new Map(LIST_SECTIONS.flatMap((section) => (section.imported ?? [])
  .flatMap((imported) => (typeof imported.input === 'string' ? [] : [[imported.key, Object.keys(imported.input.byKind)] as const]))));

const FORMAT_NAMES: Record<string, string> = {
  date: `a valid date (YYYY-MM-DD) from ${EARLIEST_DATE}`, phone: 'a phone number in use, in E.164 form', email: 'a valid e-mail address',
  'country-code': 'an ISO 3166-1 alpha-2 country code',
  [TEXT_FORMATS.line]: 'text of one line without control characters, unpaired surrogates or bidirectional overrides',
  [TEXT_FORMATS.lines]: 'text without control characters, unpaired surrogates or bidirectional overrides',
};

/**
 * Every string of a record in Unicode NFC, as the API's text scalars store it: the record is
 * checked and stored as normalised. Text that is not Unicode (an unpaired surrogate) is left for
 * the format check to refuse.
 */
function normalised(value: unknown): unknown {
  if (typeof value === 'string') return value.isWellFormed() ? value.normalize('NFC') : value;
  if (Array.isArray(value)) return value.map(normalised);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, normalised(item)]));
  return value;
}

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
      entry = userError([...field, KIND], error.params.error === 'tag' ? 'REQUIRED' : 'INVALID_VALUE',
        `${KIND} must be one of ${KINDS.get(field[0]!)?.join(', ')}`);
    } else if (error.keyword === 'format') {
      entry = userError(field, 'INVALID_VALUE', `${field.at(-1)} is not ${FORMAT_NAMES[String(error.params.format)] ?? 'valid'}`);
    } else if (error.keyword === 'maxLength') {
      // Refused, never cut to fit its column.
      entry = userError(field, 'TOO_LONG', `${field.at(-1)} is longer than ${String(error.params.limit)} characters`);
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
export function checkRecord(given: unknown, context: { today: string; territories: Territories }): RecordCheck {
  const validate = validator();
  const raw = normalised(given);
  const candidateIin = typeof (raw as Json | null)?.iin === 'string' ? (raw as Json).iin as string : null;
  if (!validate(raw)) return { ok: false, iin: candidateIin, errors: schemaErrors(validate.errors ?? []) };
  const record = raw as Json;
  const iin = parseCardIin(record.iin as string);
  if (!iin.ok) return { ok: false, iin: candidateIin, errors: [userError(['iin'], 'INVALID_VALUE', iin.reason)] };

  const checks = new Checks({ birthDate: iin.facts.birthDate, today: context.today, territories: context.territories });
  checks.happened(['openedOn'], record.openedOn as string);

  // Parts: one given at the record's top level takes the keys no one else claims; its values are
  // kept only for the keys the record names. One under a key may be null: cleared.
  const parts = new Map<CardPart, Snapshot>();
  const claimed = new Set<string>([...Object.keys(RECORD_KEYS), ...SECTION_KEYS]);
  for (const part of CARD_PARTS) {
    const imported = part.imported;
    if (!imported) continue;
    if (imported.key === null) {
      const input = Object.fromEntries(Object.entries(record).filter(([key]) => !claimed.has(key)));
      const values = imported.values(checks, input as never);
      parts.set(part, Object.fromEntries(Object.entries(values).filter(([key]) => key in record)));
    } else if (imported.key in record) {
      const input = record[imported.key] as Json | null;
      parts.set(part, input === null ? part.restore(null) : at(checks, [imported.key], () => imported.values(checks, input as never)));
    }
  }

  const entries: RecordEntry[] = [];
  for (const section of LIST_SECTIONS) {
    for (const imported of section.imported ?? []) {
      list(record, imported.key).forEach(({ sourceId, ...input }, i) => {
        const field = [imported.key, String(i)];
        entries.push({ section, field, sourceId: sourceId as string, ...at(checks, field, () => imported.row(checks, input as never)) });
      });
    }
  }

  // A source id names one entry of a section (§10.1 and §10.2 share one table, so one namespace).
  const ids = new Map<string, string[]>();
  for (const entry of entries) {
    const key = `${entry.section.name}|${entry.sourceId}`;
    const first = ids.get(key);
    if (first) checks.add([...entry.field, 'sourceId'], 'INVALID_VALUE', `source id "${entry.sourceId}" is already used by ${first.join('.')}`);
    else ids.set(key, entry.field);
  }
  for (const section of LIST_SECTIONS) {
    section.invariant?.(checks, entries.filter((entry) => entry.section === section).map((entry) => ({ field: entry.field, row: entry.row })));
  }

  if (checks.errors.length) return { ok: false, iin: record.iin as string, errors: checks.errors };
  return {
    ok: true,
    record: { iin: record.iin as string, facts: iin.facts, careerCenterCode: record.careerCenter as string, openedOn: record.openedOn as string, parts, entries },
  };
}
