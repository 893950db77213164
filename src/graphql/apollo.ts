import { ApolloServer, type ApolloServerPlugin, type PersistedQueryOptions } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import { databaseUnavailablePlugin } from './database-unavailable.ts';
import { readAuditPlugin } from './read-audit.ts';
import { reportPlugin } from './report.ts';
import { cursorPartsOf } from '../modules/card/cursors.ts';
import { argumentChecksPlugin } from './argument-checks.ts';
import { argumentErrorsPlugin } from './argument-errors.ts';
import type { Context } from './context.ts';
import { formatError, withoutSuggestions } from './format-error.ts';
import { httpCachePlugin } from './http-cache.ts';
import { jitGateway } from './jit.ts';
import { executionTimeoutPlugin } from './timeout.ts';
import { DEFAULT_LIMITS, limitsPlugin, type QueryLimits } from './limits.ts';
import { settings, type Settings } from '../runtime/settings.ts';

/**
 * Introspection (`GRAPHQL_INTROSPECTION`): on unless turned off, or unless `NODE_ENV` is
 * production and it is not turned on. GraphiQL needs it; callers are signed in either way.
 */
export function introspectionOf(from: Settings = settings()): boolean {
  if (from.GRAPHQL_INTROSPECTION) return from.GRAPHQL_INTROSPECTION === 'true';
  return from.NODE_ENV !== 'production';
}

export interface ApolloOptions {
  limits?: QueryLimits;
  introspection?: boolean;
  /** Automatic persisted queries: their cache (persisted-queries.ts), or false for none. */
  persistedQueries?: PersistedQueryOptions | false;
  /** Run queries compiled by graphql-jit (jit.ts); on unless GRAPHQL_JIT=off. */
  jit?: boolean;
  /** How long a private HTTP cache may keep a query's answer sent by GET (http-cache.ts); HTTP_CACHE_MAX_AGE_SECONDS. */
  httpCacheMaxAgeSeconds?: number;
  /** Read replicas' routing (read-routing.ts), when the server has replicas. */
  readRouting?: ApolloServerPlugin<Context> | null;
}

export function createApolloServer(schema: GraphQLSchema, options: ApolloOptions = {}): ApolloServer<Context> {
  const { limits = DEFAULT_LIMITS, introspection = introspectionOf(), persistedQueries = false, jit = settings().GRAPHQL_JIT, httpCacheMaxAgeSeconds = settings().HTTP_CACHE_MAX_AGE_SECONDS, readRouting = null } = options;
  return new ApolloServer<Context>({
    ...(jit ? { gateway: jitGateway(schema) } : { schema }),
    // Without introspection the schema is not the caller's to learn, not even from suggestions.
    formatError: introspection ? formatError : withoutSuggestions(formatError),
    hideSchemaDetailsFromClientErrors: !introspection,
    includeStacktraceInErrorResponses: false,
    parseOptions: { maxTokens: limits.maxTokens },
    introspection,
    persistedQueries,
    // Apollo's default, stated: a request that a browser could send cross-site without a preflight
    // (a simple form or text/plain POST, a GET without a custom header) is refused.
    csrfPrevention: true,
    // Apollo's default landing page loads Sandbox from a CDN; we serve our own offline GraphiQL.
    // Cache control is on by default and wraps every field resolver to read hints we never give
    // (profiled: 14 % of the server's CPU on the deep list); a fixed policy instead (http-cache.ts).
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginCacheControlDisabled(), httpCachePlugin(httpCacheMaxAgeSeconds), argumentErrorsPlugin, limitsPlugin(limits), argumentChecksPlugin(cursorPartsOf), executionTimeoutPlugin(limits.executionTimeoutMs), databaseUnavailablePlugin, ...(readRouting ? [readRouting] : []), readAuditPlugin, reportPlugin],
    // The process stops on its own signal handlers (runtime/shutdown.ts); Apollo's would re-raise
    // the signal, ending the process before requests in flight are answered and the database closed.
    stopOnTerminationSignals: false,
  });
}
