import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { InvalidInput } from '../modules/base/errors.ts';

// What a client may see of an error. Expected failures keep their message and code; anything else
// (a bug, a database failure) is logged here and reported as a bare INTERNAL_SERVER_ERROR, so no
// stack trace, SQL text or internal detail ever leaves the server.

const CLIENT_CODES = new Set([
  'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED', 'OPERATION_RESOLUTION_FAILURE',
  'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'BATCH_TOO_LARGE', 'QUERY_TOO_DEEP', 'TOO_MANY_ALIASES', 'TOO_MANY_DIRECTIVES',
]);

export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const { locations, path } = formatted;
  const original = unwrapResolverError(error);
  if (original instanceof InvalidInput) {
    return { message: original.message, locations, path, extensions: { code: 'BAD_USER_INPUT', argument: original.argument } };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && CLIENT_CODES.has(code)) {
    const argument = formatted.extensions?.argument;
    return { message: formatted.message, locations, path, extensions: argument ? { code, argument } : { code } };
  }
  console.error('Internal error while executing a GraphQL request:', original);
  return { message: 'Internal server error', locations, path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
