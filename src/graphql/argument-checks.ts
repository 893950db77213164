import type { ApolloServerPlugin } from '@apollo/server';
import {
  getNamedType, getVariableValues, GraphQLError, isAbstractType, isObjectType, Kind, TypeInfo, visit, visitWithTypeInfo,
  type DocumentNode, type FieldNode, type GraphQLField, type GraphQLSchema, type OperationDefinitionNode,
} from 'graphql';
import { getArgumentValues } from 'graphql/execution/values.js';
import { pageRequest, type PageArgs } from '../api/connection.ts';
import type { KeyPart } from '../api/relay.ts';
import type { Context } from '../api/context.ts';

// The arguments every connection shares — page sizes (`first`, `last`) and cursors (`after`,
// `before`) — are checked for the whole operation before anything runs, as the connection's
// resolver checks them (`pageRequest`): a bad one deep in a list of cards is refused
// before the cards are read (and before anything could be recorded as read).

/** A field of an operation that takes a page size or a cursor, found once per document. */
interface PagedField {
  field: GraphQLField<unknown, unknown>;
  node: FieldNode;
  /** What its cursors carry; null when the list's cursors are not known here (then its resolver checks them). */
  cursorParts: readonly KeyPart[] | null;
}

const PAGING_ARGUMENTS = new Set(['first', 'after', 'last', 'before']);

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

/** The fields of an operation (its fragments included) that take paging arguments. */
function pagedFields(
  schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, cursorParts: (type: string) => readonly KeyPart[] | null,
): PagedField[] {
  const found: PagedField[] = [];
  const typeInfo = new TypeInfo(schema);
  const definitions = document.definitions.filter((d) => d === operation || d.kind === Kind.FRAGMENT_DEFINITION);
  visit({ kind: Kind.DOCUMENT, definitions }, visitWithTypeInfo(typeInfo, {
    Field(node) {
      const field = typeInfo.getFieldDef();
      if (!field) return;
      if (!field.args.some((arg) => PAGING_ARGUMENTS.has(arg.name))) return;
      found.push({ field, node, cursorParts: cursorParts(nodeTypeOf(schema, getNamedType(field.type).name) ?? '') });
    },
  }));
  return found;
}

/** Checks the page sizes and cursors of an operation, its variables (and their defaults) applied. */
export function checkConnectionArguments(schema: GraphQLSchema, fields: readonly PagedField[], operation: OperationDefinitionNode, variables: Record<string, unknown>): void {
  if (!fields.length) return;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  // Bad variables are graphql-js's to report, as it does for every request.
  if (coerced.errors) return;
  for (const { field, node, cursorParts } of fields) {
    const { first, after, last, before } = getArgumentValues(field, node, coerced.coerced) as PageArgs;
    pageRequest(cursorParts ? { first, after, last, before } : { first, last }, cursorParts ?? []);
  }
}

export function argumentChecksPlugin(cursorParts: (type: string) => readonly KeyPart[] | null): ApolloServerPlugin<Context> {
  // Apollo keeps one parsed document per query text, so what a document asks for is worked out once.
  const planned = new WeakMap<OperationDefinitionNode, PagedField[]>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, schema, request }) {
          if (!operation) return;
          let fields = planned.get(operation);
          if (!fields) planned.set(operation, (fields = pagedFields(schema, document, operation, cursorParts)));
          try {
            checkConnectionArguments(schema, fields, operation, request.variables ?? {});
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
