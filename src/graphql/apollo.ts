import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import { argumentErrorsPlugin } from './argument-errors.ts';
import type { Context } from './context.ts';
import { formatError } from './format-error.ts';
import { DEFAULT_LIMITS, limitsPlugin, type QueryLimits } from './limits.ts';

/**
 * Introspection (`GRAPHQL_INTROSPECTION`): on unless turned off, or unless `NODE_ENV` is
 * production and it is not turned on. GraphiQL needs it; callers are signed in either way.
 */
export function introspectionFromEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.GRAPHQL_INTROSPECTION) return env.GRAPHQL_INTROSPECTION === 'true';
  return env.NODE_ENV !== 'production';
}

export function createApolloServer(schema: GraphQLSchema, limits: QueryLimits = DEFAULT_LIMITS, introspection = introspectionFromEnv()): ApolloServer<Context> {
  return new ApolloServer<Context>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    parseOptions: { maxTokens: limits.maxTokens },
    introspection,
    // Apollo's default landing page loads Sandbox from a CDN; we serve our own offline GraphiQL.
    plugins: [ApolloServerPluginLandingPageDisabled(), argumentErrorsPlugin, limitsPlugin(limits)],
  });
}
