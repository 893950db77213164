import { readFileSync } from 'node:fs';
import {
  getNamedType, isEnumType, isInputObjectType, isInputType, isListType, isNonNullType, isScalarType, parseType, typeFromAST,
  type GraphQLInputObjectType, type GraphQLInputType, type GraphQLSchema,
} from 'graphql';
import { INTEGER_COLUMN_MAX, SOURCE_ID_LENGTH } from '../../db/entity-base.ts';
import { describeTextKind, TEXT_KINDS, type TextKind } from '../../db/text-kinds.ts';
import { STORED_DIGITS } from '../base/money.ts';
import type { ImportedList } from '../card/card-section.ts';
import { CARD_PARTS, LIST_SECTIONS, SECTIONS } from '../sections.ts';

// The import format (schema/import/card-record.schema.json) is generated, never written by hand:
// the record's own keys are declared here, everything else comes from the sections' `imported`
// declarations and the SDL input types they name. `npm run codegen` writes the file, CI fails when
// it differs from what the SDL gives, and the importer checks records against that file.

export type JsonSchema = { [key: string]: unknown };

/** A key of the record itself, by its SDL type, with what it means in the import. */
interface RecordKey {
  readonly type: string;
  readonly description: string;
}

/** Keys of a record that are no part's or section's: who the person is by IIN, where the card is kept, since when. */
export const RECORD_KEYS = {
  iin: { type: 'IIN!', description: '§2 — IIN: 12 digits with a valid control digit; birth date and sex are taken from it.' },
  careerCenter: {
    type: 'ShortText!',
    description: 'Rule 1 — code of the career center keeping the card (career_center.code, e.g. CC-KZ-75-001), not its global id.',
  },
  openedOn: { type: 'Date!', description: 'Rule 1 — date the card was opened; used when the card is created, ignored for an existing card.' },
} as const satisfies Record<string, RecordKey>;

/** The keys under which a record gives a part or a list section's entries; the rest of its top level is its own keys and the part given there. */
export const SECTION_KEYS: ReadonlySet<string> = new Set([
  ...CARD_PARTS.flatMap((part) => (part.imported?.key ? [part.imported.key] : [])),
  ...LIST_SECTIONS.flatMap((section) => (section.imported ?? []).map((imported) => imported.key)),
]);

/** The formats of text: one line, or several (see src/modules/base/text.ts). */
export const TEXT_FORMATS = { line: 'text-line', lines: 'text-lines' } as const;

/** The property of an entry that names its kind, where a list section's entries are of several. */
export const KIND = 'kind';

export const RECORD_SCHEMA_URL = new URL('../../../schema/import/card-record.schema.json', import.meta.url);

const HEADER = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://employment-card.enbek.kz/schema/import/card-record.schema.json',
  title: 'Card import record',
  description: 'One card of one person. Sections absent from the record are left as they are; entries are matched by sourceId.',
};

/**
 * GraphQL's own scalars, written in place. `String` is not among them: every text an input takes
 * is of a text kind, with the length of its column.
 */
const BUILT_IN: Readonly<Record<string, JsonSchema>> = {
  ID: { type: 'string', minLength: 1 },
  Boolean: { type: 'boolean' },
  Int: { type: 'integer' },
  Float: { type: 'number' },
};

/**
 * The API's scalars, each a definition of its own carrying the SDL's description (unless the
 * import writes it differently). The formats are the API's own scalars, added to ajv by the
 * importer (card-record.ts); the patterns also tell other validators the shape. A scalar missing
 * here cannot appear in the import format: the generator refuses it.
 */
const SCALARS: Readonly<Record<string, JsonSchema>> = {
  Date: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', format: 'date' },
  Money: {
    // The API also takes a whole JSON number; a file gives every amount as text.
    description: `An exact amount of tenge as a decimal string (at most ${STORED_DIGITS} integer and 2 fraction digits), never a JSON number.`,
    type: 'string',
    pattern: `^\\d{1,${STORED_DIGITS}}(\\.\\d{1,2})?$`,
  },
  NonNegativeInt: { type: 'integer', minimum: 0, maximum: INTEGER_COLUMN_MAX },
  PhoneNumber: { type: 'string', format: 'phone' },
  EmailAddress: { type: 'string', format: 'email' },
  CountryCode: { type: 'string', pattern: '^[A-Z]{2}$', format: 'country-code' },
  // The control digit is checked after the schema, with a message that says which digit is wrong.
  IIN: { type: 'string', pattern: '^\\d{12}$' },
  // Text of each kind: as long as its column (src/db/text-kinds.ts), never empty (an empty string
  // is refused as a missing value would be), its characters checked by the importer's formats.
  ...Object.fromEntries(Object.entries(TEXT_KINDS).map(([kind, { maxLength, multiline }]) => [
    kind, { type: 'string', minLength: 1, maxLength, format: multiline ? TEXT_FORMATS.lines : TEXT_FORMATS.line },
  ])),
};

const SOURCE_ID: JsonSchema = {
  description: 'The entry\'s id in the information system it came from: unique within its section of one card. A second import with the same id updates the entry instead of adding one.',
  type: 'string',
  minLength: 1,
  maxLength: SOURCE_ID_LENGTH,
  // Stored and compared in SQL like any text: the same characters are refused.
  format: TEXT_FORMATS.line,
};

/** Properties of an object, and which of them it must have. */
interface Fields {
  properties: Record<string, JsonSchema>;
  required: string[];
}

/**
 * The JSON Schema of an import record, from the sections' declarations and the SDL's input types:
 * the record's own keys; the fields of the part given at the top level; each other part under its
 * key (null clears it); each list section's entries as an array of its input type plus `sourceId`
 * (and the fields it declares beyond the input), one of several input types by `kind` where its
 * entries are of several kinds. Non-null is required, nullable allows null, input objects allow
 * no other fields; every property carries its SDL description.
 */
export function importRecordSchema(schema: GraphQLSchema): JsonSchema {
  const defs = new Map<string, JsonSchema>();

  const described = (description: string | null | undefined, what: string): string => {
    if (!description?.trim()) throw new Error(`${what} has no description in the SDL: the import format describes every field`);
    return description;
  };

  /** A reference to a shared definition, made on first use. */
  const ref = (name: string, define: () => JsonSchema): JsonSchema => {
    if (!defs.has(name)) {
      defs.set(name, {}); // reserved first: an input type that contains itself refers to itself
      defs.set(name, define());
    }
    return { $ref: `#/$defs/${name}` };
  };

  const sdlType = (sdl: string, what: string): GraphQLInputType => {
    const type = typeFromAST(schema, parseType(sdl));
    if (!type || !isInputType(type)) throw new Error(`${what}: ${sdl} is no input type of the SDL`);
    return type as GraphQLInputType;
  };

  const inputObject = (name: string): GraphQLInputObjectType => {
    const type = schema.getType(name);
    if (!isInputObjectType(type)) throw new Error(`the import names ${name}, which is no input type of the SDL`);
    return type;
  };

  /** A value of an SDL type: null allowed unless the type is non-null. */
  function value(type: GraphQLInputType): JsonSchema {
    if (isNonNullType(type)) return notNull(type.ofType);
    const schemaOf = notNull(type);
    // An inline type takes null beside it; a reference or an enum needs a branch of its own.
    return typeof schemaOf.type === 'string' ? { ...schemaOf, type: [schemaOf.type, 'null'] } : { anyOf: [schemaOf, { type: 'null' }] };
  }

  /** A value of an SDL type, null aside. */
  function notNull(type: GraphQLInputType): JsonSchema {
    if (isNonNullType(type)) return notNull(type.ofType);
    if (isListType(type)) return { type: 'array', items: value(type.ofType) };
    if (isScalarType(type)) {
      const builtIn = BUILT_IN[type.name];
      if (builtIn) return { ...builtIn };
      const scalar = SCALARS[type.name];
      if (!scalar) throw new Error(`the scalar ${type.name} has no form in the import format (record-schema.ts)`);
      const description = type.name in TEXT_KINDS ? describeTextKind(type.name as TextKind, type.description) : type.description;
      return ref(type.name, () => ({ description: described(description, type.name), ...scalar }));
    }
    if (isEnumType(type)) {
      return ref(type.name, () => ({ description: described(type.description, type.name), type: 'string', enum: type.getValues().map((v) => v.name) }));
    }
    if (isInputObjectType(type)) {
      // A `@oneOf` input takes exactly one of its fields, as GraphQL would.
      return ref(type.name, () => ({ ...object(described(type.description, type.name), fields(type)), ...(type.isOneOf ? { minProperties: 1, maxProperties: 1 } : {}) }));
    }
    throw new Error(`${String(type)} cannot be given in the import format`);
  }

  /** A field, described. */
  const field = (name: string, description: string, type: GraphQLInputType): Fields => ({
    properties: { [name]: { description, ...value(type) } },
    required: isNonNullType(type) ? [name] : [],
  });

  /** The fields of an input type, in the SDL's order. */
  const fields = (type: GraphQLInputObjectType): Fields => merge(
    ...Object.values(type.getFields()).map((f) => field(f.name, described(f.description, `${type.name}.${f.name}`), f.type)),
  );

  function merge(...parts: Fields[]): Fields {
    const merged: Fields = { properties: {}, required: [] };
    for (const part of parts) {
      for (const [name, property] of Object.entries(part.properties)) {
        if (name in merged.properties) throw new Error(`the import format would have two fields named ${name} in one object`);
        merged.properties[name] = property;
      }
      merged.required.push(...part.required);
    }
    return merged;
  }

  const object = (description: string, { properties, required }: Fields): JsonSchema => ({
    description, type: 'object', properties, ...(required.length ? { required } : {}), additionalProperties: false,
  });

  const sourceId = (): Fields => ({ properties: { sourceId: ref('sourceId', () => SOURCE_ID) }, required: ['sourceId'] });

  /** An entry of a list section: its input's fields, its source id, and what it declares beyond the input. */
  function entry(imported: ImportedList): JsonSchema {
    const extra = Object.entries(imported.extra ?? {}).map(([name, sdl]) => {
      const type = sdlType(sdl, `${imported.key}.${name}`);
      // Such a field has no SDL field of its own: its type says what it is.
      return field(name, described(getNamedType(type).description, `${imported.key}.${name} (${sdl})`), type);
    });
    if (typeof imported.input === 'string') {
      const input = inputObject(imported.input);
      return object(described(input.description, input.name), merge(sourceId(), ...extra, fields(input)));
    }
    // ajv's `discriminator` picks the branch by `kind`, so an error names the fields of that kind only.
    return {
      discriminator: { propertyName: KIND },
      oneOf: Object.entries(imported.input.byKind).map(([kind, name]) => {
        const input = inputObject(name);
        const description = described(input.description, input.name);
        const tag: Fields = { properties: { [KIND]: { description, const: kind } }, required: [KIND] };
        return object(description, merge(sourceId(), tag, ...extra, fields(input)));
      }),
    };
  }

  const recordKeys = Object.entries(RECORD_KEYS).map(([name, key]) => field(name, key.description, sdlType(key.type, name)));
  const topLevel = CARD_PARTS.filter((part) => part.imported?.key === null);
  if (topLevel.length > 1) throw new Error(`only one part can be given at a record's top level, not ${topLevel.map((p) => p.name).join(' and ')}`);

  // The form's order: the record's own keys, then the sections as SECTIONS lists them.
  const sections = SECTIONS.flatMap((section): Fields[] => {
    if (section.kind === 'part') {
      const imported = section.imported;
      if (!imported) return [];
      const input = inputObject(imported.input);
      if (imported.key === null) return [fields(input)];
      // Nullable: null clears the part.
      return [{ properties: { [imported.key]: { description: described(input.description, input.name), ...value(input) } }, required: [] }];
    }
    return (section.imported ?? []).map((imported) => ({
      properties: { [imported.key]: { description: imported.description, type: 'array', items: entry(imported) } },
      required: [],
    }));
  });

  const record = merge(...recordKeys, ...sections);
  return {
    ...HEADER,
    type: 'object',
    properties: record.properties,
    required: record.required,
    additionalProperties: false,
    // Sorted by code unit, not by locale, so every machine writes the same file.
    $defs: Object.fromEntries([...defs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
  };
}

/** The file's text: two-space JSON and a final newline, the same bytes for the same SDL. */
export const printRecordSchema = (schema: JsonSchema): string => `${JSON.stringify(schema, null, 2)}\n`;

let committed: JsonSchema | null = null;

/** The import format as committed (schema/import/card-record.schema.json): what the importer enforces. */
export function recordSchema(): JsonSchema {
  committed ??= JSON.parse(readFileSync(RECORD_SCHEMA_URL, 'utf8')) as JsonSchema;
  return committed;
}
