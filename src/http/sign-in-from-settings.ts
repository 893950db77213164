import { readFile } from 'node:fs/promises';
import { Sessions, sessionKeyFrom } from '../modules/access/session.ts';
import { settings, type Settings } from '../runtime/settings.ts';
import type { SignInSettings } from './sign-in.ts';

// How the API reaches the development identity provider (src/dev/identity-provider.ts), kept apart
// from the provider itself: oidc-provider is a development dependency, and a production install
// loads this file.

export const DEV_CLIENT_ID = 'employment-card-dev';
/** Not a secret: the development provider accepts nothing else and runs only in development. */
export const DEV_CLIENT_SECRET = 'development-only-client-secret';

/**
 * Whether `npm start` runs the development provider: no OIDC_ISSUER_URL, NODE_ENV not production,
 * DEV_OIDC_PORT not 0.
 */
export const runsDevProvider = (from: Settings): boolean => !from.OIDC_ISSUER_URL && from.NODE_ENV !== 'production' && from.DEV_OIDC_PORT > 0;

/** The development provider's issuer. */
export const devIssuer = (from: Settings): string => `http://localhost:${from.DEV_OIDC_PORT}`;

/** The API's address as the browser reaches it: PUBLIC_URL, or in development http://localhost:PORT. */
export const publicUrlOf = (from: Settings): string => from.PUBLIC_URL ?? `http://localhost:${from.PORT}`;

/**
 * Browser sign-in as the settings configure it: the identity provider OIDC_ISSUER_URL names; or in
 * development the local provider `npm start` runs (src/dev/identity-provider.ts); or none (null).
 */
export async function signInFrom(from: Settings = settings()): Promise<SignInSettings | null> {
  if (!from.OIDC_ISSUER_URL && !runsDevProvider(from)) return null;
  const { key, source } = await sessionKeyFrom(from);
  const common = { scopes: from.OIDC_SCOPES!, publicUrl: publicUrlOf(from), sessions: new Sessions(key), maxAgeSeconds: from.SESSION_MAX_AGE_SECONDS };
  if (from.OIDC_ISSUER_URL) {
    const clientSecret = from.OIDC_CLIENT_SECRET ?? (from.OIDC_CLIENT_SECRET_FILE ? (await readFile(from.OIDC_CLIENT_SECRET_FILE, 'utf8')).trim() : undefined);
    return { ...common, issuer: new URL(from.OIDC_ISSUER_URL), clientId: from.OIDC_CLIENT_ID!, clientSecret, source: `${from.OIDC_ISSUER_URL} (session key: ${source})` };
  }
  return { ...common, issuer: new URL(devIssuer(from)), clientId: DEV_CLIENT_ID, clientSecret: DEV_CLIENT_SECRET, source: `development provider ${devIssuer(from)} (session key: ${source})` };
}
