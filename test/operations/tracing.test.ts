import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEV_ISSUER } from '../../src/modules/access/auth-config.ts';
import { developmentKeys } from '../../src/modules/access/dev-keys.ts';
import { signToken } from '../../src/modules/access/tokens.ts';
import { withoutLiterals } from '../../src/runtime/tracing.ts';
import { aCareerCenter, nextIin } from '../support/builders.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

// Traces: with OTEL_EXPORTER_OTLP_ENDPOINT the real server (`node src/main.ts`) sends spans over
// OTLP/HTTP — the HTTP request, its GraphQL parse, validation and execution and, on PostgreSQL, its
// SQL statements, in one trace, under the service's name — and no span carries the IIN a request
// named or its bearer token. Without the endpoint no OpenTelemetry module is loaded at all.

const SERVICE = 'card-api-under-test';
const OPEN = 'mutation($input: CardOpenInput!) { cardOpen(input: $input) { card { id } userErrors { code } } }';
const BY_IIN = 'query CardByIin($iin: IIN!) { cardByIin(iin: $iin) { id iin } }';
/** Another document for the GET: the POST's is parsed and validated once, then cached. */
const BY_IIN_GET = 'query CardByIinOverGet($iin: IIN!) { cardByIin(iin: $iin) { iin registrationStatus } }';

/**
 * Reports (on stderr) every module of the OpenTelemetry SDK, exporter, instrumentations or
 * import-in-the-middle the process resolves. Not @opentelemetry/api: prom-client has always loaded
 * it (for exemplars); without a registered SDK its calls do nothing.
 */
const LOAD_WATCH = `data:text/javascript,${encodeURIComponent(`
import { registerHooks } from 'node:module';
registerHooks({ resolve(specifier, context, next) {
  const resolved = next(specifier, context);
  if (/\\/node_modules\\/(@opentelemetry\\/(?!api\\/)|import-in-the-middle\\/)/.test(resolved.url)) process.stderr.write('LOADED ' + resolved.url + '\\n');
  return resolved;
} });`)}`;

interface OtlpValue { stringValue?: string; intValue?: string | number; boolValue?: boolean; doubleValue?: number; arrayValue?: { values: OtlpValue[] } }
interface OtlpAttribute { key: string; value: OtlpValue }
interface OtlpSpan { traceId: string; spanId: string; parentSpanId?: string; name: string; kind: number; attributes: OtlpAttribute[] }
interface OtlpRequest { resourceSpans: { resource: { attributes: OtlpAttribute[] }; scopeSpans: { scope: { name: string }; spans: OtlpSpan[] }[] }[] }

/** A span as the test reads it: its instrumentation (scope), name, ids and attributes as an object. */
interface Span { scope: string; name: string; traceId: string; spanId: string; parentSpanId?: string; service: unknown; attributes: Record<string, unknown> }

const valueOf = (value: OtlpValue): unknown => value.arrayValue ? value.arrayValue.values.map(valueOf) : value.stringValue ?? value.intValue ?? value.boolValue ?? value.doubleValue;
const attributesOf = (attributes: OtlpAttribute[] = []) => Object.fromEntries(attributes.map(({ key, value }) => [key, valueOf(value)]));

/** A collector of its own: what POST /v1/traces receives, raw and as spans. */
async function startCollector() {
  const bodies: string[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.method === 'POST' && req.url === '/v1/traces') bodies.push(Buffer.concat(chunks).toString('utf8'));
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  }).listen(0, '127.0.0.1');
  await once(server, 'listening');
  const spans = () => bodies.flatMap((body) => (JSON.parse(body) as OtlpRequest).resourceSpans.flatMap(({ resource, scopeSpans }) => scopeSpans.flatMap(({ scope, spans: each }) => each.map((span): Span => ({
    scope: scope.name, name: span.name, traceId: span.traceId, spanId: span.spanId, parentSpanId: span.parentSpanId || undefined,
    service: attributesOf(resource.attributes)['service.name'], attributes: attributesOf(span.attributes),
  })))));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, bodies, spans, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** `npm start` as a container runs it, its modules watched; resolves once it serves. */
async function startApi(env: Record<string, string>) {
  const child = spawn('node_modules/.bin/node', ['--import', LOAD_WATCH, 'src/main.ts'], {
    env: { PATH: process.env.PATH, LOG_LEVEL: 'info', PORT: '0', METRICS_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk) => void (stderr += chunk));
  const exited = once(child, 'exit');
  const base = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const url = /"url":"http:\/\/localhost:(\d+)\/graphql"/.exec(stdout)?.[1];
      if (url) resolve(`http://127.0.0.1:${url}`);
    });
    void exited.then(() => reject(new Error(`the server ended before serving:\n${stdout}\n${stderr}`)));
  });
  return {
    base,
    /** SIGTERM, then its exit code and what it wrote on stderr. */
    async stop() {
      child.kill('SIGTERM');
      const [code] = await exited;
      return { code: code as number | null, stdout, stderr };
    },
  };
}

let keyDir: string;
let database: TestDatabase | null = null;
/** The server's database: a fresh copy of the template with a career center on PostgreSQL, else an embedded one in memory (demo cards and centers). */
let databaseEnv: Record<string, string>;
let token: string;
beforeAll(async () => {
  keyDir = await mkdtemp(join(tmpdir(), 'card-tracing-'));
  const keys = await developmentKeys(keyDir);
  token = await signToken(keys.privateKey, { subject: 'caseworker-tracing', role: 'CASEWORKER', careerCenter: 'CC-TRACE', name: null },
    { issuer: DEV_ISSUER, audience: 'employment-card-api', expiresIn: '1h' });
  if (process.env.DATABASE_URL) {
    database = await createTestDatabase();
    await aCareerCenter(database.orm.em.fork(), { code: 'CC-TRACE' });
    databaseEnv = { DATABASE_URL: database.orm.config.get('clientUrl')! };
  } else {
    databaseEnv = { PGLITE_DIR: 'memory://' };
  }
}, 60_000);
afterAll(async () => {
  await database?.close();
  await rm(keyDir, { recursive: true, force: true });
});

describe('traces', () => {
  it('span a request over HTTP, GraphQL and SQL in one trace, with no IIN and no token in them', async () => {
    const collector = await startCollector();
    const api = await startApi({ ...databaseEnv, AUTH_DEV_KEY_DIR: keyDir, OTEL_EXPORTER_OTLP_ENDPOINT: collector.url, OTEL_SERVICE_NAME: SERVICE });
    let stopped;
    const iin = nextIin('1987-03-14');
    try {
      expect((await fetch(`${api.base}/healthz`)).status).toBe(200);
      const post = async (query: string, variables: Record<string, unknown>) => {
        const response = await fetch(`${api.base}/graphql`, {
          method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }),
        });
        return { status: response.status, body: await response.json() as { data?: any; errors?: unknown[] } };
      };
      // The caseworker's center, then a card opened there: the IIN goes into the SQL the API runs.
      const { body: centers } = await post('{ careerCenters { id code } }', {});
      const center = centers.data.careerCenters[0];
      token = await signToken((await developmentKeys(keyDir)).privateKey, { subject: 'caseworker-tracing', role: 'CASEWORKER', careerCenter: center.code, name: null },
        { issuer: DEV_ISSUER, audience: 'employment-card-api', expiresIn: '1h' });
      const opened = await post(OPEN, { input: { iin, appliedOn: '2026-11-02', careerCenter: center.id, fullName: { surname: 'Омаров', givenName: 'Ерлан' } } });
      expect(opened.body.data?.cardOpen.userErrors).toEqual([]);
      // The card read by its IIN: in the variables of a POST, and in the query string of a GET.
      expect((await post(BY_IIN, { iin })).body.data?.cardByIin.iin).toBe(iin);
      const search = new URLSearchParams({ query: BY_IIN_GET, variables: JSON.stringify({ iin }) });
      const got = await fetch(`${api.base}/graphql?${search}`, { headers: { authorization: `Bearer ${token}`, 'apollo-require-preflight': 'true' } });
      expect(((await got.json()) as { data?: any }).data?.cardByIin.iin).toBe(iin);
      // Written into the document: as a string (GraphQL spans blank literals), and as a number, which
      // validation refuses (graphql-js's message quotes the value; the answer's does not).
      expect((await post(`{ cardByIin(iin: "${iin}") { id } }`, {})).body.data?.cardByIin.id).toBeDefined();
      expect((await post(`{ cardByIin(iin: ${iin}) { id } }`, {})).body.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) })]);
    } finally {
      // The SDK sends what it holds when the process stops.
      stopped = await api.stop();
      await collector.close();
    }
    expect(stopped.code).toBe(0);
    // A guard on the other test's guard: the watch sees the OpenTelemetry modules when they are loaded.
    expect(stopped.stderr).toMatch(/^LOADED .*\/@opentelemetry\/sdk-trace\//m);

    const spans = collector.spans();
    const dump = () => spans.map((span) => `${span.traceId.slice(0, 8)} ${span.spanId.slice(0, 8)} ${span.parentSpanId?.slice(0, 8) ?? 'root    '} ${span.scope} ${span.name} ${JSON.stringify(span.attributes)}`).join('\n');
    expect(spans.length).toBeGreaterThan(0);
    expect(new Set(spans.map((span) => span.service))).toEqual(new Set([SERVICE]));
    // Probes make no traces.
    expect(spans.filter((span) => span.attributes['url.path'] === '/healthz')).toEqual([]);

    // The GET of the card by IIN: its HTTP span, and under it the GraphQL operation and the SQL.
    const get = spans.find((span) => span.scope === '@opentelemetry/instrumentation-http' && span.attributes['http.request.method'] === 'GET' && span.attributes['url.path'] === '/graphql');
    expect(get).toBeDefined();
    expect(get!.attributes['url.query']).toBe('query=REDACTED&variables=REDACTED');
    const trace = spans.filter((span) => span.traceId === get!.traceId);
    const graphql = trace.filter((span) => span.scope === '@opentelemetry/instrumentation-graphql').map((span) => span.name);
    expect(graphql).toEqual(expect.arrayContaining([expect.stringMatching(/^graphql\.parse/), expect.stringMatching(/^graphql\.validate/)]));
    // Every span of the trace hangs from the HTTP span.
    const ids = new Set(trace.map((span) => span.spanId));
    expect(trace.filter((span) => span !== get && !ids.has(span.parentSpanId!))).toEqual([]);
    // The SQL: on PostgreSQL, pg's spans with the statements' text, literals blanked. (PGlite runs
    // in the process, without the pg driver: its statements make no spans.)
    if (process.env.DATABASE_URL) {
      const sql = trace.filter((span) => span.scope === '@opentelemetry/instrumentation-pg').map((span) => span.attributes['db.query.text']);
      expect(sql).toContainEqual('select * from "card" where iin in (?)');
    }

    // Nothing sent quotes the IIN or the token (nor the token's signature alone).
    const sent = collector.bodies.join('\n');
    expect(sent.includes(iin) ? dump() : '').toBe('');
    expect(sent).not.toContain(token);
    expect(sent).not.toContain(token.split('.')[2]);
  }, 120_000);

  it('blank the literals of SQL text, which MikroORM fills in', () => {
    expect(withoutLiterals(`select "c0".* from "card" as "c0" where "c0"."iin" = '870314300017' limit 1`)).toBe('select "c0".* from "card" as "c0" where "c0"."iin" = ? limit ?');
    expect(withoutLiterals(`insert into "t2" ("a", "b") values ( E'back\\\\slash''s', 'it''s'), ($1, -12.5e3), ($tag$a 'b'$tag$, $$c$$) returning "id"`))
      .toBe('insert into "t2" ("a", "b") values ( ?, ?), ($1, -?), (?, ?) returning "id"');
    expect(withoutLiterals(`select 1 from card where id = any('{1,2}'::bigint[]) and note = 'ends\\' and x = 'secret'`)).toBe('select ? from card where id = any(?::bigint[]) and note = ? and x = ?');
  });

  it('load no OpenTelemetry module without OTEL_EXPORTER_OTLP_ENDPOINT', async () => {
    const api = await startApi({ ...databaseEnv, AUTH_DEV_KEY_DIR: keyDir });
    let stopped;
    try {
      const response = await fetch(`${api.base}/graphql`, {
        method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: '{ careerCenters { code } }' }),
      });
      expect(response.status).toBe(200);
    } finally {
      stopped = await api.stop();
    }
    expect(stopped.code).toBe(0);
    expect(stopped.stderr.split('\n').filter((line) => line.startsWith('LOADED '))).toEqual([]);
    expect(stopped.stdout).not.toMatch(/"msg":"tracing/);
  }, 120_000);
});
