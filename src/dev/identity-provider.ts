import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
// @ts-expect-error oidc-provider's own in-memory storage, which has no type declarations: named here
// so that it is a choice (one process, nothing to keep across restarts), not a default it warns of.
import { createMemoryAdapter } from 'oidc-provider/lib/adapters/memory_adapter.js';
import { listenOn } from '../http/listen.ts';
import type { Role } from '../modules/access/principal.ts';
import { composeIin } from '../modules/person/iin.ts';
import { DEV_CLIENT_ID, DEV_CLIENT_SECRET } from '../http/sign-in-from-settings.ts';

// DEVELOPMENT ONLY. A real OpenID Connect provider (oidc-provider) on a port of its own, with one
// user per role, so that `npm start` and the tests sign in from a browser exactly as they would with
// the production identity provider: authorization code, PKCE, ID token, userinfo, end_session.
// Its "sign-in" is picking a user on a page, with no password: it never starts when OIDC_ISSUER_URL
// names a real provider or NODE_ENV is production (src/cli/serve.ts), and the API trusts what it
// issues only as the sign-in's identity provider, never as a bearer token issuer (AUTH_* unchanged).

/** One user per role (a new role fails the type check here until it has its development user). */
export const DEV_USERS: Record<Role, { sub: string; name: string; center?: string; iin?: string }> = {
  CASEWORKER: { sub: 'caseworker-dev', name: 'Айгүл Сейтқали (caseworker)', center: 'CC-KZ-75-002', iin: composeIin('1988-03-14', 'FEMALE', 4711)! },
  HEAD: { sub: 'head-dev', name: 'Ерлан Жақсыбеков (head of center)', center: 'CC-KZ-75-002', iin: composeIin('1975-09-02', 'MALE', 1203)! },
  ANALYST: { sub: 'analyst-dev', name: 'Дина Омарова (analyst)' },
  // A citizen is known by their IIN, which is their subject.
  CITIZEN: { sub: composeIin('1996-07-21', 'MALE', 3307)!, name: 'Нұрлан Әбенов (citizen)' },
  INTEGRATION: { sub: 'integration-dev', name: 'Integration (another system)' },
};

/** The claims of a development user, as the API reads them (the token's claim names). */
function claimsOf(role: Role) {
  const user = DEV_USERS[role];
  return { sub: user.sub, name: user.name, role, ...(user.center ? { center: user.center } : {}), ...(user.iin ? { iin: user.iin } : {}) };
}

const accountOf = (accountId: string) => (Object.keys(DEV_USERS) as Role[]).find((role) => DEV_USERS[role].sub === accountId);

export interface DevProviderOptions {
  /** The port (0: any free one). */
  port: number;
  /** Where the API takes browsers back: its `/auth/callback`, and after sign-out its page. */
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  clientId?: string;
  clientSecret?: string;
  /** How long its ID tokens last (seconds). */
  idTokenSeconds?: number;
  /** The host name in its issuer URL (`localhost`). */
  host?: string;
}

export interface DevProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  close(): Promise<void>;
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title>
<style>body{font-family:sans-serif;max-width:34rem;margin:2rem auto;padding:0 1rem}button{display:block;width:100%;margin:.4rem 0;padding:.6rem;font-size:1rem;text-align:left;cursor:pointer}.warn{background:#fff3cd;padding:.6rem;border:1px solid #e0c060}</style>
</head><body>${body}</body></html>`;
}

async function formBody(req: IncomingMessage): Promise<URLSearchParams> {
  let text = '';
  for await (const chunk of req) {
    text += chunk;
    if (text.length > 10_000) break;
  }
  return new URLSearchParams(text);
}

/** Starts the development identity provider; resolves once it listens. */
export async function startDevProvider(options: DevProviderOptions): Promise<DevProvider> {
  const clientId = options.clientId ?? DEV_CLIENT_ID;
  const clientSecret = options.clientSecret ?? DEV_CLIENT_SECRET;
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), alg: 'ES256', use: 'sig', kid: 'dev' };
  // The port first: the issuer names it.
  const server: Server = createServer((req, res) => handler(req, res));
  // Loopback only: its sign-in asks for no password, so it must not be reachable from the network
  // (an API started without NODE_ENV=production on a server would otherwise let anyone sign in).
  // The API reaches it from the same machine; so does the developer's browser.
  await listenOn(server, options.port, '127.0.0.1');
  const issuer = `http://${options.host ?? 'localhost'}:${(server.address() as AddressInfo).port}`;

  const configuration: Configuration = {
    clients: [{
      client_id: clientId, client_secret: clientSecret, client_name: 'Employment card API (development)',
      redirect_uris: options.redirectUris, post_logout_redirect_uris: options.postLogoutRedirectUris,
      grant_types: ['authorization_code'], response_types: ['code'], token_endpoint_auth_method: 'client_secret_basic',
      id_token_signed_response_alg: 'ES256',
    }],
    adapter: createMemoryAdapter(0),
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    claims: { openid: ['sub'], profile: ['name', 'role', 'center', 'iin'] },
    pkce: { required: () => true },
    ttl: { IdToken: options.idTokenSeconds ?? 8 * 3600, AccessToken: 3600, Interaction: 600, Session: 24 * 3600, Grant: 24 * 3600 },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        // No question: the API's "Sign out" ends both sessions (its form is submitted at once).
        logoutSource: async (ctx: KoaContextWithOIDC, form: string) => {
          ctx.body = page('Signing out', `${form.replace('</form>', '<input type="hidden" name="logout" value="yes"></form>')}<p>Signing out…</p><script>document.forms[0].submit()</script>`);
        },
        postLogoutSuccessSource: async (ctx: KoaContextWithOIDC) => {
          ctx.body = page('Signed out', '<p>Signed out of the development identity provider.</p>');
        },
      },
    },
    findAccount: async (_ctx, accountId) => {
      const role = accountOf(accountId);
      return role ? { accountId, claims: async () => claimsOf(role) } : undefined;
    },
    // A first-party client: what it asks for is granted without a consent page.
    loadExistingGrant: async (ctx) => {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
      grant.addOIDCScope('openid profile');
      await grant.save();
      return grant;
    },
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      ctx.body = page('Sign-in error', `<h1>Sign-in error</h1>${Object.entries(out).map(([key, value]) => `<p><b>${escape(key)}</b>: ${escape(String(value))}</p>`).join('')}`);
    },
  };
  const provider = new Provider(issuer, configuration);
  const oidc = provider.callback();

  /** The sign-in page: pick a user. */
  async function interaction(req: IncomingMessage, res: ServerResponse, uid: string) {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) throw new Error('interaction mismatch');
    if (req.method === 'POST') {
      const role = (await formBody(req)).get('role') as Role | null;
      if (!role || !DEV_USERS[role]) {
        res.writeHead(400, { 'content-type': 'text/plain' }).end('choose a user');
        return;
      }
      await provider.interactionFinished(req, res, { login: { accountId: DEV_USERS[role].sub } }, { mergeWithLastSubmission: false });
      return;
    }
    const buttons = (Object.keys(DEV_USERS) as Role[]).map((role) => {
      const user = DEV_USERS[role];
      return `<button type="submit" name="role" value="${role}">${escape(role)}: ${escape(user.name)}${user.center ? ` — ${escape(user.center)}` : ''}</button>`;
    }).join('');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(page('Sign in (development)', `
<h1>Sign in — development identity provider</h1>
<p class="warn">Development only: no password. In production the API signs in with the provider OIDC_ISSUER_URL names.</p>
<form method="post" action="/interaction/${escape(uid)}">${buttons}</form>`));
  }

  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    const match = /^\/interaction\/([\w-]+)$/.exec(req.url?.split('?')[0] ?? '');
    if (!match) return oidc(req, res);
    try {
      await interaction(req, res, match[1]!);
    } catch (error) {
      if (!res.headersSent) res.writeHead(400, { 'content-type': 'text/plain' });
      res.end(`The sign-in has expired or is unknown: start again from the API's sign-in link (${(error as Error).message})`);
    }
  };

  return {
    issuer, clientId, clientSecret,
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
