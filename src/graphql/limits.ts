import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';
import type { Context } from './context.ts';

// Issue 6 — limits a query must keep, checked after parsing and validation and before anything
// runs (so no SQL), each refused with its own code. Pages are capped at 100 by `pageSize`, request
// bodies at 1 MB by the HTTP layer, and documents at `maxTokens` by the parser.

export interface QueryLimits {
  /** Nesting of selections: the full-card query needs 9; 15 leaves room without allowing abuse. */
  maxDepth: number;
  /** Fields asked under another name: a flood of aliases repeats expensive fields. */
  maxAliases: number;
  /** Directives in one document (`@include`/`@skip` on many fields is a known amplifier). */
  maxDirectives: number;
  /** Tokens in one document, enforced by the parser. */
  maxTokens: number;
}

export const DEFAULT_LIMITS: QueryLimits = { maxDepth: 15, maxAliases: 30, maxDirectives: 50, maxTokens: 5000 };

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
        async didResolveOperation({ document, request }) {
          checkLimits(document, request.operationName, limits);
        },
      };
    },
  };
}
