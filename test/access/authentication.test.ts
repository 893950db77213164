import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer } from 'node:http';
import { writeFile } from 'node:fs/promises';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { authFrom } from '../../src/modules/access/auth-config.ts';
import { signToken, VerifiedTokens, verifyToken } from '../../src/modules/access/tokens.ts';
import { createApp, listen } from '../../src/http/app.ts';
import { createTestIssuer, type TestIssuer } from '../support/auth.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { readSettings } from '../../src/runtime/settings.ts';

// Authentication: bearer JWTs checked for signature, issuer, audience and expiry (with
// clock skew); an anonymous caller gets the GraphiQL page and nothing else.

let db: TestDatabase;
let issuer: TestIssuer;
let server: Server;
let base: string;
let stop: () => Promise<void>;

beforeAll(async () => {
  db = await createTestDatabase();
  issuer = await createTestIssuer();
  const { app, stop: stopApp } = await createApp(db.orm, { auth: issuer.settings, registry: null });
  server = await listen(app, 0);
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  stop = async () => {
    await new Promise((resolve) => server.close(resolve));
    await stopApp();
  };
});
afterAll(async () => {
  await stop();
  await db.close();
});

const QUERY = JSON.stringify({ query: '{ regions { code } }' });
const ask = (authorization?: string) => fetch(`${base}/graphql`, {
  method: 'POST', headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) }, body: QUERY,
});

async function refused(authorization: string | undefined, message: RegExp) {
  const response = await ask(authorization);
  expect(response.status).toBe(401);
  const body = (await response.json()) as any;
  expect(body.data).toBeUndefined();
  expect(body.errors).toEqual([{ message: expect.stringMatching(message), extensions: { code: 'UNAUTHENTICATED' } }]);
}

const now = () => Math.floor(Date.now() / 1000);

describe('a request', () => {
  it('with a valid token is answered', async () => {
    const response = await ask(`Bearer ${await issuer.token({ role: 'ANALYST', careerCenter: null })}`);
    expect(response.status).toBe(200);
    expect(((await response.json()) as any).data.regions).toHaveLength(20);
  });

  it('without a token gets 401, introspection included; the GraphiQL page stays open', async () => {
    await refused(undefined, /^Sign in: send "Authorization: Bearer <token>"/);
    const introspection = await fetch(`${base}/graphql`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __schema { types { name } } }' }),
    });
    expect(introspection.status).toBe(401);
    const page = await fetch(`${base}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
  });

  it('with a header that is not "Bearer <token>" gets 401', async () => {
    await refused('Basic dXNlcjpwYXNz', /must be "Bearer <token>"/);
    await refused('Bearer', /must be "Bearer <token>"/);
  });

  it('with an expired token gets 401, beyond the clock-skew tolerance only', async () => {
    await refused(`Bearer ${await issuer.token({}, { expiresIn: now() - 60 })}`, /the token has expired/);
    const withinSkew = await ask(`Bearer ${await issuer.token({}, { expiresIn: now() - 10 })}`);
    expect(withinSkew.status).toBe(200);
  });

  it('with a token signed by another key gets 401', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    await refused(`Bearer ${await issuer.token({}, { key: privateKey })}`, /signature does not verify/);
  });

  it('with a token for another audience or from another issuer gets 401', async () => {
    await refused(`Bearer ${await issuer.token({}, { audience: 'some-other-api' })}`, /not meant for this API/);
    await refused(`Bearer ${await issuer.token({}, { issuer: 'urn:somebody-else' })}`, /not issued by a trusted issuer/);
  });

  it('with a token whose claims do not name a valid caller gets 401', async () => {
    await refused(`Bearer ${await issuer.token({ role: 'ADMIN' as never })}`, /role must be one of/);
    await refused(`Bearer ${await issuer.token({ role: 'CASEWORKER', careerCenter: null })}`, /names its career center/);
    await refused(`Bearer ${await issuer.token({ role: 'CITIZEN', subject: 'not-an-iin', careerCenter: null })}`, /subject is the citizen's IIN/);
    await refused(`Bearer ${await issuer.token({ role: 'HEAD', iin: '12345' })}`, /"iin" claim must be 12 digits/);
    await refused('Bearer not.a.jwt', /malformed/);
  });

  it('with a token signed with a shared secret (HS256) gets 401: only asymmetric keys are trusted', async () => {
    const hs = await new SignJWT({ role: 'CASEWORKER', center: 'CC-KZ-75-002' }).setProtectedHeader({ alg: 'HS256' }).setSubject('x')
      .setIssuer(issuer.settings.issuer).setAudience(issuer.settings.audience).setExpirationTime('1h').sign(new TextEncoder().encode('a-shared-secret-of-32-bytes-long!'));
    await refused(`Bearer ${hs}`, /algorithm this API does not accept/);
  });
});

describe('npm run token', () => {
  it('signs a token with the development key that the API, configured by default, accepts', async () => {
    const keyDir = await mkdtemp(join(tmpdir(), 'dev-keys-'));
    try {
      const env: NodeJS.ProcessEnv = { ...process.env, AUTH_DEV_KEY_DIR: keyDir };
      delete env.AUTH_JWKS_URL;
      delete env.AUTH_PUBLIC_KEY_FILE;
      delete env.AUTH_ISSUER;
      const { stdout } = await promisify(execFile)(process.execPath, ['src/cli/token.ts', '--role', 'HEAD', '--center', 'CC-KZ-75-002', '--sub', 'head-1', '--name', 'Бекова А.', '--iin', '750630300456'], { env });
      const principal = await verifyToken(stdout.trim(), await authFrom(readSettings(env)));
      // The IIN is the one a signing certificate must name (footer: signing).
      expect(principal).toEqual({ subject: 'head-1', role: 'HEAD', careerCenter: 'CC-KZ-75-002', name: 'Бекова А.', iin: '750630300456' });
    } finally {
      await rm(keyDir, { recursive: true, force: true });
    }
  }, 30_000);
});

describe('keys from the configuration', () => {
  const claims = { subject: 'analyst-7', role: 'ANALYST' as const };
  const options = { issuer: 'https://idp.example.kz', audience: 'employment-card-api' };

  it('verifies with the keys an identity provider publishes at a JWKS URL', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' }] };
    const idp = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks)));
    await new Promise<void>((resolve) => idp.listen(0, '127.0.0.1', resolve));
    try {
      const settings = await authFrom(readSettings({ AUTH_JWKS_URL: `http://127.0.0.1:${(idp.address() as AddressInfo).port}/jwks.json`, AUTH_ISSUER: options.issuer }));
      expect(await verifyToken(await signToken(privateKey, claims, options), settings)).toEqual({ ...claims, careerCenter: null, name: null, iin: null });
      const { privateKey: other } = await generateKeyPair('ES256');
      await expect(verifyToken(await signToken(other, claims, options), settings)).rejects.toThrow('signature does not verify');
    } finally {
      await new Promise((resolve) => idp.close(resolve));
    }
  });

  it('verifies with a PEM public key file, and insists on an issuer with it', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const dir = await mkdtemp(join(tmpdir(), 'auth-pem-'));
    try {
      const file = join(dir, 'idp.pem');
      await writeFile(file, await exportSPKI(publicKey));
      const settings = await authFrom(readSettings({ AUTH_PUBLIC_KEY_FILE: file, AUTH_ISSUER: options.issuer }));
      expect((await verifyToken(await signToken(privateKey, claims, options), settings)).subject).toBe('analyst-7');
      expect(() => readSettings({ AUTH_PUBLIC_KEY_FILE: file })).toThrow('AUTH_ISSUER is required');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('verified tokens', () => {
  const options = { issuer: 'https://idp.example.kz', audience: 'employment-card-api' };
  const claims = { subject: 'cw-9', role: 'CASEWORKER' as const, careerCenter: 'CC-1' };

  /** Settings whose key counts how often a signature is checked. */
  async function counting() {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const checks = { count: 0 };
    const settings = { ...options, clockToleranceSeconds: 0, keySource: 'test', key: async () => (checks.count++, publicKey) };
    return { privateKey, settings, checks };
  }

  it('checks a token once and remembers whom it names', async () => {
    const { privateKey, settings, checks } = await counting();
    const tokens = new VerifiedTokens(settings);
    const token = await signToken(privateKey, claims, options);
    expect(await tokens.verify(token)).toEqual({ ...claims, name: null, iin: null });
    expect(await tokens.verify(token)).toEqual({ ...claims, name: null, iin: null });
    expect(checks.count).toBe(1);
  });

  it('checks it again once it expires, or after at most the remembering time', async () => {
    const { privateKey, settings, checks } = await counting();
    let now = Date.now();
    const tokens = new VerifiedTokens(settings, { maxAgeMs: 60_000, now: () => now });
    const longLived = await signToken(privateKey, claims, { ...options, expiresIn: '2h' });
    await tokens.verify(longLived);
    now += 61_000;
    await tokens.verify(longLived);
    expect(checks.count).toBe(2);

    const shortLived = await signToken(privateKey, claims, { ...options, expiresIn: '30s' });
    await tokens.verify(shortLived);
    now += 31_000; // past its expiry, within the remembering time
    await tokens.verify(shortLived);
    expect(checks.count).toBe(4);
  });

  it('never remembers a rejected token, and forgets the oldest when full', async () => {
    const { privateKey, settings, checks } = await counting();
    const tokens = new VerifiedTokens(settings, { maxEntries: 2 });
    const { privateKey: stranger } = await generateKeyPair('ES256');
    const forged = await signToken(stranger, claims, options);
    await expect(tokens.verify(forged)).rejects.toThrow('signature does not verify');
    await expect(tokens.verify(forged)).rejects.toThrow('signature does not verify');
    expect(checks.count).toBe(2);

    const [a, b, c] = await Promise.all(['a', 'b', 'c'].map((subject) => signToken(privateKey, { ...claims, subject }, options)));
    for (const token of [a!, b!, c!]) await tokens.verify(token);
    expect(checks.count).toBe(5);
    await tokens.verify(c!); // still remembered
    await tokens.verify(a!); // forgotten when c came
    expect(checks.count).toBe(6);
  });
});
