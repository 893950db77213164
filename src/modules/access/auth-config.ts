import { readFile } from 'node:fs/promises';
import { createRemoteJWKSet, importSPKI, type CryptoKey, type JWTVerifyGetKey } from 'jose';
import { developmentKeys } from './dev-keys.ts';
import { settings, SettingsError, type Settings } from '../../runtime/settings.ts';

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

export async function authFrom(from: Settings = settings()): Promise<AuthSettings> {
  // Both set, or either without an issuer, is refused by the settings' own rules.
  const common = { audience: from.AUTH_AUDIENCE!, clockToleranceSeconds: from.AUTH_CLOCK_TOLERANCE_SECONDS };
  if (from.AUTH_JWKS_URL) {
    return { ...common, issuer: from.AUTH_ISSUER!, key: createRemoteJWKSet(new URL(from.AUTH_JWKS_URL)), keySource: `JWKS ${from.AUTH_JWKS_URL}` };
  }
  if (from.AUTH_PUBLIC_KEY_FILE) {
    const pem = await readFile(from.AUTH_PUBLIC_KEY_FILE, 'utf8');
    const algorithm = from.AUTH_ALGORITHM!;
    let key: CryptoKey;
    try {
      key = await importSPKI(pem, algorithm);
    } catch {
      throw new SettingsError([`AUTH_PUBLIC_KEY_FILE holds no ${algorithm} public key in PEM (SPKI) form: ${from.AUTH_PUBLIC_KEY_FILE}`]);
    }
    return { ...common, issuer: from.AUTH_ISSUER!, key, keySource: `public key ${from.AUTH_PUBLIC_KEY_FILE} (${algorithm})` };
  }
  const keys = await developmentKeys(from.AUTH_DEV_KEY_DIR);
  return { ...common, issuer: from.AUTH_ISSUER ?? DEV_ISSUER, key: keys.publicKey, keySource: `development key ${keys.directory}` };
}
