import { readFile } from 'node:fs/promises';
import { createRemoteJWKSet, importSPKI, type CryptoKey, type JWTVerifyGetKey } from 'jose';
import { DEV_KEY_DIR, developmentKeys } from './dev-keys.ts';

// Where tokens are trusted from. Production names an identity provider's JWKS URL (keys rotate
// there) or a PEM public key file; with neither, the API trusts the local development key that
// `npm run token` signs with, so a newcomer can run it with nothing else.

export interface AuthSettings {
  issuer: string;
  audience: string;
  /** Seconds of clock difference tolerated on `exp` and `nbf`. */
  clockToleranceSeconds: number;
  /** The key (or key set) signatures are checked with. */
  key: CryptoKey | JWTVerifyGetKey;
  /** Which key this is, for the start-up message. */
  keySource: string;
}

export const DEV_ISSUER = 'urn:employment-card:dev';
export const DEFAULT_AUDIENCE = 'employment-card-api';
/** Algorithms accepted: asymmetric only, so the API never holds a key that could sign. */
export const ALGORITHMS = ['ES256', 'RS256', 'PS256', 'EdDSA'];

export async function authFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<AuthSettings> {
  const tolerance = Number(env.AUTH_CLOCK_TOLERANCE_SECONDS ?? 30);
  if (!Number.isInteger(tolerance) || tolerance < 0) throw new Error('AUTH_CLOCK_TOLERANCE_SECONDS must be a whole number of seconds');
  const common = { audience: env.AUTH_AUDIENCE ?? DEFAULT_AUDIENCE, clockToleranceSeconds: tolerance };
  if (env.AUTH_JWKS_URL && env.AUTH_PUBLIC_KEY_FILE) throw new Error('Set AUTH_JWKS_URL or AUTH_PUBLIC_KEY_FILE, not both');
  if (env.AUTH_JWKS_URL || env.AUTH_PUBLIC_KEY_FILE) {
    if (!env.AUTH_ISSUER) throw new Error('AUTH_ISSUER is required with AUTH_JWKS_URL or AUTH_PUBLIC_KEY_FILE');
    if (env.AUTH_JWKS_URL) {
      return { ...common, issuer: env.AUTH_ISSUER, key: createRemoteJWKSet(new URL(env.AUTH_JWKS_URL)), keySource: `JWKS ${env.AUTH_JWKS_URL}` };
    }
    const pem = await readFile(env.AUTH_PUBLIC_KEY_FILE!, 'utf8');
    const algorithm = env.AUTH_ALGORITHM ?? 'ES256';
    return { ...common, issuer: env.AUTH_ISSUER, key: await importSPKI(pem, algorithm), keySource: `public key ${env.AUTH_PUBLIC_KEY_FILE} (${algorithm})` };
  }
  const keys = await developmentKeys(env.AUTH_DEV_KEY_DIR ?? DEV_KEY_DIR);
  return { ...common, issuer: env.AUTH_ISSUER ?? DEV_ISSUER, key: keys.publicKey, keySource: `development key ${keys.directory}` };
}
