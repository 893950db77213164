import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import { argumentErrorsPlugin } from './argument-errors.ts';
import type { Context } from './context.ts';
import { formatError } from './format-error.ts';
import { DEFAULT_LIMITS, limitsPlugin, type QueryLimits } from './limits.ts';

export function createApolloServer(schema: GraphQLSchema, limits: QueryLimits = DEFAULT_LIMITS): ApolloServer<Context> {
  return new ApolloServer<Context>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    parseOptions: { maxTokens: limits.maxTokens },
    // Apollo's default landing page loads Sandbox from a CDN; we serve our own offline GraphiQL.
    plugins: [ApolloServerPluginLandingPageDisabled(), argumentErrorsPlugin, limitsPlugin(limits)],
  });
}
