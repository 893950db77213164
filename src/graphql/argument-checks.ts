import type { ApolloServerPlugin } from '@apollo/server';
import {
  getNamedType, getVariableValues, GraphQLError, isAbstractType, isObjectType, Kind, TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { getArgumentValues } from 'graphql/execution/values.js';
import { cursorKey, pageSize, type KeyPart } from '../api/relay.ts';
import type { Context } from '../api/context.ts';

// The arguments every connection shares — page size (`first`) and cursor (`after`) — are checked
// for the whole operation before anything runs: a bad one deep in a list of cards is refused
// before the cards are read (and before anything could be recorded as read).

/** The type of the nodes of a connection type (`edges { node }`), for its cursors. */
function nodeTypeOf(schema: GraphQLSchema, connection: string): string | null {
  const type = schema.getType(connection);
  if (!isObjectType(type)) return null;
  const edge = type.getFields().edges ? getNamedType(type.getFields().edges!.type) : null;
  const node = isObjectType(edge) ? edge.getFields().node : undefined;
  if (!node) return null;
  const named = getNamedType(node.type);
  return isAbstractType(named) ? schema.getPossibleTypes(named)[0]?.name ?? null : named.name;
}

export function checkConnectionArguments(
  schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>,
  cursorParts: (type: string) => readonly KeyPart[] | null,
): void {
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  // Bad variables are graphql-js's to report, as it does for every request.
  if (coerced.errors) return;
  const typeInfo = new TypeInfo(schema);
  const definitions = document.definitions.filter((d) => d === operation || d.kind === Kind.FRAGMENT_DEFINITION);
  visit({ kind: Kind.DOCUMENT, definitions }, visitWithTypeInfo(typeInfo, {
    Field(node) {
      const field = typeInfo.getFieldDef();
      if (!field || !field.args.some((arg) => arg.name === 'first' || arg.name === 'after')) return;
      const args = getArgumentValues(field, node, coerced.coerced);
      if (field.args.some((arg) => arg.name === 'first')) pageSize(args.first as number | null | undefined);
      if (typeof args.after === 'string') {
        const parts = cursorParts(nodeTypeOf(schema, getNamedType(field.type).name) ?? '');
        if (parts) cursorKey(args.after, parts);
      }
    },
  }));
}

export function argumentChecksPlugin(cursorParts: (type: string) => readonly KeyPart[] | null): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, schema, request }) {
          if (!operation) return;
          try {
            checkConnectionArguments(schema, document, operation, request.variables ?? {}, cursorParts);
          } catch (error) {
            // Refused before execution, as a request whose variables do not fit is: HTTP 400.
            if (error instanceof GraphQLError) Object.assign(error.extensions, { http: { status: 400 } });
            throw error;
          }
        },
      };
    },
  };
}
