import { errors, jwtVerify, SignJWT, type CryptoKey } from 'jose';
import { ALGORITHMS, type AuthSettings } from './auth-config.ts';
import { DEV_ALGORITHM } from './dev-keys.ts';
import { ROLES, type Principal, type Role } from './principal.ts';

// Bearer tokens: JWTs signed by the identity provider. The API only verifies them (signature,
// issuer, audience, expiry with some clock skew) and reads who the caller is from the claims:
// `sub`, `role`, `center` (a career center's code, for CASEWORKER and HEAD), `name` and `iin` (the
// staff member's IIN, which their signing certificate names; a CITIZEN's IIN is their subject).

/** Why a token was not accepted, in words a client developer can act on. */
export class TokenRejected extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenRejected';
  }
}

const IIN = /^\d{12}$/;

export async function verifyToken(token: string, settings: AuthSettings): Promise<Principal> {
  return (await verifyClaims(token, settings)).principal;
}

/** The caller a token names and when the token expires (ms since the epoch). */
async function verifyClaims(token: string, settings: AuthSettings): Promise<{ principal: Principal; expiresAt: number }> {
  let payload;
  try {
    const options = {
      issuer: settings.issuer, audience: settings.audience, clockTolerance: settings.clockToleranceSeconds, algorithms: ALGORITHMS, requiredClaims: ['exp', 'sub'],
    };
    ({ payload } = typeof settings.key === 'function' ? await jwtVerify(token, settings.key, options) : await jwtVerify(token, settings.key, options));
  } catch (error) {
    throw new TokenRejected(reason(error));
  }
  return { principal: principalFromClaims(payload), expiresAt: payload.exp! * 1000 };
}

/**
 * The caller some claims name: a token's, or those the identity provider gave at a browser sign-in
 * (ID token and userinfo, src/http/sign-in.ts), by the same rules: `role` one of ROLES, `center`
 * for CASEWORKER and HEAD, a CITIZEN's subject is their IIN, `iin` 12 digits. `what` names the
 * source in the refusal ("token", "sign-in").
 */
export function principalFromClaims(payload: Record<string, unknown>, what = 'token'): Principal {
  const sub = typeof payload.sub === 'string' ? payload.sub : '';
  if (!sub) throw new TokenRejected(`the ${what}'s "sub" claim is missing or invalid`);
  const role = payload.role as Role;
  if (!ROLES.includes(role)) throw new TokenRejected(`the ${what}'s role must be one of ${ROLES.join(', ')}`);
  const center = typeof payload.center === 'string' && payload.center ? payload.center : null;
  if ((role === 'CASEWORKER' || role === 'HEAD') && !center) throw new TokenRejected(`a ${role} ${what} names its career center (claim "center")`);
  if (role === 'CITIZEN' && !IIN.test(sub)) throw new TokenRejected(`a CITIZEN ${what}'s subject is the citizen's IIN`);
  const name = typeof payload.name === 'string' && payload.name.trim() ? payload.name.trim().slice(0, 255) : null;
  if (payload.iin !== undefined && (typeof payload.iin !== 'string' || !IIN.test(payload.iin))) throw new TokenRejected(`the ${what}'s "iin" claim must be 12 digits`);
  const iin = role === 'CITIZEN' ? sub : (payload.iin as string | undefined) ?? null;
  return { subject: sub.slice(0, 255), role, careerCenter: center, name, iin };
}

/**
 * Tokens already verified, so that a client's every request does not pay for the signature check
 * again (an ECDSA verification was 8 % of a small query's CPU). A token is remembered
 * until it expires, and at most `maxAgeMs` (a key withdrawn from the JWKS stops being honoured
 * within that time); a rejected token is never remembered. The oldest entry goes first when full.
 */
export class VerifiedTokens {
  readonly #settings: AuthSettings;
  readonly #entries = new Map<string, { principal: Principal; until: number }>();
  readonly #maxEntries: number;
  readonly #maxAgeMs: number;
  readonly #now: () => number;

  constructor(settings: AuthSettings, options: { maxEntries?: number; maxAgeMs?: number; now?: () => number } = {}) {
    this.#settings = settings;
    this.#maxEntries = options.maxEntries ?? 10_000;
    this.#maxAgeMs = options.maxAgeMs ?? 5 * 60_000;
    this.#now = options.now ?? Date.now;
  }

  /** Whether `token` was verified and is still remembered: using it again costs no signature check. */
  remembers(token: string): boolean {
    const known = this.#entries.get(token);
    return known !== undefined && known.until > this.#now();
  }

  async verify(token: string): Promise<Principal> {
    const now = this.#now();
    const known = this.#entries.get(token);
    if (known && known.until > now) return known.principal;
    this.#entries.delete(token);
    const { principal, expiresAt } = await verifyClaims(token, this.#settings);
    if (this.#entries.size >= this.#maxEntries) this.#entries.delete(this.#entries.keys().next().value!);
    this.#entries.set(token, { principal, until: Math.min(expiresAt, now + this.#maxAgeMs) });
    return principal;
  }
}

function reason(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'the token has expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return 'the token is not meant for this API (audience)';
    if (error.claim === 'iss') return 'the token was not issued by a trusted issuer';
    if (error.claim === 'nbf') return 'the token is not valid yet';
    return `the token's "${error.claim}" claim is missing or invalid`;
  }
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey) return 'the token\'s signature does not verify';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'the token is signed with an algorithm this API does not accept';
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) return 'the signing keys could not be fetched';
  return 'the token is malformed';
}

/** Signs a token with a private key (the development key, or a test's own). */
export function signToken(
  privateKey: CryptoKey,
  claims: { subject: string; role: Role; careerCenter?: string | null; name?: string | null; iin?: string | null },
  options: { issuer: string; audience: string; expiresIn?: string | number },
): Promise<string> {
  const jwt = new SignJWT({ role: claims.role, ...(claims.careerCenter ? { center: claims.careerCenter } : {}), ...(claims.name ? { name: claims.name } : {}), ...(claims.iin ? { iin: claims.iin } : {}) })
    .setProtectedHeader({ alg: DEV_ALGORITHM })
    .setSubject(claims.subject)
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '8h');
  return jwt.sign(privateKey);
}
