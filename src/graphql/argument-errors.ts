import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, visit, type ASTNode, type DocumentNode, type GraphQLError } from 'graphql';

// A bad argument value is bad user input, whether it was written into the query (graphql-js
// reports it as a validation error) or passed in a variable (a coercion error). Both become
// BAD_USER_INPUT with a message that names the argument, e.g. `filter.registeredBetween.from`.

const VALUE_KINDS = new Set<string>([
  Kind.STRING, Kind.INT, Kind.FLOAT, Kind.BOOLEAN, Kind.NULL, Kind.ENUM, Kind.LIST, Kind.OBJECT,
]);

interface ArgumentRef {
  field: string;
  path: string;
}

/** Walks the document's argument values, telling `onNode` the field and argument path of each node. */
function walkArguments(document: DocumentNode, onNode: (node: ASTNode, ref: ArgumentRef) => void): void {
  const fields: string[] = [];
  const path: string[] = [];
  visit(document, {
    Field: { enter: (node) => void fields.push(node.name.value), leave: () => void fields.pop() },
    Argument: { enter: (node) => void path.push(node.name.value), leave: () => void path.pop() },
    ObjectField: { enter: (node) => void path.push(node.name.value), leave: () => void path.pop() },
    enter(node) {
      if (path.length > 0) onNode(node, { field: fields.at(-1) ?? '', path: path.join('.') });
    },
  });
}

/** Field and argument path (with input-object fields) at which the value `target` sits. */
function argumentAt(document: DocumentNode, target: ASTNode): ArgumentRef | null {
  let found: ArgumentRef | null = null;
  walkArguments(document, (node, ref) => {
    if (node === target) found = ref;
  });
  return found;
}

/** Arguments that take the variable `$name`. */
function argumentsUsing(document: DocumentNode, name: string): ArgumentRef[] {
  const refs: ArgumentRef[] = [];
  walkArguments(document, (node, ref) => {
    if (node.kind === Kind.VARIABLE && node.name.value === name) refs.push(ref);
  });
  return refs;
}

function describe(refs: ArgumentRef[]): string {
  return refs.map((ref) => `"${ref.path}" of "${ref.field}"`).join(', ');
}

/** A quoted value over 64 characters: graphql-js quotes the value it refused whole, a 1 MB note too; a message repeats its start only. */
const LONG_QUOTED = /"((?:[^"\\]|\\.){64})(?:[^"\\]|\\.)+"/g;

function relabel(error: GraphQLError, refs: ArgumentRef[], problem: string): void {
  const mutable = error as { message: string; extensions: Record<string, unknown> };
  mutable.message = `Invalid value for argument ${describe(refs)}: ${problem.replace(LONG_QUOTED, '"$1…"')}`;
  mutable.extensions.code = 'BAD_USER_INPUT';
  mutable.extensions.argument = refs[0]!.path;
}

export const argumentErrorsPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didEncounterErrors({ document, errors }) {
        if (!document) return;
        for (const error of errors) {
          const code = error.extensions.code;
          const source = (error.originalError as GraphQLError | undefined) ?? error;
          if (code === 'GRAPHQL_VALIDATION_FAILED') {
            const node = source.nodes?.[0];
            const ref = node && VALUE_KINDS.has(node.kind) ? argumentAt(document, node) : null;
            if (ref) relabel(error, [ref], source.message);
          } else if (code === 'BAD_USER_INPUT') {
            // "got invalid value", "of non-null type … must not be null", "… was not provided"
            const variable = /^Variable "\$(\w+)" (got invalid value|of required type|of non-null type)/.exec(error.message)?.[1];
            const refs = variable ? argumentsUsing(document, variable) : [];
            if (refs.length) relabel(error, refs, error.message);
          }
        }
      },
    };
  },
};
