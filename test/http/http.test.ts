import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { parse, validate } from 'graphql';
import { readFileSync } from 'node:fs';
import { exampleQueries } from '../../src/http/graphiql.ts';
import { buildSchema } from '../../src/graphql/schema.ts';
import { createApp, listen } from '../../src/http/app.ts';
import type { CareerCenter } from '../../src/modules/career-center/career-center.entity.ts';
import { aCard, aCareerCenter } from '../support/builders.ts';
import { createTestIssuer } from '../support/auth.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { log } from '../../src/runtime/log.ts';

// The API over real HTTP: GraphiQL served offline, queries, and nothing internal in error responses.

let db: TestDatabase;
let server: Server;
let base: string;
let stop: () => Promise<void>;
let token: string;
/** The center the caseworker of the tokens works at, and keeps the test cards. */
let center: CareerCenter;
let issuer: Awaited<ReturnType<typeof createTestIssuer>>;

beforeAll(async () => {
  db = await createTestDatabase();
  issuer = await createTestIssuer();
  center = await aCareerCenter(db.orm.em.fork(), { code: 'CC-HTTP' });
  token = await issuer.token({ role: 'CASEWORKER', careerCenter: center.code, name: 'Test caseworker' });
  const { app, stop: stopApp } = await createApp(db.orm, { auth: issuer.settings });
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

const post = (body: unknown) => fetch(`${base}/graphql`, {
  method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: typeof body === 'string' ? body : JSON.stringify(body),
});

describe('GraphiQL', () => {
  it('is served to a browser at /graphql, loading only assets of our own origin', async () => {
    const response = await fetch(`${base}/graphql`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    const html = await response.text();
    expect(html).not.toMatch(/https?:\/\//);
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThanOrEqual(5);
    for (const asset of assets) {
      expect(asset.startsWith('/graphiql/')).toBe(true);
      const file = await fetch(base + asset);
      expect(file.status).toBe(200);
      expect((await file.arrayBuffer()).byteLength).toBeGreaterThan(0);
    }
  });

  it('opens first on an example card query, one of the shared documents, valid against the schema', async () => {
    const [first] = (await (await fetch(`${base}/graphiql/examples.json`)).json()) as { name: string; query: string }[];
    const example = first!.query;
    expect(example).toBe(readFileSync(new URL('../../src/documents/examples/0-cards.graphql', import.meta.url), 'utf8'));
    expect(validate(buildSchema(), parse(example))).toEqual([]);
    const { data, errors } = (await (await post({ query: example })).json()) as any;
    expect(errors).toBeUndefined();
    expect(data.cards).toHaveProperty('totalCount');
  });

  it('offers the example analyst queries as tabs, each valid and answered for an analyst', async () => {
    const examples = (await (await fetch(`${base}/graphiql/examples.json`)).json()) as { name: string; query: string }[];
    expect(examples.map((e) => e.name)).toEqual(exampleQueries().map((e) => e.name));
    expect(examples.length).toBeGreaterThanOrEqual(6);
    const analyst = await issuer.token({ role: 'ANALYST', careerCenter: null });
    for (const { name, query } of examples) {
      expect([name, validate(buildSchema(), parse(query))]).toEqual([name, []]);
      const response = await fetch(`${base}/graphql`, {
        method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${analyst}` }, body: JSON.stringify({ query }),
      });
      const body = (await response.json()) as any;
      expect([name, body.errors]).toEqual([name, undefined]);
    }
  });

  it('does not serve files outside its asset list', async () => {
    expect((await fetch(`${base}/graphiql/..%2F..%2Fpackage.json`)).status).toBe(404);
    expect((await fetch(`${base}/graphiql/index.html`)).status).toBe(404);
  });
});

describe('GraphQL over HTTP', () => {
  it('answers a POSTed query', async () => {
    const card = await aCard().save(db.orm.em.fork(), center);
    const response = await post({ query: 'query($iin: IIN!) { cardByIin(iin: $iin) { iin fullName { surname } } }', variables: { iin: card.iin } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { cardByIin: { iin: card.iin, fullName: { surname: 'Серікбаев' } } } });
  });

  it('reports bad input as 400 BAD_USER_INPUT without internals', async () => {
    const response = await post({ query: 'query($iin: IIN!) { cardByIin(iin: $iin) { iin } }', variables: { iin: '123' } });
    expect(response.status).toBe(400);
    const body = (await response.json()) as any;
    expect(body.errors).toEqual([{ message: expect.stringContaining('"iin"'), locations: expect.any(Array), extensions: { code: 'BAD_USER_INPUT', argument: 'iin' } }]);
  });

  it('masks an internal failure: no stack trace, no SQL, no detail', async () => {
    // A row written behind the API's back with an IIN that fails its checksum: serialising it fails.
    const card = await aCard().save(db.orm.em.fork(), center);
    await db.orm.em.fork().execute('update "card" set "iin" = ? where "id" = ?', ['900101300120', card.id]);
    const logged = jest.spyOn(log, 'error').mockImplementation(() => undefined);
    const response = await post({ query: '{ cards(first: 100) { edges { node { iin } } } }' });
    const text = await response.text();
    // The detail goes to the server's log instead.
    expect(logged).toHaveBeenCalledWith(expect.objectContaining({ err: expect.objectContaining({ message: expect.stringContaining('IIN') }) }), 'internal error while executing a GraphQL request');
    logged.mockRestore();
    const body = JSON.parse(text);
    expect(body.errors.length).toBeGreaterThan(0);
    for (const error of body.errors) {
      expect(error.message).toBe('Internal server error');
      expect(error.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    }
    expect(text).not.toMatch(/stack|select|"card"|\.ts:|900101300120/i);
  });

  it('rejects a malformed body without internals', async () => {
    const response = await post('{"query": ');
    expect(response.status).toBe(400);
    expect(await response.text()).not.toMatch(/\bat \w|node_modules|SyntaxError:/);
  });

  it('records the signed-in user from the token, and answers a request without one with 401 UNAUTHENTICATED', async () => {
    const card = await aCard().save(db.orm.em.fork(), center);
    const id = Buffer.from(`Card:${card.id}`).toString('base64url');
    const mutation = JSON.stringify({ query: `mutation($id: ID!) { visitPlan(cardId: $id, version: 1, input: { plannedOn: "2026-12-20" }) {
      card { history(first: 10) { edges { node { actor actorName action } } } } userErrors { code } } }`, variables: { id } });
    const anonymous = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: mutation });
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as any).errors).toEqual([expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED' } })]);
    const signedIn = await issuer.token({ subject: 'cw-042', role: 'CASEWORKER', careerCenter: center.code, name: 'Сейітова Ләззат' });
    const response = await fetch(`${base}/graphql`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${signedIn}` }, body: mutation,
    });
    const { data } = await response.json() as any;
    expect(data.visitPlan.userErrors).toEqual([]);
    expect(data.visitPlan.card.history.edges.map((e: any) => e.node)).toEqual([{ actor: 'cw-042', actorName: 'Сейітова Ләззат', action: 'visitPlan' }]);
  });

  it('has a health check', async () => {
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok' });
  });
});
