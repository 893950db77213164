import express, { type Request, type Response, type Router } from 'express';
import * as oidc from 'openid-client';
import type { Principal } from '../modules/access/principal.ts';
import { SessionRejected, type Sessions } from '../modules/access/session.ts';
import { principalFromClaims, TokenRejected } from '../modules/access/tokens.ts';
import { log } from '../runtime/log.ts';
import { isLoopbackHost } from '../runtime/settings.ts';
import { onlyMethods, sendError } from './errors.ts';

// Signing in from a browser (docs/sign-in.md): the API is an OpenID Connect client of the identity
// provider (authorization code with PKCE, state and nonce; openid-client). After the callback the
// browser holds the session as an encrypted cookie (src/modules/access/session.ts): HttpOnly, so
// no script reads it; SameSite=Strict, so no other site's page sends it; Secure, except for plain
// http on localhost in development (a browser would otherwise drop it there). GraphiQL, the CSV
// export and the printed card use it; apps keep sending `Authorization: Bearer`, which wins when both
// come. Cross-site requests stay refused: Apollo's CSRF prevention (a GraphQL request needs a
// non-simple content type or a custom header) and state changes only by POST.
//   GET  /auth/login?returnTo=/graphql   to the identity provider
//   GET  /auth/callback                  back from it: the session cookie, then `returnTo`
//   POST /auth/logout                    the cookie cleared; to the provider's end_session when it has one
//   GET  /auth/me                        who the session names (JSON, for the page)

export interface SignInSettings {
  /** The identity provider (OpenID Connect issuer). */
  issuer: URL;
  clientId: string;
  /** Absent for a public client (PKCE alone). */
  clientSecret?: string;
  scopes: string;
  /** The API's address as browsers reach it; the provider sends them back to its /auth/callback. */
  publicUrl: string;
  sessions: Sessions;
  /** A session's longest life (seconds). */
  maxAgeSeconds: number;
  /** For the start-up message. */
  source: string;
  /** `now` for expiry, and (tests) the provider's discovery done with other options. */
  now?: () => number;
}

const SIGN_IN_SECONDS = 600;
const COOKIE = 'card-session';
const SIGN_IN_COOKIE = 'card-sign-in';

/**
 * Whether cookies are marked Secure: always, except for a plain-http request to localhost (the
 * development server), where a browser would drop a Secure cookie set over http. Over https, the
 * `__Host-` prefix also pins them to this host and path /.
 */
function secure(req: Request): boolean {
  return req.secure || !isLoopbackHost(req.hostname);
}

const cookieName = (req: Request, name: string) => (secure(req) ? `__Host-${name}` : name);

/** The value of a cookie of the request (no cookie parser: two cookies are read). */
function cookieOf(req: Request, name: string): string | null {
  const wanted = cookieName(req, name);
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === wanted) return decodeURIComponent(part.slice(at + 1).trim());
  }
  return null;
}

function setCookie(req: Request, res: Response, name: string, value: string, sameSite: 'strict' | 'lax', maxAgeMs: number) {
  res.cookie(cookieName(req, name), value, { httpOnly: true, secure: secure(req), sameSite, path: '/', maxAge: Math.max(0, maxAgeMs) });
}

function clearCookie(req: Request, res: Response, name: string, sameSite: 'strict' | 'lax') {
  res.clearCookie(cookieName(req, name), { httpOnly: true, secure: secure(req), sameSite, path: '/' });
}

/** The session a request's cookie names: null without one; throws SessionRejected for a bad one. */
export async function sessionOf(req: Request, sessions: Sessions): Promise<{ principal: Principal; expiresAt: number } | null> {
  const sealed = cookieOf(req, COOKIE);
  return sealed === null ? null : sessions.openPrincipal(sealed);
}

/** A path on this API to go back to after signing in; anything else becomes /graphql. */
const localPath = (value: unknown) => (typeof value === 'string' && /^\/(?![/\\])[\x21-\x7e]*$/.test(value) ? value : '/graphql');

/** Claims with null values left out (a provider's userinfo may send `"iin": null`). */
const present = (claims: Record<string, unknown>) => Object.fromEntries(Object.entries(claims).filter(([, value]) => value !== null && value !== undefined));

/** The /auth routes; `signIn` null: browser sign-in is off and they say so. */
export function signInRoutes(signIn: SignInSettings | null): Router {
  const router = express.Router();
  const off = (_req: Request, res: Response) => sendError(res, 404, 'SIGN_IN_OFF', 'Browser sign-in is off on this server (no OIDC_ISSUER_URL and no development provider): send "Authorization: Bearer <token>"');
  router.get('/me', async (req, res) => {
    res.set('Cache-Control', 'no-store');
    if (!signIn) return void res.json({ signedIn: false, signIn: null });
    try {
      const session = await sessionOf(req, signIn.sessions);
      if (session) {
        const { principal, expiresAt } = session;
        return void res.json({ signedIn: true, subject: principal.subject, role: principal.role, careerCenter: principal.careerCenter, name: principal.name, expiresAt: new Date(expiresAt).toISOString() });
      }
      res.json({ signedIn: false, signIn: '/auth/login' });
    } catch (error) {
      if (!(error instanceof SessionRejected)) throw error;
      res.json({ signedIn: false, signIn: '/auth/login', reason: error.reason });
    }
  });
  if (!signIn) {
    router.all(['/login', '/callback', '/logout'], off);
    return router;
  }
  const now = signIn.now ?? Date.now;
  const publicUrl = new URL(signIn.publicUrl);
  const redirectUri = new URL('/auth/callback', publicUrl).href;
  // The provider's metadata, read on the first sign-in (an absent provider does not stop the API
  // from starting, and bearer tokens keep working); a failed read is tried again next time.
  let discovered: Promise<oidc.Configuration> | null = null;
  const configuration = () => {
    discovered ??= oidc.discovery(signIn.issuer, signIn.clientId, signIn.clientSecret, undefined, {
      // http only for a provider on this machine (the development provider); settings refuse others.
      ...(signIn.issuer.protocol === 'http:' ? { execute: [oidc.allowInsecureRequests] } : {}),
    }).catch((error) => {
      discovered = null;
      throw error;
    });
    return discovered;
  };
  const unavailable = (res: Response, error: unknown) => {
    log.warn({ err: error, issuer: signIn.issuer.href }, 'the identity provider could not be reached');
    sendError(res, 502, 'IDENTITY_PROVIDER_UNAVAILABLE', 'The identity provider cannot be reached: try again shortly');
  };

  router.route('/login').get(async (req, res) => {
    // The sign-in's cookie belongs to the address the provider comes back to: in development,
    // http://127.0.0.1:4000 is sent to PUBLIC_URL's http://localhost:4000 first.
    if (isLoopbackHost(publicUrl.hostname) && req.get('host') !== publicUrl.host) {
      return res.redirect(303, new URL(`/auth/login${req.url.slice(req.path.length)}`, publicUrl).href);
    }
    let config: oidc.Configuration;
    try {
      config = await configuration();
    } catch (error) {
      return unavailable(res, error);
    }
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const returnTo = localPath(req.query.returnTo);
    const until = now() + SIGN_IN_SECONDS * 1000;
    setCookie(req, res, SIGN_IN_COOKIE, await signIn.sessions.seal('sign-in', { state, nonce, verifier, returnTo }, until), 'lax', SIGN_IN_SECONDS * 1000);
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri, scope: signIn.scopes, response_type: 'code',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', state, nonce,
    });
    res.set('Cache-Control', 'no-store').redirect(303, url.href);
  }).all(onlyMethods('GET', 'HEAD'));

  router.route('/callback').get(async (req, res) => {
    res.set('Cache-Control', 'no-store');
    const sealed = cookieOf(req, SIGN_IN_COOKIE);
    // Used once, whatever happens next.
    clearCookie(req, res, SIGN_IN_COOKIE, 'lax');
    let flow: { state: string; nonce: string; verifier: string; returnTo: string };
    try {
      if (sealed === null) throw new SessionRejected('SESSION_INVALID', 'no sign-in in progress');
      flow = (await signIn.sessions.open('sign-in', sealed)) as unknown as typeof flow;
    } catch (error) {
      if (!(error instanceof SessionRejected)) throw error;
      return sendError(res, 400, 'SIGN_IN_FAILED', 'This sign-in has expired or was started in another browser: sign in again at /auth/login');
    }
    if (typeof req.query.error === 'string') {
      return sendError(res, 400, 'SIGN_IN_FAILED', `The identity provider refused the sign-in: ${String(req.query.error_description ?? req.query.error).slice(0, 200)}`);
    }
    let config: oidc.Configuration;
    try {
      config = await configuration();
    } catch (error) {
      return unavailable(res, error);
    }
    let claims: Record<string, unknown>;
    let idTokenExpiry: number;
    try {
      const current = new URL(redirectUri);
      current.search = req.url.slice(req.path.length);
      const tokens = await oidc.authorizationCodeGrant(config, current, {
        pkceCodeVerifier: flow.verifier, expectedState: flow.state, expectedNonce: flow.nonce, idTokenExpected: true,
      });
      const idToken = tokens.claims()!;
      const userInfo = await oidc.fetchUserInfo(config, tokens.access_token, idToken.sub);
      // The ID token's own claims win over userinfo's (they are signed).
      claims = { ...present(userInfo), ...present(idToken) };
      idTokenExpiry = idToken.exp * 1000;
    } catch (error) {
      log.info({ err: error }, 'a sign-in was refused');
      const message = error instanceof oidc.AuthorizationResponseError || error instanceof oidc.ResponseBodyError ? error.error_description ?? error.error : (error as Error).message;
      return sendError(res, 400, 'SIGN_IN_FAILED', `The sign-in could not be completed: ${String(message).slice(0, 200)}`);
    }
    let principal: Principal;
    try {
      principal = principalFromClaims(claims, 'sign-in');
    } catch (error) {
      if (!(error instanceof TokenRejected)) throw error;
      return sendError(res, 403, 'SIGN_IN_REFUSED', `The identity provider signed you in, but ${error.message}: ask for your role to be set there`);
    }
    const expiresAt = Math.min(now() + signIn.maxAgeSeconds * 1000, idTokenExpiry);
    setCookie(req, res, COOKIE, await signIn.sessions.sealPrincipal(principal, expiresAt), 'strict', expiresAt - now());
    res.redirect(303, localPath(flow.returnTo));
  }).all(onlyMethods('GET', 'HEAD'));

  router.route('/logout').post(async (req, res) => {
    // A form of another site must not sign the user out.
    const origin = req.get('origin');
    if (origin && origin !== `${req.protocol}://${req.get('host')}` && origin !== publicUrl.origin) {
      return sendError(res, 403, 'CROSS_SITE_REQUEST', 'Signing out is only possible from this site');
    }
    clearCookie(req, res, COOKIE, 'strict');
    res.set('Cache-Control', 'no-store');
    const back = new URL('/graphql', publicUrl).href;
    try {
      const config = await configuration();
      if (config.serverMetadata().end_session_endpoint) {
        return res.redirect(303, oidc.buildEndSessionUrl(config, { client_id: signIn.clientId, post_logout_redirect_uri: back }).href);
      }
    } catch (error) {
      log.warn({ err: error }, 'signed out here only: the identity provider could not be reached');
    }
    res.redirect(303, back);
  }).all(onlyMethods('POST'));
  return router;
}
