import { generateKeyPair, type CryptoKey } from 'jose';
import type { AuthSettings } from '../../src/modules/access/auth-config.ts';
import type { Role } from '../../src/modules/access/principal.ts';
import { signToken } from '../../src/modules/access/tokens.ts';

// A token issuer of the tests' own: a fresh key pair per suite, trusted by the app under test.

export interface TestIssuer {
  settings: AuthSettings;
  privateKey: CryptoKey;
  /** A token for the claims, valid for an hour unless told otherwise. */
  token(claims: { subject?: string; role?: Role; careerCenter?: string | null; name?: string | null; iin?: string | null }, options?: { expiresIn?: string | number; audience?: string; issuer?: string; key?: CryptoKey }): Promise<string>;
}

export async function createTestIssuer(): Promise<TestIssuer> {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const settings: AuthSettings = { issuer: 'urn:employment-card:test', audience: 'employment-card-api', clockToleranceSeconds: 30, key: publicKey, keySource: 'test key' };
  return {
    settings,
    privateKey,
    token: (claims, options = {}) => signToken(options.key ?? privateKey, {
      subject: claims.subject ?? 'caseworker-1', role: claims.role ?? 'CASEWORKER',
      careerCenter: claims.careerCenter === undefined ? 'CC-KZ-75-002' : claims.careerCenter, name: claims.name ?? null, iin: claims.iin ?? null,
    }, { issuer: options.issuer ?? settings.issuer, audience: options.audience ?? settings.audience, expiresIn: options.expiresIn ?? '1h' }),
  };
}
