import {
  getNamedType, isObjectType, type ConstDirectiveNode, type GraphQLField, type GraphQLObjectType, type GraphQLSchema,
} from 'graphql';
import type { PersonalDataMasking as Masking } from '../../generated/graphql.ts';

// Personal data as the schema declares it (`@personalData`): which fields hold it, and what a
// caller who sees personal data masked (an analyst) gets instead. The server applies it to every
// field (src/graphql/personal-data.ts); JSON that records parts of a card is masked inside by the
// same declarations (`JsonMasker`).

export const MASKED_IIN = '************';
export const MASKED_TEXT = '***';

export interface PersonalData {
  /** The field holds personal data (itself, or because its type says all its fields do). */
  personal: boolean;
  masking: Masking | null;
}

const directiveOn = (directives: readonly ConstDirectiveNode[] | undefined) => directives?.find((d) => d.name.value === 'personalData');

function maskingOf(directive: ConstDirectiveNode | undefined): Masking | null {
  const argument = directive?.arguments?.find((a) => a.name.value === 'masking');
  return argument?.value.kind === 'EnumValue' ? argument.value.value as Masking : null;
}

/** What the schema declares of a field: its own `@personalData`, or its type's (ids are never personal data). */
export function personalDataOf(type: GraphQLObjectType, field: GraphQLField<unknown, unknown>): PersonalData {
  const own = directiveOn(field.astNode?.directives);
  if (own) return { personal: true, masking: maskingOf(own) };
  if (field.name === 'id') return { personal: false, masking: null };
  const ofType = directiveOn(type.astNode?.directives);
  return ofType ? { personal: true, masking: maskingOf(ofType) } : { personal: false, masking: null };
}

/** A value as a masked caller sees it. */
export function masked(masking: Exclude<Masking, 'INSIDE'>, value: unknown, field: GraphQLField<unknown, unknown>): unknown {
  if (value == null) return value;
  switch (masking) {
    case 'REDACT':
      return getNamedType(field.type).name === 'IIN' ? MASKED_IIN : MASKED_TEXT;
    case 'OMIT':
      return null;
    case 'MONTH_ONLY':
      return typeof value === 'string' ? `${value.slice(0, 8)}01` : value;
  }
}

/**
 * What a piece of recorded JSON is, to mask it: an object shaped like a GraphQL type (its keys
 * the type's fields, plus keys of its own), a list, an object of named parts, or one decided by
 * the value (an entry of a section with several types).
 */
export type Shape =
  | { type: string; extra?: Readonly<Record<string, Shape>> }
  | { list: Shape }
  | { fields: Readonly<Record<string, Shape>> }
  | { of: (value: Record<string, unknown>) => Shape | null };

/** Masks recorded JSON by the declarations of the fields it records. */
export class JsonMasker {
  readonly #schema: GraphQLSchema;

  constructor(schema: GraphQLSchema) {
    this.#schema = schema;
  }

  /** The value as a masked caller sees it; a value whose shape is unknown is withheld (null). */
  mask(value: unknown, shape: Shape | null): unknown {
    if (value == null) return value;
    if (!shape) return null;
    if (Array.isArray(value)) return value.map((item) => this.mask(item, 'list' in shape ? shape.list : shape));
    if (typeof value !== 'object') return value;
    const object = value as Record<string, unknown>;
    if ('list' in shape) return this.mask(value, shape.list);
    if ('of' in shape) return this.mask(value, shape.of(object));
    if ('fields' in shape) return Object.fromEntries(Object.entries(object).map(([key, inner]) => [key, shape.fields[key] ? this.mask(inner, shape.fields[key]!) : inner]));
    const type = this.#schema.getType(shape.type);
    if (!isObjectType(type)) return null;
    const fields = type.getFields();
    return Object.fromEntries(Object.entries(object).map(([key, inner]) => {
      const extra = shape.extra?.[key];
      if (extra) return [key, this.mask(inner, extra)];
      const field = fields[key];
      // A key the type has no field for records nothing the schema declares personal.
      if (!field) return [key, inner];
      const { masking } = personalDataOf(type, field);
      if (masking && masking !== 'INSIDE') return [key, Array.isArray(inner) ? inner.map((item) => masked(masking, item, field)) : masked(masking, inner, field)];
      const named = getNamedType(field.type);
      return [key, isObjectType(named) ? this.mask(inner, { type: named.name }) : inner];
    }));
  }
}
