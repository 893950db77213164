import type { ApolloServerPlugin } from '@apollo/server';
import {
  getNamedType, getNullableType, GraphQLError, isInterfaceType, isListType, isObjectType, Kind, valueFromAST,
  type DocumentNode, type FieldNode, type FragmentDefinitionNode, type GraphQLField, type GraphQLNamedType, type GraphQLSchema, type SelectionSetNode,
} from 'graphql';
import type { Context } from './context.ts';

// Limits a query must keep, checked after parsing and validation and before anything
// runs (so no SQL), each refused with its own code. Pages are capped at 100 by `pageSize`, request
// bodies by the HTTP layer (MAX_BODY_BYTES), documents at `maxTokens` by the parser, and running
// time by timeout.ts. Every number can be set from the environment (protection.ts).

export interface QueryLimits {
  /** Nesting of selections: the full-card query needs 9; 15 leaves room without allowing abuse. */
  maxDepth: number;
  /** Fields asked under another name: a flood of aliases repeats expensive fields. */
  maxAliases: number;
  /** Directives in one document (`@include`/`@skip` on many fields is a known amplifier). */
  maxDirectives: number;
  /** Tokens in one document, enforced by the parser. */
  maxTokens: number;
  /**
   * The most fields an operation may resolve, counted before it runs: each field counts 1, times
   * the page size of every connection above it (`first`) and 10 for every plain list above it.
   * The heaviest read clients make — the full card, every section paged by 100, on a page of 50
   * cards — costs 1,035,051 and passes; the same on 100 cards (2.07 M), or a few aliased copies of
   * it, is refused: ask for 50 cards at a time.
   */
  maxCost: number;
  /** How long a query may run (timeout.ts): the full card on 50 cards takes under 0.1 s. */
  executionTimeoutMs: number;
}

export const DEFAULT_LIMITS: QueryLimits = { maxDepth: 15, maxAliases: 30, maxDirectives: 50, maxTokens: 5000, maxCost: 1_100_000, executionTimeoutMs: 10_000 };

/** What a plain list (not a paged connection) is assumed to hold when costing a query. */
const ASSUMED_LIST_SIZE = 10;
/** `first` when neither the query nor the schema gives one (pageSize's default). */
const DEFAULT_PAGE = 20;

function tooMuch(code: string, message: string) {
  return new GraphQLError(message, { extensions: { code, http: { status: 400 } } });
}

interface Counts {
  depth: number;
  aliases: number;
  directives: number;
}

/** Depth, aliases and directives of an operation, fragments expanded (cycles were refused by validation). */
function measure(selectionSet: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, seen: Set<string>): Counts {
  const counts: Counts = { depth: 0, aliases: 0, directives: 0 };
  for (const selection of selectionSet.selections) {
    counts.directives += selection.directives?.length ?? 0;
    let inner: Counts | null = null;
    if (selection.kind === Kind.FIELD) {
      if (selection.alias) counts.aliases++;
      if (selection.selectionSet) inner = measure(selection.selectionSet, fragments, seen);
      counts.depth = Math.max(counts.depth, 1 + (inner?.depth ?? 0));
    } else {
      const set = selection.kind === Kind.INLINE_FRAGMENT ? selection.selectionSet : fragments.get(selection.name.value)?.selectionSet;
      const name = selection.kind === Kind.FRAGMENT_SPREAD ? selection.name.value : null;
      if (set && (!name || !seen.has(name))) {
        inner = measure(set, fragments, name ? new Set([...seen, name]) : seen);
        counts.depth = Math.max(counts.depth, inner.depth);
      }
    }
    if (inner) {
      counts.aliases += inner.aliases;
      counts.directives += inner.directives;
    }
  }
  return counts;
}

/** How many items a field returns at most, for the cost: its `first`, or the assumed list size. */
function multiplier(field: GraphQLField<unknown, unknown>, node: FieldNode, parent: GraphQLNamedType, variables: Record<string, unknown>): number {
  const firstArg = field.args.find((arg) => arg.name === 'first');
  if (firstArg) {
    const given = node.arguments?.find((arg) => arg.name.value === 'first');
    const value = given ? valueFromAST(given.value, firstArg.type, variables) : firstArg.defaultValue;
    return typeof value === 'number' && value >= 0 ? value : DEFAULT_PAGE;
  }
  if (!isListType(getNullableType(field.type))) return 1;
  // The edges of a connection are already counted by its `first`.
  return parent.name.endsWith('Connection') ? 1 : ASSUMED_LIST_SIZE;
}

/** The cost of a selection set on `type` (see QueryLimits.maxCost); fragments expanded, each possible type added. */
function cost(
  selectionSet: SelectionSetNode, type: GraphQLNamedType, schema: GraphQLSchema,
  fragments: Map<string, FragmentDefinitionNode>, variables: Record<string, unknown>,
): number {
  let total = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value.startsWith('__') || !(isObjectType(type) || isInterfaceType(type))) continue;
      const field = type.getFields()[selection.name.value];
      if (!field) continue;
      total += 1;
      if (selection.selectionSet) {
        total += multiplier(field, selection, type, variables) * cost(selection.selectionSet, getNamedType(field.type), schema, fragments, variables);
      }
    } else {
      const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments.get(selection.name.value);
      if (!fragment) continue;
      const on = fragment.typeCondition ? schema.getType(fragment.typeCondition.name.value) : type;
      if (on) total += cost(fragment.selectionSet, on, schema, fragments, variables);
    }
  }
  return total;
}

/** The cost of one operation of a document (see QueryLimits.maxCost). */
export function operationCost(schema: GraphQLSchema, document: DocumentNode, operationName?: string | null, variables: Record<string, unknown> = {}): number {
  const fragments = new Map(document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION && (!operationName || d.name?.value === operationName));
  if (!operation || operation.kind !== Kind.OPERATION_DEFINITION) return 0;
  const root = operation.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
  return root ? cost(operation.selectionSet, root, schema, fragments, variables) : 0;
}

export function checkLimits(document: DocumentNode, operationName: string | null | undefined, limits: QueryLimits): void {
  const fragments = new Map(document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION && (!operationName || d.name?.value === operationName));
  if (!operation || operation.kind !== Kind.OPERATION_DEFINITION) return;
  const counts = measure(operation.selectionSet, fragments, new Set());
  counts.directives += operation.directives?.length ?? 0;
  if (counts.depth > limits.maxDepth) throw tooMuch('QUERY_TOO_DEEP', `The query nests ${counts.depth} levels deep; at most ${limits.maxDepth} are allowed`);
  if (counts.aliases > limits.maxAliases) throw tooMuch('TOO_MANY_ALIASES', `The query has ${counts.aliases} aliases; at most ${limits.maxAliases} are allowed`);
  if (counts.directives > limits.maxDirectives) throw tooMuch('TOO_MANY_DIRECTIVES', `The query has ${counts.directives} directives; at most ${limits.maxDirectives} are allowed`);
}

/** Applies the limits to every operation once it is parsed and validated. */
export function limitsPlugin(limits: QueryLimits): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request, schema }) {
          checkLimits(document, request.operationName, limits);
          const total = operationCost(schema, document, request.operationName, request.variables ?? {});
          if (total > limits.maxCost) {
            throw tooMuch('QUERY_TOO_COSTLY', `The query could resolve ${total} fields; at most ${limits.maxCost} are allowed (ask for smaller pages or fewer sections)`);
          }
        },
      };
    },
  };
}
