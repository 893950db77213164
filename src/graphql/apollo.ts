import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import { argumentErrorsPlugin } from './argument-errors.ts';
import type { Context } from './context.ts';
import { formatError } from './format-error.ts';

export function createApolloServer(schema: GraphQLSchema): ApolloServer<Context> {
  return new ApolloServer<Context>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    // Apollo's default landing page loads Sandbox from a CDN; we serve our own offline GraphiQL.
    plugins: [ApolloServerPluginLandingPageDisabled(), argumentErrorsPlugin],
  });
}
