import { connect } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { protectionFrom } from '../../src/http/protection.ts';
import { aCard, aCareerCenter } from '../support/builders.ts';
import { createTestIssuer, type TestIssuer } from '../support/auth.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer } from '../support/http.ts';

// What a client gets for a request the HTTP layer refuses, from the outside (real HTTP against a
// running server): always a JSON body `{ errors: [{ message, extensions: { code } }] }` with the
// status that fits, never an empty reply, an HTML page or a 500.

let db: TestDatabase;
let issuer: TestIssuer;
let base: string;
let port: number;
let stop: () => Promise<void>;
let token: string;
let cardId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  issuer = await createTestIssuer();
  const center = await aCareerCenter(db.orm.em.fork(), { code: 'CC-SEC' });
  const card = await aCard().withVisit().save(db.orm.em.fork(), center);
  cardId = gid(`Card:${card.id}`);
  token = await issuer.token({ role: 'CASEWORKER', careerCenter: center.code });
  // Statement counts in a header, to show a refused request ran no SQL.
  const protection = { ...protectionFrom(), redisUrl: null, sqlStatementsHeader: true };
  ({ base, stop } = await startTestServer(db.orm, { auth: issuer.settings, registry: null, protection }));
  port = Number(new URL(base).port);
});
afterAll(async () => {
  await stop?.();
  await db.close();
});

function gid(text: string) {
  return Buffer.from(text).toString('base64url');
}
const signedIn = (headers: Record<string, string> = {}) => ({ authorization: `Bearer ${token}`, ...headers });

/** A refusal: its status, and a JSON body with one error of `code`; the error's extensions. */
async function refused(response: Response, status: number, code: string) {
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const text = await response.text();
  expect([response.status, text]).toEqual([status, expect.stringContaining(`"code":"${code}"`)]);
  const body = JSON.parse(text);
  expect(body.errors).toEqual([{ message: expect.any(String), extensions: expect.objectContaining({ code }) }]);
  expect(text).not.toMatch(/\bat \w|node_modules|\.ts:|select /i);
  return body.errors[0].extensions;
}

/** Raw bytes to the server on a socket of its own; the whole reply. */
function raw(request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    let reply = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => (reply += chunk));
    socket.on('end', () => resolve(reply));
    socket.on('error', (error) => (reply ? resolve(reply) : reject(error)));
  });
}

describe('oversized headers and tokens', () => {
  it('a 100 KB token gets 431 with a JSON body naming the code', async () => {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${'a'.repeat(100 * 1024)}` }, body: '{"query":"{ regions { code } }"}',
    });
    await refused(response, 431, 'HEADERS_TOO_LARGE');
  });

  it('a token above the token limit that still fits the headers gets 401 naming the reason TOKEN_TOO_LARGE', async () => {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${'a'.repeat(10 * 1024)}` }, body: '{"query":"{ regions { code } }"}',
    });
    expect(await refused(response, 401, 'UNAUTHENTICATED')).toEqual({ code: 'UNAUTHENTICATED', reason: 'TOKEN_TOO_LARGE' });
  });

  it('a request that is not valid HTTP gets 400 with a JSON body', async () => {
    const reply = await raw('NOT HTTP AT ALL\r\n\r\n');
    expect(reply).toMatch(/^HTTP\/1\.1 400 /);
    expect(reply).toMatch(/content-type: application\/json/i);
    expect(JSON.parse(reply.slice(reply.indexOf('\r\n\r\n') + 4)).errors[0].extensions).toEqual({ code: 'BAD_REQUEST' });
  });
});

describe('request bodies', () => {
  const post = (body: string | Uint8Array, headers: Record<string, string>) =>
    fetch(`${base}/graphql`, { method: 'POST', headers: signedIn({ 'content-type': 'application/json', ...headers }), body });

  it('a body that says gzip but is not → 400 BAD_REQUEST JSON; so does deflate', async () => {
    for (const encoding of ['gzip', 'deflate']) {
      await refused(await post('{"query":"{ regions { code } }"}', { 'content-encoding': encoding }), 400, 'BAD_REQUEST');
    }
  });

  it('a gzip body cut short → 400 BAD_REQUEST JSON, while a whole one is answered', async () => {
    const whole = gzipSync('{"query":"{ regions { code } }"}');
    await refused(await post(whole.subarray(0, whole.length - 8), { 'content-encoding': 'gzip' }), 400, 'BAD_REQUEST');
    const answered = await post(whole, { 'content-encoding': 'gzip' });
    expect(answered.status).toBe(200);
    expect(((await answered.json()) as any).data.regions.length).toBeGreaterThan(0);
  });

  it('a body in an encoding the server does not know → 415 JSON', async () => {
    await refused(await post('{}', { 'content-encoding': 'x-unknown' }), 415, 'BAD_REQUEST');
  });

  it('a body that is not JSON → 400 BAD_REQUEST JSON', async () => {
    await refused(await post('{"query": ', {}), 400, 'BAD_REQUEST');
  });
});

describe('methods and routes', () => {
  it('PUT, DELETE, PATCH and HEAD on /graphql get 405 with Allow: GET, POST and a JSON body', async () => {
    for (const method of ['PUT', 'DELETE', 'PATCH']) {
      const response = await fetch(`${base}/graphql`, { method, headers: signedIn({ 'content-type': 'application/json' }), body: '{}' });
      expect(response.headers.get('allow')).toBe('GET, POST');
      await refused(response, 405, 'METHOD_NOT_ALLOWED');
    }
    const head = await fetch(`${base}/graphql`, { method: 'HEAD', headers: signedIn() });
    expect([head.status, head.headers.get('allow')]).toEqual([405, 'GET, POST']);
  });

  it('POST on /healthz, the CSV export and GraphiQL\'s assets gets 405 with Allow: GET, HEAD and a JSON body', async () => {
    for (const path of ['/healthz', '/export/statistics.csv', '/graphiql/app.js', '/graphiql/examples.json']) {
      const response = await fetch(base + path, { method: 'POST', headers: signedIn() });
      expect(response.headers.get('allow')).toBe('GET, HEAD');
      await refused(response, 405, 'METHOD_NOT_ALLOWED');
    }
  });

  it('OPTIONS names the methods a route serves', async () => {
    const response = await fetch(`${base}/graphql`, { method: 'OPTIONS' });
    expect([response.status, response.headers.get('allow')]).toEqual([204, 'GET, POST']);
  });

  it('an unknown route gets 404 NOT_FOUND JSON, and so does an unknown GraphiQL asset', async () => {
    for (const path of ['/nothing-here', '/graphiql/index.html', '/export/other.csv']) {
      await refused(await fetch(base + path, { headers: signedIn() }), 404, 'NOT_FOUND');
    }
  });
});

describe('ids and cursors out of range', () => {
  const ABOVE_2_63 = ['9223372036854775808', '18446744073709551616', '99999999999999999999999'];
  const graphql = async (query: string, variables: object) => {
    const response = await fetch(`${base}/graphql`, { method: 'POST', headers: signedIn({ 'content-type': 'application/json' }), body: JSON.stringify({ query, variables }) });
    return { statements: response.headers.get('x-sql-statements'), body: (await response.json()) as any };
  };
  const codes = (body: any) => body.errors?.map((e: any) => e.extensions.code);

  it('an id above 2^63 in node, a mutation and the statistics filter → BAD_USER_INPUT, not 500', async () => {
    for (const key of ABOVE_2_63) {
      const node = await graphql('query($id: ID!) { node(id: $id) { id } }', { id: gid(`Card:${key}`) });
      expect([key, codes(node.body)]).toEqual([key, ['BAD_USER_INPUT']]);
      const mutation = await graphql('mutation($id: ID!) { visitPlan(cardId: $id, version: 1, input: { plannedOn: "2026-12-20" }) { userErrors { code } } }', { id: gid(`Card:${key}`) });
      expect([key, codes(mutation.body)]).toEqual([key, ['BAD_USER_INPUT']]);
      const statistics = await graphql('query($id: ID!) { statistics(period: { from: "2026-01-01", to: "2026-02-01" }, filter: { careerCenter: $id }) { registrations { applied } } }', { id: gid(`CareerCenter:${key}`) });
      expect([key, codes(statistics.body)]).toEqual([key, ['BAD_USER_INPUT']]);
    }
  });

  it('an id that is not a canonical positive integer (0, leading zeros, a sign) → BAD_USER_INPUT', async () => {
    for (const key of ['0', '007', '-1', '+1', '1e3']) {
      const node = await graphql('query($id: ID!) { node(id: $id) { id } }', { id: gid(`Card:${key}`) });
      expect([key, codes(node.body)]).toEqual([key, ['BAD_USER_INPUT']]);
    }
  });

  it('an id above 2^63 in the CSV export → 400 BAD_USER_INPUT, not 500', async () => {
    for (const key of ABOVE_2_63) {
      const response = await fetch(`${base}/export/statistics.csv?table=registrations&from=2026-01-01&to=2026-02-01&careerCenter=${gid(`CareerCenter:${key}`)}`, { headers: signedIn() });
      expect(await refused(response, 400, 'BAD_USER_INPUT')).toEqual({ code: 'BAD_USER_INPUT', argument: 'careerCenter' });
    }
  });

  it('a cursor whose id is above 2^63 or whose date does not exist → BAD_USER_INPUT before any SQL, not 500', async () => {
    const cursors = [
      ['visits', ['2026-01-01', '9223372036854775808']],
      ['visits', ['2026-01-01', '99999999999999999999']],
      ['visits', ['2026-13-45', '1']],
      ['visits', ['0000-01-01', '1']],
      ['history', ['2026-02-30T10:00:00.000Z', '1']],
      ['history', ['2026-01-01T25:61:00.000Z', '1']],
    ] as const;
    for (const [list, key] of cursors) {
      const result = await graphql(`query($id: ID!, $after: String) { card(id: $id) { ${list}(first: 1, after: $after) { totalCount } } }`, { id: cardId, after: gid(JSON.stringify(key)) });
      expect([key, codes(result.body), result.statements]).toEqual([key, ['BAD_USER_INPUT'], '0']);
    }
    // A cursor the API gave is still accepted.
    const page = await graphql('query($id: ID!) { card(id: $id) { visits(first: 1) { edges { cursor } } } }', { id: cardId });
    const after = page.body.data.card.visits.edges[0].cursor;
    expect((await graphql('query($id: ID!, $after: String) { card(id: $id) { visits(first: 1, after: $after) { totalCount } } }', { id: cardId, after })).body.errors).toBeUndefined();
  });
});
