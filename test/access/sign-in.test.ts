import { request } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEV_USERS } from '../../src/dev/identity-provider.ts';
import { runsDevProvider, signInFrom } from '../../src/http/sign-in-from-settings.ts';
import { Sessions } from '../../src/modules/access/session.ts';
import { principalFromClaims } from '../../src/modules/access/tokens.ts';
import { readSettings, type SettingsError } from '../../src/runtime/settings.ts';
import { seedDemoData } from '../../src/seed/seeder.ts';
import { Territories } from '../../src/modules/dictionary/territories.ts';
import { createTestIssuer, type TestIssuer } from '../support/auth.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { CookieJar, follow, SESSION_KEY, signInAs, startSignInServer, step } from '../support/sign-in.ts';

// Browser sign-in over HTTP, through the real development identity provider (oidc-provider) on a
// port of its own: the login redirect carries PKCE, state and nonce; a callback that does not match
// its sign-in is refused; the session cookie's flags; the cookie gets data, a tampered or expired one
// gets 401; sign-out ends the session; and cross-site requests with the cookie are refused.

let db: TestDatabase;
let issuer: TestIssuer;
let server: Awaited<ReturnType<typeof startSignInServer>>;
let base: string;

beforeAll(async () => {
  db = await createTestDatabase();
  issuer = await createTestIssuer();
  await seedDemoData(db.orm, await Territories.load(db.orm.em.fork()), { cards: 5 });
  server = await startSignInServer(db.orm, { auth: issuer.settings, registry: null });
  base = server.base;
}, 60_000);
afterAll(async () => {
  await server.stop();
  await db.close();
});

const QUERY = JSON.stringify({ query: '{ regions { code } }' });
const post = (jar: CookieJar, headers: Record<string, string> = { 'content-type': 'application/json' }, body = QUERY) => step(jar, `${base}/graphql`, { method: 'POST', headers, body });
const sessionCookie = (jar: CookieJar) => jar.get(base, 'card-session');

describe('signing in from a browser', () => {
  it('sends the browser to the identity provider with PKCE (S256), state and nonce, kept in a short-lived HttpOnly cookie', async () => {
    const jar = new CookieJar();
    const response = await step(jar, `${base}/auth/login`);
    expect(response.status).toBe(303);
    const to = new URL(response.headers.get('location')!);
    expect(to.origin).toBe(server.provider.issuer);
    expect(to.searchParams.get('response_type')).toBe('code');
    expect(to.searchParams.get('client_id')).toBe(server.provider.clientId);
    expect(to.searchParams.get('redirect_uri')).toBe(`${base}/auth/callback`);
    expect(to.searchParams.get('code_challenge_method')).toBe('S256');
    expect(to.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(to.searchParams.get('state')).toMatch(/^[\w-]{20,}$/);
    expect(to.searchParams.get('nonce')).toMatch(/^[\w-]{20,}$/);
    const [flow] = response.headers.getSetCookie();
    expect(flow).toMatch(/^card-sign-in=[^;]+; Max-Age=600; Path=\/; Expires=[^;]+; HttpOnly; SameSite=Lax$/);
    // The verifier is sealed, not readable in the cookie.
    expect(flow).not.toContain(to.searchParams.get('state')!);
  });

  it('signs a CASEWORKER in through the provider\'s page and back: /auth/me names the caller with role and center', async () => {
    const { jar, url, visited } = await signInAs(base, 'CASEWORKER');
    expect(url).toBe(`${base}/graphql`);
    expect(visited.some((one) => one.startsWith(`${base}/auth/callback?`))).toBe(true);
    expect(sessionCookie(jar)).toBeTruthy();
    const me = await (await step(jar, `${base}/auth/me`)).json() as any;
    expect(me).toMatchObject({ signedIn: true, subject: DEV_USERS.CASEWORKER.sub, role: 'CASEWORKER', careerCenter: DEV_USERS.CASEWORKER.center, name: DEV_USERS.CASEWORKER.name });
  });

  it('sets the session cookie with HttpOnly, SameSite=Strict and Path=/ at the callback', async () => {
    const jar = new CookieJar();
    const { response, url } = await follow(jar, `${base}/auth/login`);
    await response.text();
    // The provider's answer to the choice, then the API's callback, step by step.
    let answer = await step(jar, url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'role=ANALYST' });
    let at = url;
    while (!new URL(answer.headers.get('location')!, at).href.startsWith(`${base}/auth/callback`)) {
      at = new URL(answer.headers.get('location')!, at).href;
      answer = await step(jar, at);
    }
    const callback = await step(jar, new URL(answer.headers.get('location')!, at).href);
    expect(callback.status).toBe(303);
    expect(callback.headers.get('location')).toBe('/graphql');
    const cookies = callback.headers.getSetCookie();
    const session = cookies.find((line) => line.startsWith('card-session='))!;
    expect(session).toMatch(/; Path=\/;/);
    expect(session).toMatch(/; HttpOnly/);
    expect(session).toMatch(/; SameSite=Strict$/);
    expect(session).toMatch(/; Max-Age=\d+;/);
    // Over https (or on any host but localhost) it would be Secure and __Host-: not here, on plain-http 127.0.0.1.
    expect(session).not.toMatch(/Secure/);
    // The sign-in's own cookie is used once.
    expect(cookies.find((line) => line.startsWith('card-sign-in='))).toMatch(/Expires=Thu, 01 Jan 1970/);
  });

  it('marks the cookies Secure with the __Host- prefix for any host but localhost', async () => {
    // As a browser reaching the API by its name (here through a raw request naming another Host).
    const cleared = await new Promise<string[]>((resolve, reject) => {
      request(`${base}/auth/callback?code=x&state=y`, { headers: { host: 'cards.example.kz' } }, (response) => {
        response.resume();
        resolve(response.headers['set-cookie'] ?? []);
      }).on('error', reject).end();
    });
    expect(cleared).toEqual([expect.stringMatching(/^__Host-card-sign-in=; Path=\/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; Secure; SameSite=Lax$/)]);
  });

  it('refuses a callback whose state is not the one of its sign-in, and one with no sign-in at all', async () => {
    const jar = new CookieJar();
    const { response, url } = await follow(jar, `${base}/auth/login`);
    await response.text();
    let answer = await step(jar, url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'role=ANALYST' });
    let at = url;
    while (!new URL(answer.headers.get('location')!, at).href.startsWith(`${base}/auth/callback`)) {
      at = new URL(answer.headers.get('location')!, at).href;
      answer = await step(jar, at);
    }
    const callback = new URL(answer.headers.get('location')!, at);
    const forged = new URL(callback);
    forged.searchParams.set('state', 'not-the-state-of-this-sign-in');
    const refused = await step(jar, forged.href);
    expect(refused.status).toBe(400);
    expect((await refused.json() as any).errors[0].extensions.code).toBe('SIGN_IN_FAILED');
    expect(refused.headers.getSetCookie().some((line) => line.startsWith('card-session='))).toBe(false);
    // The real callback, in a browser that did not start this sign-in: no sign-in cookie.
    const stranger = await step(new CookieJar(), callback.href);
    expect(stranger.status).toBe(400);
    expect((await stranger.json() as any).errors[0].message).toMatch(/started in another browser/);
  });

  it('answers queries for the cookie, and GraphiQL\'s introspection too', async () => {
    const { jar } = await signInAs(base, 'ANALYST');
    const response = await post(jar);
    expect(response.status).toBe(200);
    expect(((await response.json()) as any).data.regions.length).toBeGreaterThan(0);
    const schema = await post(jar, { 'content-type': 'application/json' }, JSON.stringify({ query: '{ __schema { queryType { name } } }' }));
    expect(((await schema.json()) as any).data.__schema.queryType.name).toBe('Query');
    // The CSV export follows the same gate.
    const csv = await step(jar, `${base}/export/statistics.csv?table=registrations&from=2015-01-01&to=2026-11-29&groupBy=REGION`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
  });

  it('lets a bearer token win over the cookie (apps unchanged)', async () => {
    const { jar } = await signInAs(base, 'ANALYST');
    const token = await issuer.token({ role: 'CITIZEN', subject: '900101300123', careerCenter: null });
    const response = await post(jar, { 'content-type': 'application/json', authorization: `Bearer ${token}` }, JSON.stringify({ query: '{ regions { code } }' }));
    expect(response.status).toBe(200);
    const bad = await post(jar, { 'content-type': 'application/json', authorization: 'Bearer not-a-token' });
    expect(bad.status).toBe(401);
  });

  it('refuses a tampered, a foreign and an expired session cookie with 401 UNAUTHENTICATED', async () => {
    const { jar } = await signInAs(base, 'ANALYST');
    const good = sessionCookie(jar)!;
    const parts = good.split('.');
    parts[3] = (parts[3]![0] === 'A' ? 'B' : 'A') + parts[3]!.slice(1);
    const cases: [string, string][] = [
      [parts.join('.'), 'SESSION_INVALID'],
      ['garbage', 'SESSION_INVALID'],
      // Sealed with another key.
      [await new Sessions(new Uint8Array(32).fill(9)).sealPrincipal({ subject: 'x', role: 'ANALYST', careerCenter: null, name: null, iin: null }, Date.now() + 60_000), 'SESSION_INVALID'],
      // Sealed with the right key as a sign-in state, not a session.
      [await new Sessions(SESSION_KEY).seal('sign-in', { sub: 'x', role: 'ANALYST' }, Date.now() + 60_000), 'SESSION_INVALID'],
      [await new Sessions(SESSION_KEY, () => Date.now() - 7200_000).sealPrincipal({ subject: 'x', role: 'ANALYST', careerCenter: null, name: null, iin: null }, Date.now() - 3600_000), 'SESSION_EXPIRED'],
    ];
    for (const [cookie, reason] of cases) {
      const response = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: `card-session=${cookie}` }, body: QUERY });
      expect(response.status).toBe(401);
      const { errors } = (await response.json()) as any;
      expect(errors[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason });
      expect(errors[0].message).toMatch(/sign in again/);
    }
    // The good one still works.
    expect((await post(jar)).status).toBe(200);
  });

  it('signs out: the cookie is cleared, the provider\'s end_session is visited, and a query is then 401', async () => {
    const { jar } = await signInAs(base, 'HEAD');
    const copy = sessionCookie(jar)!;
    const out = await step(jar, `${base}/auth/logout`, { method: 'POST', headers: { origin: base } });
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toMatch(new RegExp(`^${server.provider.issuer}/session/end\\?`));
    expect(out.headers.getSetCookie().find((line) => line.startsWith('card-session='))).toMatch(/Expires=Thu, 01 Jan 1970/);
    expect(sessionCookie(jar)).toBeUndefined();
    const after = await post(jar);
    expect(after.status).toBe(401);
    expect((await (await step(jar, `${base}/auth/me`)).json() as any).signedIn).toBe(false);
    // The provider's sign-out page ends its own session: the next sign-in asks who again.
    const ended = await (await follow(jar, out.headers.get('location')!)).response.text();
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(ended)![1]!;
    const submitted = await follow(jar, `${server.provider.issuer}/session/end/confirm`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ xsrf, logout: 'yes' }).toString(),
    });
    expect(submitted.url).toBe(`${base}/graphql`);
    expect((await follow(jar, `${base}/auth/login`)).url).toMatch(/\/interaction\//);
    // Stateless sessions: a copy of the cookie taken before holds until it expires (docs/sign-in.md).
    const copied = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: `card-session=${copy}` }, body: QUERY });
    expect(copied.status).toBe(200);
  });

  it('refuses to sign out by a form of another site, and by GET', async () => {
    const { jar } = await signInAs(base, 'ANALYST');
    const forged = await step(jar, `${base}/auth/logout`, { method: 'POST', headers: { origin: 'https://evil.example' } });
    expect(forged.status).toBe(403);
    expect((await step(jar, `${base}/auth/logout`)).status).toBe(405);
    expect((await post(jar)).status).toBe(200);
  });
});

describe('the development provider', () => {
  /** Whether a TCP connection to host:port is accepted. */
  const accepts = (host: string, port: number) => new Promise<boolean>((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });

  it('listens on the loopback address only: its password-less sign-in cannot be reached from the network', async () => {
    const port = Number(new URL(server.provider.issuer).port);
    const outside = Object.values(networkInterfaces()).flat().find((address) => address && !address.internal && address.family === 'IPv4');
    // This machine (and CI's) has a network address; without one the property cannot be shown.
    expect(outside).toBeDefined();
    expect(await accepts('127.0.0.1', port)).toBe(true);
    expect(await accepts(outside!.address, port)).toBe(false);
  });
});

describe('a session\'s life', () => {
  it('ends with the provider\'s ID token when that expires before SESSION_MAX_AGE_SECONDS', async () => {
    const short = await startSignInServer(db.orm, { auth: issuer.settings, registry: null, idTokenSeconds: 120, sessionMaxAgeSeconds: 3600 });
    try {
      const { jar, visited } = await signInAs(short.base, 'ANALYST');
      expect(visited.some((url) => url.startsWith(`${short.base}/auth/callback`))).toBe(true);
      const me = (await (await step(jar, `${short.base}/auth/me`)).json()) as any;
      const left = Date.parse(me.expiresAt) - Date.now();
      expect(left).toBeGreaterThan(60_000);
      expect(left).toBeLessThanOrEqual(120_000);
    } finally {
      await short.stop();
    }
  });
});

describe('CSRF with a session cookie', () => {
  let jar: CookieJar;
  beforeAll(async () => {
    ({ jar } = await signInAs(base, 'CASEWORKER'));
  });

  it('refuses a POST a form of another site could send (simple content type, no custom header)', async () => {
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const response = await post(jar, { 'content-type': contentType }, QUERY);
      expect(response.status).toBe(400);
      expect(await response.text()).toMatch(/CSRF|preflight/i);
    }
  });

  it('refuses a GET query without a custom header, and runs it with apollo-require-preflight', async () => {
    const url = `${base}/graphql?query=${encodeURIComponent('{ regions { code } }')}`;
    const bare = await step(jar, url);
    expect(bare.status).toBe(400);
    expect(await bare.text()).toMatch(/CSRF|preflight/i);
    const preflighted = await step(jar, url, { headers: { 'apollo-require-preflight': 'true' } });
    expect(preflighted.status).toBe(200);
  });

  it('refuses a mutation over GET even with the custom header', async () => {
    // Valid, so that only its method is wrong (its variables would be checked at execution).
    const mutation = 'mutation Open($input: CardOpenInput!) { cardOpen(input: $input) { __typename } }';
    const response = await step(jar, `${base}/graphql?query=${encodeURIComponent(mutation)}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(response.status).toBe(405);
    expect(await response.text()).toMatch(/mutation|POST/i);
  });
});

describe('the sign-in settings', () => {
  const problems = (env: Record<string, string>) => {
    try {
      readSettings(env);
      return [];
    } catch (error) {
      return (error as SettingsError).problems;
    }
  };

  it('refuse an identity provider without a client id, a public URL or a session key, and half-configured clients', () => {
    expect(problems({ OIDC_ISSUER_URL: 'https://idp.example.kz/realms/cards' })).toEqual([
      'OIDC_CLIENT_ID is required with OIDC_ISSUER_URL',
      expect.stringMatching(/^PUBLIC_URL is required with OIDC_ISSUER_URL/),
      expect.stringMatching(/^SESSION_SECRET or SESSION_KEY_FILE is required with OIDC_ISSUER_URL/),
    ]);
    expect(problems({ OIDC_CLIENT_ID: 'cards' })).toEqual([expect.stringMatching(/^OIDC_CLIENT_ID is set without OIDC_ISSUER_URL/)]);
    expect(problems({ SESSION_SECRET: 'short' })).toEqual([expect.stringMatching(/^SESSION_SECRET must be at least 32 characters/)]);
    const production = { OIDC_ISSUER_URL: 'https://idp.example.kz/realms/cards', OIDC_CLIENT_ID: 'cards', PUBLIC_URL: 'https://cards.example.kz', SESSION_SECRET: 'x'.repeat(40) };
    expect(problems(production)).toEqual([]);
    expect(problems({ ...production, PUBLIC_URL: 'http://cards.example.kz' })).toEqual([expect.stringMatching(/^PUBLIC_URL must be https/)]);
    expect(problems({ ...production, PUBLIC_URL: 'http://localhost:4000' })).toEqual([]);
  });

  it('run the development provider only without an identity provider, outside production, and unless DEV_OIDC_PORT=0', async () => {
    expect(runsDevProvider(readSettings({}))).toBe(true);
    expect(runsDevProvider(readSettings({ DEV_OIDC_PORT: '0' }))).toBe(false);
    expect(runsDevProvider(readSettings({ NODE_ENV: 'production' }))).toBe(false);
    const production = readSettings({ OIDC_ISSUER_URL: 'https://idp.example.kz/realms/cards', OIDC_CLIENT_ID: 'cards', PUBLIC_URL: 'https://cards.example.kz', SESSION_SECRET: 'x'.repeat(40) });
    expect(runsDevProvider(production)).toBe(false);
    const signIn = (await signInFrom(production))!;
    expect(signIn.issuer.href).toBe('https://idp.example.kz/realms/cards');
    expect(signIn.publicUrl).toBe('https://cards.example.kz');
    expect(await signInFrom(readSettings({ NODE_ENV: 'production' }))).toBeNull();
  });

  it('read a sign-in\'s claims by the rules of a token\'s', () => {
    expect(() => principalFromClaims({ sub: 'someone', name: 'No role' }, 'sign-in')).toThrow(/the sign-in's role must be one of CASEWORKER/);
    expect(() => principalFromClaims({ sub: 'someone', role: 'HEAD' }, 'sign-in')).toThrow(/a HEAD sign-in names its career center/);
    expect(() => principalFromClaims({ sub: 'not-an-iin', role: 'CITIZEN' }, 'sign-in')).toThrow(/subject is the citizen's IIN/);
    expect(principalFromClaims({ sub: DEV_USERS.CITIZEN.sub, role: 'CITIZEN' }, 'sign-in')).toEqual({ subject: DEV_USERS.CITIZEN.sub, role: 'CITIZEN', careerCenter: null, name: null, iin: DEV_USERS.CITIZEN.sub });
  });
});
