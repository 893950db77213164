import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import {
  CountryCodeResolver, DateTimeResolver, EmailAddressResolver, GraphQLDate, JSONObjectResolver, NonNegativeIntResolver, PhoneNumberResolver,
} from 'graphql-scalars';
import { MASKED_IIN } from '../modules/access/personal-data.ts';
import { normalizeMoney, STORED_DIGITS } from '../modules/base/money.ts';
import { parseIin } from '../modules/person/iin.ts';

// Dates stay `YYYY-MM-DD` strings end to end (MikroORM maps `date` columns to such strings), so
// `Date` validates with graphql-scalars' Date but hands resolvers the string, not a JS Date
// shifted by a time zone.
const DateScalar = new GraphQLScalarType({
  ...GraphQLDate.toConfig(),
  parseValue(value) {
    GraphQLDate.parseValue(value);
    return value as string;
  },
  parseLiteral(ast, variables) {
    GraphQLDate.parseLiteral(ast, variables);
    return (ast as { value: string }).value;
  },
});

function invalid(message: string, node?: ValueNode): never {
  throw new GraphQLError(message, { nodes: node, extensions: { code: 'BAD_USER_INPUT' } });
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
  const parsed = parseIin(value);
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
  EmailAddress: behaviour(EmailAddressResolver),
  PhoneNumber: behaviour(PhoneNumberResolver),
  NonNegativeInt: behaviour(NonNegativeIntResolver),
  CountryCode: behaviour(CountryCodeResolver),
  IIN: behaviour(IinScalar),
  Money: behaviour(MoneyScalar),
  JSONObject: behaviour(JSONObjectResolver),
};
