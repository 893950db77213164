import { GraphQLError } from 'graphql';
import type { Principal } from '../modules/access/principal.ts';
import { TokenRejected, type VerifiedTokens } from '../modules/access/tokens.ts';

// Every GraphQL request names its caller with `Authorization: Bearer <JWT>`. An anonymous caller
// gets only the GraphiQL page and its assets (plain HTTP routes): no query, not even introspection,
// since the schema itself describes where personal data lives.

const unauthenticated = (message: string) => new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });

/** The caller of a request, from its Authorization header; throws UNAUTHENTICATED (HTTP 401). */
export async function authenticate(authorization: string | undefined, tokens: VerifiedTokens): Promise<Principal> {
  if (!authorization) throw unauthenticated('Sign in: send "Authorization: Bearer <token>" (for development, `npm run token -- --role CASEWORKER --center <code>`)');
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (!match) throw unauthenticated('The Authorization header must be "Bearer <token>"');
  try {
    return await tokens.verify(match[1]!);
  } catch (error) {
    if (error instanceof TokenRejected) throw unauthenticated(`Not signed in: ${error.message}`);
    throw error;
  }
}
