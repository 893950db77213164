import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { isDatabaseUnavailable } from '../db/availability.ts';
import { isStatementCancelled } from '../db/config.ts';
import { isDeadlinePassed } from '../db/sql-log.ts';
import { InvalidInput } from '../modules/base/errors.ts';
import { log } from '../runtime/log.ts';
import { DATABASE_UNAVAILABLE } from './database-unavailable.ts';

// What a client may see of an error. Expected failures keep their message and code (the database
// being away among them: DATABASE_UNAVAILABLE); anything else (a bug, a failing statement) is logged
// here and reported as a bare INTERNAL_SERVER_ERROR, so no stack trace, SQL text or internal detail
// ever leaves the server.

const CLIENT_CODES = new Set([
  'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED', 'OPERATION_RESOLUTION_FAILURE',
  'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'BATCH_TOO_LARGE', 'QUERY_TOO_DEEP', 'TOO_MANY_ALIASES', 'TOO_MANY_DIRECTIVES', 'QUERY_TOO_COSTLY',
  'TOO_MANY_HEAVY_STATEMENTS',
  'RATE_LIMITED', 'EXECUTION_TIMEOUT', 'STATEMENT_TIMEOUT', 'DATABASE_UNAVAILABLE',
]);

export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const { locations, path } = formatted;
  const original = unwrapResolverError(error);
  if (original instanceof InvalidInput) {
    return { message: original.message, locations, path, extensions: { code: 'BAD_USER_INPUT', argument: original.argument } };
  }
  // Expected: the whole answer is then replaced by EXECUTION_TIMEOUT (timeout.ts). The ORM may
  // have wrapped the refusal of a statement in an exception of its own.
  if (isDeadlinePassed(original)) return { message: (original as Error).message, locations, path, extensions: { code: 'EXECUTION_TIMEOUT' } };
  // Expected under load: PostgreSQL's statement_timeout (DB_STATEMENT_TIMEOUT_MS) cancelled a statement.
  if (isStatementCancelled(original)) {
    return { message: 'A database statement of this request ran too long and was cancelled; ask for less, or try again later', locations, path, extensions: { code: 'STATEMENT_TIMEOUT' } };
  }
  // Expected while the database is away; the whole answer is then replaced (database-unavailable.ts).
  if (isDatabaseUnavailable(original)) {
    log.warn({ err: original }, 'the database is unavailable');
    return { message: DATABASE_UNAVAILABLE.message, locations, path, extensions: DATABASE_UNAVAILABLE.extensions };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && CLIENT_CODES.has(code)) {
    const argument = formatted.extensions?.argument;
    return { message: formatted.message, locations, path, extensions: argument ? { code, argument } : { code } };
  }
  // Apollo's own refusals of a request (e.g. a persisted-query hash that does not match its text)
  // carry a 4xx status but no code.
  const status = (original as GraphQLError | undefined)?.extensions?.http as { status?: number } | undefined;
  if (original instanceof GraphQLError && status?.status && status.status >= 400 && status.status < 500) {
    return { message: formatted.message, locations, path, extensions: { code: 'BAD_REQUEST' } };
  }
  log.error({ err: original }, 'internal error while executing a GraphQL request');
  return { message: 'Internal server error', locations, path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

/**
 * graphql-js's "Did you mean …?" names the fields, arguments, enum values, input fields, types and
 * union members nearest a guess: with introspection off, the schema one near miss at a time.
 * Apollo's `hideSchemaDetailsFromClientErrors` strips it from validation errors only; this also
 * covers the coercion of variables, which happens at execution.
 */
export function withoutSuggestions(format: typeof formatError): typeof formatError {
  return (formatted, error) => {
    const result = format(formatted, error);
    return { ...result, message: result.message.replace(/ ?Did you mean[^?]*\?/g, '') };
  };
}
