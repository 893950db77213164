import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import {
  buildASTSchema, getNullableType, isEnumType, isInputObjectType, isListType, isNonNullType, isScalarType, parse,
  type GraphQLInputObjectType, type GraphQLInputType,
} from 'graphql';
import { territories } from '../../src/db/migrations/data/territories.ts';
import { buildSchema, readTypeDefs } from '../../src/graphql/schema.ts';
import { Territories } from '../../src/modules/dictionary/territories.ts';
import { checkRecord } from '../../src/modules/import/card-record.ts';
import { csvLayout } from '../../src/modules/import/read-records.ts';
import { TEXT_KINDS } from '../../src/db/text-kinds.ts';
import { importRecordSchema, printRecordSchema, RECORD_KEYS, RECORD_SCHEMA_URL, SECTION_KEYS } from '../../src/modules/import/record-schema.ts';
import { CARD_PARTS, LIST_SECTIONS } from '../../src/modules/sections.ts';
import { aFullRecord, anIdentityRecord } from './records.ts';

// The import format is derived, not written: the committed file is what the SDL generates, every
// field of every input type the sections name is in it (and nothing else), and a record with a
// field the format does not have is refused.

type Json = Record<string, any>;

const api = buildSchema();
const committedText = readFileSync(RECORD_SCHEMA_URL, 'utf8');
const format: Json = JSON.parse(committedText);
const sdlOnly = (...more: string[]) => buildASTSchema(parse([...readTypeDefs(), ...more].join('\n')));

/** A property's schema: its reference followed and its null branch set apart. */
function target(root: Json, property: Json): Json {
  let node = property;
  if (node.anyOf) node = node.anyOf.find((branch: Json) => branch.type !== 'null');
  return node.$ref ? root.$defs[node.$ref.replace('#/$defs/', '')] : node;
}
const acceptsNull = (property: Json) => (property.anyOf ?? [property]).some((node: Json) => [node.type].flat().includes('null'));

/** What each scalar must become (the patterns and formats the importer checks). */
const SCALAR_SHAPES: Record<string, Json> = {
  // Text of each kind: never empty, as long as its column, its characters checked by a format.
  ...Object.fromEntries(Object.entries(TEXT_KINDS).map(([kind, { maxLength, multiline }]) => [
    kind, { type: 'string', minLength: 1, maxLength, format: multiline ? 'text-lines' : 'text-line' },
  ])),
  ID: { type: 'string', minLength: 1 },
  Boolean: { type: 'boolean' },
  Int: { type: 'integer' },
  Float: { type: 'number' },
  NonNegativeInt: { type: 'integer', minimum: 0 },
  Date: { type: 'string', format: 'date' },
  Money: { type: 'string', pattern: '^\\d{1,12}(\\.\\d{1,2})?$' },
  PhoneNumber: { type: 'string', format: 'phone' },
  EmailAddress: { type: 'string', format: 'email' },
  CountryCode: { type: 'string', format: 'country-code' },
  IIN: { type: 'string', pattern: '^\\d{12}$' },
};

/** Walks the format beside the SDL input types the sections name; gives every disagreement. */
function disagreements(root: Json): string[] {
  const problems: string[] = [];
  const walked = new Set<string>();

  function value(where: string, property: Json | undefined, type: GraphQLInputType, description?: string | null) {
    if (!property) return problems.push(`${where}: missing`);
    if (description !== undefined && property.description !== description) problems.push(`${where}: description ${JSON.stringify(property.description)}`);
    if (acceptsNull(property) === isNonNullType(type)) problems.push(`${where}: null ${isNonNullType(type) ? 'accepted' : 'refused'}`);
    const node = target(root, property);
    const inner = getNullableType(type);
    if (isListType(inner)) {
      if (node.type !== 'array') problems.push(`${where}: not an array`);
      return value(`${where}[]`, node.items, inner.ofType);
    }
    if (isScalarType(inner)) {
      const shape = SCALAR_SHAPES[inner.name];
      if (!shape) return problems.push(`${where}: the test knows no shape for ${inner.name}`);
      for (const [key, expected] of Object.entries(shape)) {
        if (JSON.stringify([node[key]].flat().filter((t) => t !== 'null')) !== JSON.stringify([expected])) problems.push(`${where}: ${key} ${JSON.stringify(node[key])}`);
      }
    } else if (isEnumType(inner)) {
      if (JSON.stringify(node.enum) !== JSON.stringify(inner.getValues().map((v) => v.name))) problems.push(`${where}: enum ${JSON.stringify(node.enum)}`);
    } else if (isInputObjectType(inner) && !walked.has(inner.name)) {
      walked.add(inner.name);
      object(`${where} (${inner.name})`, node, inner, {});
    }
    return undefined;
  }

  /** An object: the input type's fields and the properties `beyond` them (required or not), nothing else. */
  function object(where: string, node: Json, type: GraphQLInputObjectType, beyond: Record<string, boolean>) {
    const fields = Object.values(type.getFields());
    const expected = [...fields.map((f) => f.name), ...Object.keys(beyond)].sort();
    const actual = Object.keys(node.properties ?? {}).sort();
    if (JSON.stringify(actual) !== JSON.stringify(expected)) problems.push(`${where}: properties ${actual.join(',')}, the SDL ${expected.join(',')}`);
    const required = [...fields.filter((f) => isNonNullType(f.type)).map((f) => f.name), ...Object.keys(beyond).filter((key) => beyond[key])].sort();
    if (JSON.stringify([...(node.required ?? [])].sort()) !== JSON.stringify(required)) problems.push(`${where}: required ${node.required}, the SDL ${required}`);
    if (node.additionalProperties !== false) problems.push(`${where}: takes fields it does not name`);
    for (const field of fields) value(`${where}.${field.name}`, node.properties?.[field.name], field.type, field.description);
  }

  const input = (name: string) => api.getType(name) as GraphQLInputObjectType;
  const nonNull = (sdl: string) => sdl.endsWith('!');

  // The record: its own keys, the top-level part's fields, the keys of the other parts and the lists.
  const topLevel = CARD_PARTS.find((part) => part.imported?.key === null)!.imported!;
  object('record', root, input(topLevel.input), {
    ...Object.fromEntries(Object.entries(RECORD_KEYS).map(([key, { type }]) => [key, nonNull(type)])),
    ...Object.fromEntries([...SECTION_KEYS].map((key) => [key, false])),
  });
  for (const [key, { description }] of Object.entries(RECORD_KEYS)) {
    if (root.properties[key]?.description !== description) problems.push(`record.${key}: description`);
  }
  for (const part of CARD_PARTS) {
    const imported = part.imported;
    if (imported?.key) value(imported.key, root.properties[imported.key], input(imported.input), input(imported.input).description);
  }
  for (const section of LIST_SECTIONS) {
    for (const imported of section.imported ?? []) {
      const list = root.properties[imported.key];
      if (list?.type !== 'array' || list.description !== imported.description) problems.push(`${imported.key}: not the declared array`);
      const extra = Object.fromEntries(Object.entries(imported.extra ?? {}).map(([name, sdl]) => [name, nonNull(sdl)]));
      if (typeof imported.input === 'string') {
        object(`${imported.key}[]`, list.items, input(imported.input), { sourceId: true, ...extra });
        continue;
      }
      const kinds = Object.entries(imported.input.byKind);
      if (list.items.discriminator?.propertyName !== 'kind' || list.items.oneOf?.length !== kinds.length) problems.push(`${imported.key}[]: not one of the kinds by kind`);
      for (const [kind, name] of kinds) {
        const branch = list.items.oneOf?.find((b: Json) => b.properties?.kind?.const === kind);
        if (!branch) problems.push(`${imported.key}[]: no ${kind}`);
        else object(`${imported.key}[${kind}]`, branch, input(name), { sourceId: true, kind: true, ...extra });
      }
    }
  }
  return problems;
}

const IDENTITY_COLUMNS = [
  'iin', 'careerCenter', 'openedOn', 'surname', 'givenName', 'patronymic', 'citizenship', 'nationality',
  'region', 'district', 'settlement', 'street', 'house', 'apartment', 'phone', 'email',
];

describe('the import format', () => {
  it('is the committed file, byte for byte, whether made from the API\'s schema or from the SDL alone', () => {
    expect(printRecordSchema(importRecordSchema(api))).toBe(committedText);
    expect(printRecordSchema(importRecordSchema(sdlOnly()))).toBe(committedText);
    expect(committedText.endsWith('}\n')).toBe(true);
  });

  it('has every field of every SDL input type the sections name, with its description, type and nullability, and nothing else', () => {
    expect(disagreements(format)).toEqual([]);
  });

  it('follows a change to the SDL: a new field is in the format, an identity field is a CSV column too', () => {
    const changed = importRecordSchema(sdlOnly(
      'extend input AddressInput { """§7 — entrance.""" entrance: ShortText }',
      'extend input VisitCorrectInput { """§18 — minutes spent.""" minutes: NonNegativeInt! }',
    ));
    const address = changed.$defs as Json;
    expect(address.AddressInput.properties.entrance).toEqual({ description: '§7 — entrance.', anyOf: [{ $ref: '#/$defs/ShortText' }, { type: 'null' }] });
    expect(address.ShortText).toMatchObject({ type: 'string', maxLength: TEXT_KINDS.ShortText.maxLength });
    const visit = (changed.properties as Json).visits.items;
    expect(visit.properties.minutes).toEqual({ description: '§18 — minutes spent.', $ref: '#/$defs/NonNegativeInt' });
    expect(visit.required).toContain('minutes');
    expect(csvLayout(changed).columns.find((column) => column.name === 'entrance')).toEqual({ name: 'entrance', key: 'address', field: 'entrance', required: false });
    // The committed file does not have them: the CI step that regenerates it would fail.
    expect(printRecordSchema(changed)).not.toBe(committedText);
  });

  it('refuses to generate what it cannot describe or check: a field without a description, a scalar with no JSON form', () => {
    expect(() => importRecordSchema(sdlOnly('extend input AddressInput { entrance: String }'))).toThrow(/AddressInput.entrance has no description/);
    expect(() => importRecordSchema(sdlOnly('extend input VisitCorrectInput { """§18 — when.""" at: DateTime }'))).toThrow(/scalar DateTime/);
    // Text without a declared length: every text is of a kind (src/db/text-kinds.ts).
    expect(() => importRecordSchema(sdlOnly('extend input AddressInput { """§7 — entrance.""" entrance: String }'))).toThrow(/scalar String/);
  });

  it('gives the CSV the columns of the identity, as before: the same names, order and required ones', () => {
    const { columns, requiredObjects } = csvLayout(format);
    expect(columns.map((column) => column.name)).toEqual(IDENTITY_COLUMNS);
    expect(columns.filter((column) => column.required).map((column) => column.name)).toEqual(['iin', 'careerCenter', 'openedOn', 'surname', 'givenName']);
    expect(columns.filter((column) => column.field).map((column) => `${column.key}.${column.field}`)).toEqual([
      'fullName.surname', 'fullName.givenName', 'fullName.patronymic',
      'address.region', 'address.district', 'address.settlement', 'address.street', 'address.house', 'address.apartment',
    ]);
    expect(requiredObjects).toEqual(['fullName']);
  });
});

describe('a record against the format', () => {
  const context = {
    today: '2026-11-29',
    territories: new Territories(territories.map((region) => ({ ...region, districts: region.districts.map((d) => ({ ...d, regionCode: region.code })) }))),
  };
  const CENTER = 'CC-KZ-75-002';
  const errorsOf = (record: Json) => {
    const result = checkRecord(record, context);
    return result.ok ? [] : result.errors;
  };

  it('takes a record with every section filled', () => {
    expect(errorsOf(aFullRecord(CENTER))).toEqual([]);
  });

  it('refuses a field the format does not have, at the top, in a part, in an entry and in a kind of entry', () => {
    const record = aFullRecord(CENTER);
    record.shoeSize = 42;
    record.fullName.nickname = 'Әйка';
    record.expectations.wage.bonus = '1000';
    record.visits[0].mood = 'good';
    record.activeMeasures[3].familyMembers[0].age = 40;
    record.activeMeasures[0].employerName = 'a field of another kind';
    expect(errorsOf(record)).toEqual(expect.arrayContaining([
      { field: ['shoeSize'], code: 'INVALID_VALUE', message: 'shoeSize is not a field of the import format' },
      { field: ['fullName', 'nickname'], code: 'INVALID_VALUE', message: 'nickname is not a field of the import format' },
      { field: ['expectations', 'wage', 'bonus'], code: 'INVALID_VALUE', message: 'bonus is not a field of the import format' },
      { field: ['visits', '0', 'mood'], code: 'INVALID_VALUE', message: 'mood is not a field of the import format' },
      { field: ['activeMeasures', '3', 'familyMembers', '0', 'age'], code: 'INVALID_VALUE', message: 'age is not a field of the import format' },
      { field: ['activeMeasures', '0', 'employerName'], code: 'INVALID_VALUE', message: 'employerName is not a field of the import format' },
    ]));
    expect(errorsOf(record)).toHaveLength(6);
  });

  it('names the kinds an entry may be of when its kind is none of them', () => {
    const record = anIdentityRecord(CENTER, { activeMeasures: [{ sourceId: 'a', kind: 'HOLIDAY', referredOn: '2026-02-01' }] });
    expect(errorsOf(record)).toEqual([{
      field: ['activeMeasures', '0', 'kind'], code: 'INVALID_VALUE',
      message: 'kind must be one of PROFESSIONAL_TRAINING, ENTREPRENEURSHIP_SUPPORT, SUBSIDIZED_JOB, RELOCATION',
    }]);
  });

  it('takes null where the SDL does: a search time not given, the other half of an outcome', () => {
    const record = aFullRecord(CENTER);
    record.expectations.searchTime = null;
    record.referrals[0].outcome.hiring = null;
    expect(errorsOf(record)).toEqual([]);
  });
});
