import { GraphQLError } from 'graphql';
import type { Principal } from '../modules/access/principal.ts';
import { TokenRejected, type VerifiedTokens } from '../modules/access/tokens.ts';

// Every GraphQL request names its caller with `Authorization: Bearer <JWT>` (or, from a browser,
// the session cookie of sign-in.ts). An anonymous caller
// gets only the GraphiQL page and its assets (plain HTTP routes): no query, not even introspection,
// since the schema itself describes where personal data lives.

const unauthenticated = (message: string, reason?: string) =>
  new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', ...(reason ? { reason } : {}), http: { status: 401 } } });

/**
 * The token of an Authorization header; throws UNAUTHENTICATED (HTTP 401) when there is none, the
 * header is not "Bearer <token>", or the token is longer than any identity provider issues (it is
 * refused unread: verifying it would cost CPU for nothing).
 */
export function bearerToken(authorization: string | undefined, maxTokenBytes: number): string {
  if (!authorization) {
    throw unauthenticated('Sign in: send "Authorization: Bearer <token>" (for development, `npm run token -- --role ANALYST`; a CASEWORKER or HEAD adds --center <code>), '
      + 'or in a browser sign in at /auth/login (GraphiQL: the Sign in link)');
  }
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (!match) throw unauthenticated('The Authorization header must be "Bearer <token>"');
  if (match[1]!.length > maxTokenBytes) throw unauthenticated(`Not signed in: the token is longer than ${maxTokenBytes} bytes`, 'TOKEN_TOO_LARGE');
  return match[1]!;
}

/** The caller a token names; throws UNAUTHENTICATED (HTTP 401) with the reason it was refused. */
export async function callerOf(token: string, tokens: VerifiedTokens): Promise<Principal> {
  try {
    return await tokens.verify(token);
  } catch (error) {
    if (error instanceof TokenRejected) throw unauthenticated(`Not signed in: ${error.message}`);
    throw error;
  }
}
