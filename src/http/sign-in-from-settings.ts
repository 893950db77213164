import { readFile } from 'node:fs/promises';
import { DEV_CLIENT_ID, DEV_CLIENT_SECRET, devIssuer, publicUrlOf, runsDevProvider } from '../dev/client.ts';
import { Sessions, sessionKeyFrom } from '../modules/access/session.ts';
import { settings, type Settings } from '../runtime/settings.ts';
import type { SignInSettings } from './sign-in.ts';

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
