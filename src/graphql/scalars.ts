import { GraphQLError, GraphQLScalarType, GraphQLString, isScalarType, Kind, type GraphQLSchema, type ValueNode } from 'graphql';
import { CountryCodeResolver, DateTimeResolver, GraphQLDate, JSONObjectResolver } from 'graphql-scalars';
import { INTEGER_COLUMN_MAX } from '../db/entity-base.ts';
import { describeTextKind, TEXT_KIND_NAMES, TEXT_KINDS, type TextKind } from '../db/text-kinds.ts';
import { MASKED_IIN } from '../modules/access/personal-data.ts';
import { normalizeMoney, STORED_DIGITS } from '../modules/base/money.ts';
import { isEmailAddress, phoneNumber } from '../modules/base/contacts.ts';
import { checkText } from '../modules/base/text.ts';
import { EARLIEST_DATE, parseCardIin } from '../modules/person/iin.ts';

// Dates stay `YYYY-MM-DD` strings end to end (MikroORM maps `date` columns to such strings), so
// `Date` validates with graphql-scalars' Date but hands resolvers the string, not a JS Date
// shifted by a time zone. No date on a card is before 1900 (EARLIEST_DATE), so an earlier one is
// refused as input everywhere, filters included; how far ahead a date may be depends on what it is
// (checks.ts).
const DateScalar = new GraphQLScalarType({
  ...GraphQLDate.toConfig(),
  parseValue(value) {
    GraphQLDate.parseValue(value);
    return notBefore1900(value as string);
  },
  parseLiteral(ast, variables) {
    GraphQLDate.parseLiteral(ast, variables);
    return notBefore1900((ast as { value: string }).value, ast);
  },
});

function notBefore1900(date: string, node?: ValueNode): string {
  if (date < EARLIEST_DATE) invalid(`a date before ${EARLIEST_DATE} is no date of a card`, node);
  return date;
}

function invalid(message: string, node?: ValueNode): never {
  throw new GraphQLError(message, { nodes: node, extensions: { code: 'BAD_USER_INPUT' } });
}

/** A scalar checking input with `parse`, given the value of a variable or a literal of the kind `literal`. */
function inputScalar<T>(name: string, literal: Kind, parse: (value: unknown, node?: ValueNode) => T) {
  return new GraphQLScalarType<T, unknown>({
    name,
    serialize: GraphQLString.serialize,
    parseValue: (value) => parse(value),
    parseLiteral: (ast) => parse(ast.kind === literal ? (ast as { value: string }).value : undefined, ast),
  });
}

/**
 * Free text of a kind (src/db/text-kinds.ts): tidied to NFC and refused before any SQL when it is
 * longer than its column or holds characters no card field means (src/modules/base/text.ts).
 * Input only: what is read back is plain `String`.
 */
const textScalar = (kind: TextKind) => inputScalar(kind, Kind.STRING, (value, node) => {
  if (typeof value !== 'string') invalid(`${kind} must be a string`, node);
  const checked = checkText(kind, value);
  if (!checked.ok) invalid(`the text ${checked.problem}`, node);
  return checked.text;
});

/** The published description of each text kind ends with its length, from the one declaration. */
export function describeTextKinds(schema: GraphQLSchema): GraphQLSchema {
  for (const kind of TEXT_KIND_NAMES) {
    const type = schema.getType(kind);
    if (!isScalarType(type)) throw new Error(`the text kind ${kind} is no scalar of the SDL (schema/base)`);
    type.description = describeTextKind(kind, type.description);
  }
  return schema;
}

// §8 — a phone is a real number in E.164 (src/modules/base/contacts.ts); graphql-scalars'
// PhoneNumber took any 41 digits.
const PhoneScalar = inputScalar('PhoneNumber', Kind.STRING, (value, node) => {
  const phone = typeof value === 'string' ? phoneNumber(value) : null;
  if (phone === null) invalid('not a phone number in use, in E.164 form (e.g. +77011234567)', node);
  return phone;
});

// §9 — an e-mail address that fits its column (graphql-scalars' EmailAddress took 300 characters).
const EmailScalar = inputScalar('EmailAddress', Kind.STRING, (value, node) => {
  if (typeof value !== 'string' || !isEmailAddress(value)) invalid(`not an e-mail address of at most ${TEXT_KINDS.Text.maxLength} characters`, node);
  return value;
});

/**
 * A whole number of at least 0 that an `integer` column holds. graphql-scalars' NonNegativeInt
 * cut 1.5 to 1 and took 2^31, which the database then refused.
 */
const NonNegativeIntScalar = new GraphQLScalarType<number, number>({
  name: 'NonNegativeInt',
  serialize: (value) => value as number,
  parseValue: (value) => wholeNumber(value),
  parseLiteral: (ast) => wholeNumber(ast.kind === Kind.INT ? Number(ast.value) : ast.kind === Kind.FLOAT ? Number(ast.value) : undefined, ast),
});

function wholeNumber(value: unknown, node?: ValueNode): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) invalid('must be a whole number', node);
  if (value < 0 || value > INTEGER_COLUMN_MAX) invalid(`must be from 0 to ${INTEGER_COLUMN_MAX}`, node);
  return value;
}

/**
 * Output checks: a stored value that fails is our defect, not the client's input, so it is a
 * plain error (reported as INTERNAL_SERVER_ERROR, value not echoed).
 */
function serializeChecked(scalar: string, parse: (value: unknown) => string) {
  return (value: unknown) => {
    try {
      return parse(value);
    } catch {
      throw new Error(`a stored ${scalar} value is invalid`);
    }
  };
}

function parseIinValue(value: unknown, node?: ValueNode): string {
  if (typeof value !== 'string') invalid('IIN must be a string of 12 digits', node);
  const parsed = parseCardIin(value);
  if (!parsed.ok) invalid(`"${value}" is not a valid IIN: ${parsed.reason}`, node);
  return value;
}

const IinScalar = new GraphQLScalarType<string, string>({
  name: 'IIN',
  // Output only: an analyst's masked IIN; as input it is no IIN.
  serialize: (value) => (value === MASKED_IIN ? value : checkedIin(value)),
  parseValue: (value) => parseIinValue(value),
  parseLiteral: (ast) => parseIinValue(ast.kind === Kind.STRING ? ast.value : undefined, ast),
});

const checkedIin = serializeChecked('IIN', parseIinValue);

function parseMoneyValue(value: unknown, node?: ValueNode, integerDigits = STORED_DIGITS): string {
  // A whole number is exact in JSON too; a fractional JSON number may already have lost precision.
  const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
  if (typeof text !== 'string') invalid('Money must be a decimal string such as "150000.00"', node);
  const money = normalizeMoney(text, integerDigits);
  if (money === null) invalid(`"${text}" is not a valid amount: at most ${integerDigits} integer and 2 fraction digits, not negative`, node);
  return money;
}

const MoneyScalar = new GraphQLScalarType<string, string>({
  name: 'Money',
  // Output may be a sum of stored amounts (a total), so it may be longer than what input accepts.
  serialize: serializeChecked('Money', (value) => parseMoneyValue(value, undefined, 18)),
  parseValue: (value) => parseMoneyValue(value),
  parseLiteral: (ast) => {
    if (ast.kind === Kind.STRING || ast.kind === Kind.INT) return parseMoneyValue(ast.value, ast);
    return invalid('Money must be a decimal string such as "150000.00"', ast);
  },
});

// graphql-tools copies every property of a scalar object onto the SDL's scalar, description too;
// handing it only the behaviour keeps the descriptions of schema/ (which cite the order).
const behaviour = ({ serialize, parseValue, parseLiteral }: GraphQLScalarType) => ({ serialize, parseValue, parseLiteral });

/** How each scalar of the schema is checked and serialised. */
export const scalarResolvers = {
  Date: behaviour(DateScalar),
  DateTime: behaviour(DateTimeResolver),
  EmailAddress: behaviour(EmailScalar),
  PhoneNumber: behaviour(PhoneScalar),
  NonNegativeInt: behaviour(NonNegativeIntScalar),
  CountryCode: behaviour(CountryCodeResolver),
  IIN: behaviour(IinScalar),
  Money: behaviour(MoneyScalar),
  JSONObject: behaviour(JSONObjectResolver),
  ...Object.fromEntries(TEXT_KIND_NAMES.map((kind) => [kind, behaviour(textScalar(kind))])),
};
