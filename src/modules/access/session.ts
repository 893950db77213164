import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EncryptJWT, errors, jwtDecrypt, type JWTPayload } from 'jose';
import type { Principal } from './principal.ts';
import { principalFromClaims, TokenRejected } from './tokens.ts';
import { DEV_KEY_DIR } from './dev-keys.ts';
import type { Settings } from '../../runtime/settings.ts';

// A browser's session after signing in with the identity provider (src/http/sign-in.ts): the
// caller's claims, encrypted and authenticated (JWE, dir + A256GCM) with a key only the API holds,
// carried by the browser in an HttpOnly cookie. Nothing is kept on the server, so any replica
// reads any session; the price is that a session cannot be revoked before it expires (sign-out
// clears the cookie; SESSION_MAX_AGE_SECONDS bounds a copied one). The claims are read back by
// the same rules as a token's (principalFromClaims), so a session names no caller a token could not.
// The short-lived sign-in state (PKCE verifier, state, nonce) is sealed the same way under another
// purpose: one can never be taken for the other.

const ALGORITHM = 'dir';
const ENCRYPTION = 'A256GCM';
const ISSUER = 'employment-card-api';

/** What a sealed value is for: a session, or a sign-in on its way through the identity provider. */
export type Purpose = 'session' | 'sign-in';

/** Why a cookie was not accepted. */
export class SessionRejected extends Error {
  readonly reason: 'SESSION_EXPIRED' | 'SESSION_INVALID';
  constructor(reason: 'SESSION_EXPIRED' | 'SESSION_INVALID', message: string) {
    super(message);
    this.name = 'SessionRejected';
    this.reason = reason;
  }
}

/** The 256-bit key of a secret of any length. */
const keyOf = (secret: string): Uint8Array => new Uint8Array(createHash('sha256').update(`employment-card session\0${secret}`).digest());

/**
 * The session key: SESSION_SECRET, or the secret in SESSION_KEY_FILE; with neither (development),
 * a random one made on first use beside the development token key (`.data/dev-keys/session.key`),
 * so sessions survive a restart and `WEB_CONCURRENCY` workers on one machine share it.
 */
export async function sessionKeyFrom(from: Pick<Settings, 'SESSION_SECRET' | 'SESSION_KEY_FILE' | 'AUTH_DEV_KEY_DIR'>): Promise<{ key: Uint8Array; source: string }> {
  if (from.SESSION_SECRET) return { key: keyOf(from.SESSION_SECRET), source: 'SESSION_SECRET' };
  if (from.SESSION_KEY_FILE) return { key: keyOf((await readFile(from.SESSION_KEY_FILE, 'utf8')).trim()), source: `SESSION_KEY_FILE ${from.SESSION_KEY_FILE}` };
  const directory = from.AUTH_DEV_KEY_DIR ?? DEV_KEY_DIR;
  const path = join(directory, 'session.key');
  let secret: string;
  try {
    secret = (await readFile(path, 'utf8')).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    await mkdir(directory, { recursive: true });
    secret = randomBytes(32).toString('base64url');
    try {
      await writeFile(path, secret, { mode: 0o600, flag: 'wx' });
    } catch (raced) {
      if ((raced as NodeJS.ErrnoException).code !== 'EEXIST') throw raced;
      secret = (await readFile(path, 'utf8')).trim();
    }
  }
  return { key: keyOf(secret), source: `development key ${path}` };
}

/** Seals and opens sessions and sign-in states with one key. `now` is the clock expiry is read by. */
export class Sessions {
  readonly #key: Uint8Array;
  readonly #now: () => number;

  constructor(key: Uint8Array, now: () => number = Date.now) {
    this.#key = key;
    this.#now = now;
  }

  /** `claims` sealed for `purpose` until `expiresAt` (ms since the epoch). */
  seal(purpose: Purpose, claims: JWTPayload, expiresAt: number): Promise<string> {
    return new EncryptJWT(claims)
      .setProtectedHeader({ alg: ALGORITHM, enc: ENCRYPTION })
      .setIssuer(ISSUER)
      .setAudience(purpose)
      .setIssuedAt(Math.floor(this.#now() / 1000))
      .setExpirationTime(Math.floor(expiresAt / 1000))
      .encrypt(this.#key);
  }

  /** The claims sealed for `purpose`; throws SessionRejected when expired, tampered with or sealed for another purpose. */
  async open(purpose: Purpose, sealed: string): Promise<JWTPayload> {
    try {
      const { payload } = await jwtDecrypt(sealed, this.#key, {
        issuer: ISSUER, audience: purpose, keyManagementAlgorithms: [ALGORITHM], contentEncryptionAlgorithms: [ENCRYPTION],
        requiredClaims: ['exp'], currentDate: new Date(this.#now()),
      });
      return payload;
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new SessionRejected('SESSION_EXPIRED', 'the session has expired: sign in again');
      throw new SessionRejected('SESSION_INVALID', 'the session cookie is not valid: sign in again');
    }
  }

  /** A session for `principal` until `expiresAt`, in the claim names of a token. */
  sealPrincipal(principal: Principal, expiresAt: number): Promise<string> {
    return this.seal('session', {
      sub: principal.subject, role: principal.role,
      ...(principal.careerCenter ? { center: principal.careerCenter } : {}),
      ...(principal.name ? { name: principal.name } : {}),
      ...(principal.iin && principal.role !== 'CITIZEN' ? { iin: principal.iin } : {}),
    }, expiresAt);
  }

  /** The caller of a session cookie and when it ends; throws SessionRejected. */
  async openPrincipal(sealed: string): Promise<{ principal: Principal; expiresAt: number }> {
    const payload = await this.open('session', sealed);
    try {
      return { principal: principalFromClaims(payload, 'session'), expiresAt: payload.exp! * 1000 };
    } catch (error) {
      if (error instanceof TokenRejected) throw new SessionRejected('SESSION_INVALID', `the session is not valid (${error.message}): sign in again`);
      throw error;
    }
  }
}
