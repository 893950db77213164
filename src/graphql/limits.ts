import type { ApolloServerPlugin } from '@apollo/server';
import {
  getNamedType, getNullableType, getVariableValues, GraphQLError, isInterfaceType, isListType, isObjectType, Kind, valueFromAST,
  type DocumentNode, type FieldNode, type FragmentDefinitionNode, type GraphQLField, type GraphQLNamedType, type GraphQLSchema,
  type OperationDefinitionNode, type SelectionSetNode, type TypeNode,
} from 'graphql';
import { runsHeavyStatement } from '../modules/statistics/statistics.cost.ts';
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
   * the page size of every connection above it (`first` or `last`) and 10 for every plain list above it.
   * The heaviest read clients make — the full card, every section paged by 100, on a page of 50
   * cards — costs 1,035,051 and passes; the same on 100 cards (2.07 M), or a few aliased copies of
   * it, is refused: ask for 50 cards at a time.
   */
  maxCost: number;
  /**
   * The most heavy statements (a statistics list: a GROUP BY over every card of the period) one
   * operation may run, counted like the cost. Each took 36–53 ms on a 300-card database, and 180 of
   * them (30 aliases × 6 lists) held every pool connection for 6.5–9.6 s; 12 asks for every list
   * twice (two periods side by side), the examples ask for at most 2.
   */
  maxHeavyStatements: number;
  /** How long a query may run (timeout.ts): the full card on 50 cards takes under 0.1 s. */
  executionTimeoutMs: number;
}

export const DEFAULT_LIMITS: QueryLimits = { maxDepth: 15, maxAliases: 30, maxDirectives: 50, maxTokens: 5000, maxCost: 1_100_000, maxHeavyStatements: 12, executionTimeoutMs: 10_000 };

/** What a plain list (not a paged connection) is assumed to hold when costing a query. */
const ASSUMED_LIST_SIZE = 10;
/** `first` when neither the query nor the schema gives one (pageSize's default). */
const DEFAULT_PAGE = 20;
/**
 * What a heavy statement adds to the cost, beside the fields it returns. Their number is bounded by
 * maxHeavyStatements; in the cost they make a mix count: the 12 allowed add 120,000, so beside the
 * heaviest page of cards (the whole card on 50, 1,035,051) at most 6 fit.
 */
const HEAVY_STATEMENT_COST = 10_000;

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

/** How many items a field returns at most, for the cost: its `first` or `last`, or the assumed list size. */
function multiplier(field: GraphQLField<unknown, unknown>, node: FieldNode, parent: GraphQLNamedType, variables: Record<string, unknown>): number {
  const sizes = field.args.filter((arg) => arg.name === 'first' || arg.name === 'last');
  if (sizes.length) {
    const values = sizes.map((arg) => {
      const given = node.arguments?.find((a) => a.name.value === arg.name);
      return given ? valueFromAST(given.value, arg.type, variables) : arg.defaultValue;
    }).filter((value): value is number => typeof value === 'number' && value >= 0);
    return values.length ? Math.max(...values) : DEFAULT_PAGE;
  }
  if (!isListType(getNullableType(field.type))) return 1;
  // The edges of a connection are already counted by its page size.
  return parent.name.endsWith('Connection') ? 1 : ASSUMED_LIST_SIZE;
}

/** What an operation would do at most: fields resolved (the cost) and heavy statements run. */
export interface Workload {
  cost: number;
  heavyStatements: number;
}

/**
 * The workload of a selection set on `type` (see QueryLimits.maxCost), with the variables as
 * execution will see them; fragments are expanded. On an abstract type, every member's fragment is
 * added: the sum is never below the worst single member (the exact worst case per item), costs no
 * more to work out, and the heaviest real documents (every member of §16 on 50 cards) stay under
 * the limit with it.
 */
function workload(
  selectionSet: SelectionSetNode, type: GraphQLNamedType, schema: GraphQLSchema,
  fragments: Map<string, FragmentDefinitionNode>, variables: Record<string, unknown>,
): Workload {
  const total: Workload = { cost: 0, heavyStatements: 0 };
  const add = (inner: Workload, times = 1) => {
    total.cost += times * inner.cost;
    total.heavyStatements += times * inner.heavyStatements;
  };
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value.startsWith('__') || !(isObjectType(type) || isInterfaceType(type))) continue;
      const field = type.getFields()[selection.name.value];
      if (!field) continue;
      total.cost += 1;
      if (runsHeavyStatement(type.name, field)) add({ cost: HEAVY_STATEMENT_COST, heavyStatements: 1 });
      if (selection.selectionSet) {
        add(workload(selection.selectionSet, getNamedType(field.type), schema, fragments, variables), multiplier(field, selection, type, variables));
      }
    } else {
      const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments.get(selection.name.value);
      if (!fragment) continue;
      const on = fragment.typeCondition ? schema.getType(fragment.typeCondition.name.value) : type;
      if (on) add(workload(fragment.selectionSet, on, schema, fragments, variables));
    }
  }
  return total;
}

function operationOf(document: DocumentNode, operationName?: string | null): OperationDefinitionNode | undefined {
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION && (!operationName || d.name?.value === operationName));
  return operation?.kind === Kind.OPERATION_DEFINITION ? operation : undefined;
}

/**
 * The workload of one operation of a document, its variables coerced by the operation's
 * definitions as execution will coerce them (defaults applied); null when they do not fit, which
 * execution refuses before anything runs.
 */
export function operationWorkload(schema: GraphQLSchema, document: DocumentNode, operationName?: string | null, variables: Record<string, unknown> = {}): Workload | null {
  const fragments = new Map(document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  const operation = operationOf(document, operationName);
  if (!operation) return { cost: 0, heavyStatements: 0 };
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  if (coerced.errors) return null;
  const root = operation.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
  return root ? workload(operation.selectionSet, root, schema, fragments, coerced.coerced) : { cost: 0, heavyStatements: 0 };
}

/** The cost of one operation of a document (see QueryLimits.maxCost). */
export function operationCost(schema: GraphQLSchema, document: DocumentNode, operationName?: string | null, variables: Record<string, unknown> = {}): number {
  return operationWorkload(schema, document, operationName, variables)?.cost ?? 0;
}

export function checkLimits(document: DocumentNode, operationName: string | null | undefined, limits: QueryLimits): void {
  const fragments = new Map(document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  const operation = operationOf(document, operationName);
  if (!operation) return;
  const counts = measure(operation.selectionSet, fragments, new Set());
  counts.directives += operation.directives?.length ?? 0;
  if (counts.depth > limits.maxDepth) throw tooMuch('QUERY_TOO_DEEP', `The query nests ${counts.depth} levels deep; at most ${limits.maxDepth} are allowed`);
  if (counts.aliases > limits.maxAliases) throw tooMuch('TOO_MANY_ALIASES', `The query has ${counts.aliases} aliases; at most ${limits.maxAliases} are allowed`);
  if (counts.directives > limits.maxDirectives) throw tooMuch('TOO_MANY_DIRECTIVES', `The query has ${counts.directives} directives; at most ${limits.maxDirectives} are allowed`);
}

/**
 * What the limits found of an operation of a parsed document, kept with the document (Apollo keeps
 * parsed documents and hands the same object to every request that sends the same text): its
 * shape is checked once, and its workload once for each set of page sizes, the only variables
 * the workload depends on (`first`/`last` are Int).
 */
interface Checked {
  shapeChecked: boolean;
  workloadBySizes: Map<string, Workload | null>;
}

const checkedDocuments = new WeakMap<DocumentNode, Map<string, Checked>>();

/** The Int variables of an operation as given: the page sizes the workload multiplies by. */
function sizesKey(document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown>): string {
  const operation = operationOf(document, operationName);
  const ints = (operation?.variableDefinitions ?? []).filter((d) => getNamedTypeNode(d.type) === 'Int').map((d) => variables[d.variable.name.value] ?? null);
  return JSON.stringify(ints);
}

const getNamedTypeNode = (type: TypeNode): string => (type.kind === Kind.NAMED_TYPE ? type.name.value : getNamedTypeNode(type.type));

/** Applies the limits to every operation once it is parsed and validated. */
export function limitsPlugin(limits: QueryLimits): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request, schema }) {
          let operations = checkedDocuments.get(document);
          if (!operations) checkedDocuments.set(document, (operations = new Map()));
          const name = request.operationName ?? '';
          let checked = operations.get(name);
          if (!checked) operations.set(name, (checked = { shapeChecked: false, workloadBySizes: new Map() }));
          if (!checked.shapeChecked) {
            checkLimits(document, request.operationName, limits);
            checked.shapeChecked = true;
          }
          const variables = request.variables ?? {};
          const key = sizesKey(document, request.operationName, variables);
          let planned = checked.workloadBySizes.get(key);
          if (planned === undefined) {
            planned = operationWorkload(schema, document, request.operationName, variables);
            // A client pages through a few sizes; a map that grew past them is started again.
            if (checked.workloadBySizes.size >= 100) checked.workloadBySizes.clear();
            checked.workloadBySizes.set(key, planned);
          }
          // Variables that do not fit are refused by execution before anything runs.
          if (!planned) return;
          if (planned.heavyStatements > limits.maxHeavyStatements) {
            throw tooMuch('TOO_MANY_HEAVY_STATEMENTS', `The query would run ${planned.heavyStatements} heavy statements (statistics lists); at most ${limits.maxHeavyStatements} are allowed`);
          }
          if (planned.cost > limits.maxCost) {
            throw tooMuch('QUERY_TOO_COSTLY', `The query could resolve ${planned.cost} fields; at most ${limits.maxCost} are allowed (ask for smaller pages or fewer sections)`);
          }
        },
      };
    },
  };
}
