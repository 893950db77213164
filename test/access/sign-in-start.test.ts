import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { signInAs } from '../support/sign-in.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

// `npm start` in development (no OIDC_ISSUER_URL, the embedded database) runs the development
// identity provider on DEV_OIDC_PORT with no extra step, and a browser signs in with it.

/** A port free right now. */
const freePort = () => new Promise<number>((resolve, reject) => {
  const probe = createServer().listen(0, () => {
    const { port } = probe.address() as { port: number };
    probe.close(() => resolve(port));
  }).on('error', reject);
});

let api: ServerProcess;
let port: number;
let idpPort: number;

beforeAll(async () => {
  [port, idpPort] = [await freePort(), await freePort()];
  api = await startServerProcess({ PORT: String(port), DEV_OIDC_PORT: String(idpPort), NODE_ENV: 'development', JOBS: 'off' });
}, 120_000);
afterAll(async () => {
  await api?.stop();
  api?.cleanUp();
});

describe('npm start in development', () => {
  it('runs the development identity provider on DEV_OIDC_PORT and says so', async () => {
    const started = api.logLines().find((line) => typeof line.url === 'string')!;
    expect(started.browserSignIn).toMatch(new RegExp(`^development provider http://localhost:${idpPort} `));
    const metadata = await (await fetch(`http://localhost:${idpPort}/.well-known/openid-configuration`)).json() as any;
    expect(metadata.issuer).toBe(`http://localhost:${idpPort}`);
    expect(metadata.code_challenge_methods_supported).toContain('S256');
  });

  it('signs a browser in with it: the session cookie gets data', async () => {
    const base = `http://localhost:${port}`;
    const { jar, url } = await signInAs(base, 'HEAD');
    expect(url).toBe(`${base}/graphql`);
    const me = await (await fetch(`${base}/auth/me`, { headers: { cookie: jar.header(base) } })).json() as any;
    expect(me).toMatchObject({ signedIn: true, role: 'HEAD', careerCenter: 'CC-KZ-75-002' });
    const answer = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: jar.header(base) }, body: JSON.stringify({ query: '{ regions { code } }' }) });
    expect(answer.status).toBe(200);
  });
});
