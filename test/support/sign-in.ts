import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Orm } from '../../src/db/orm.ts';
import { startDevProvider, type DevProvider } from '../../src/dev/identity-provider.ts';
import { createApp } from '../../src/http/app.ts';
import { answerClientErrors } from '../../src/http/errors.ts';
import { listenOn } from '../../src/http/listen.ts';
import type { SignInSettings } from '../../src/http/sign-in.ts';
import type { Role } from '../../src/modules/access/principal.ts';
import { Sessions } from '../../src/modules/access/session.ts';

// The API with browser sign-in through the development identity provider (src/dev/identity-provider.ts),
// both on free local ports, as `npm start` runs them in development; and a sign-in driven with plain
// fetch: the redirects followed one by one, the provider's user picked on its form.

export const SESSION_KEY = new Uint8Array(32).fill(7);

export async function startSignInServer(orm: Orm, options: Parameters<typeof createApp>[1] & { sessionMaxAgeSeconds?: number; idTokenSeconds?: number } = {}) {
  let handler: RequestListener = (_req, res) => void res.writeHead(503).end();
  const server = createServer((req, res) => handler(req, res));
  answerClientErrors(server);
  await listenOn(server, 0, '127.0.0.1');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider: DevProvider = await startDevProvider({
    port: 0, host: '127.0.0.1', redirectUris: [`${base}/auth/callback`], postLogoutRedirectUris: [`${base}/graphql`], idTokenSeconds: options.idTokenSeconds,
  });
  const signIn: SignInSettings = {
    issuer: new URL(provider.issuer), clientId: provider.clientId, clientSecret: provider.clientSecret, scopes: 'openid profile', publicUrl: base,
    sessions: new Sessions(SESSION_KEY, options.now), maxAgeSeconds: options.sessionMaxAgeSeconds ?? 3600, source: 'test', now: options.now,
  };
  const app = await createApp(orm, { ...options, signIn });
  handler = app.app;
  return {
    app, base, provider, signIn,
    async stop() {
      await new Promise((resolve) => server.close(resolve));
      server.closeAllConnections();
      await provider.close();
      await app.stop();
    },
  };
}

/** Cookies per origin, as a browser keeps them (paths ignored: sending more is harmless here). */
export class CookieJar {
  readonly #byOrigin = new Map<string, Map<string, string>>();

  take(url: string, response: Response): void {
    const origin = new URL(url).origin;
    const jar = this.#byOrigin.get(origin) ?? new Map<string, string>();
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      const name = pair!.slice(0, at).trim();
      const value = pair!.slice(at + 1).trim();
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) jar.delete(name);
      else jar.set(name, value);
    }
    this.#byOrigin.set(origin, jar);
  }

  header(url: string): string {
    return [...(this.#byOrigin.get(new URL(url).origin) ?? new Map()).entries()].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  get(url: string, name: string): string | undefined {
    return this.#byOrigin.get(new URL(url).origin)?.get(name);
  }
}

/** A request with the jar's cookies, redirects not followed; the answer's cookies go into the jar. */
export async function step(jar: CookieJar, url: string, init: RequestInit = {}): Promise<Response> {
  const cookie = jar.header(url);
  const response = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string> ?? {}), ...(cookie ? { cookie } : {}) } });
  jar.take(url, response);
  return response;
}

/** Follows redirects from `url` until an answer that is not one; returns it and the URL it came from. */
export async function follow(jar: CookieJar, url: string, init: RequestInit = {}): Promise<{ response: Response; url: string; visited: string[] }> {
  const visited: string[] = [];
  let response = await step(jar, url, init);
  while (response.status >= 300 && response.status < 400) {
    visited.push(url);
    url = new URL(response.headers.get('location')!, url).href;
    response = await step(jar, url);
  }
  return { response, url, visited };
}

/**
 * Signs in at `base` as the development user of `role`: /auth/login, the provider's page, the choice,
 * back to /auth/callback. Returns the jar (the API's session cookie in it) and the last answer.
 */
export async function signInAs(base: string, role: Role, jar = new CookieJar()) {
  const { response, url } = await follow(jar, `${base}/auth/login`);
  if (!/\/interaction\//.test(url)) throw new Error(`expected the provider's sign-in page, got ${response.status} ${url}`);
  await response.text();
  const back = await follow(jar, url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ role }).toString() });
  return { jar, ...back };
}
