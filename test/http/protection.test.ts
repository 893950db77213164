import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { ErrorsAreMissesCache, InMemoryLRUCache, type KeyValueCache } from '@apollo/utils.keyvaluecache';
import { openRedis } from '../../src/db/redis.ts';
import { persistedQueryOptions, TrustedDocuments } from '../../src/http/persisted-queries.ts';
import { protectionFrom, type Protection } from '../../src/http/protection.ts';
import { createTestIssuer, type TestIssuer } from '../support/auth.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer } from '../support/http.ts';
import { readSettings } from '../../src/runtime/settings.ts';

// Over real HTTP: automatic persisted queries (in Redis when REDIS_URL is set, as in CI's
// second run, else in memory), trusted documents, CSRF prevention and the request body limit.
// Rate limits are in test/security/rate-limits.test.ts.

let db: TestDatabase;
let issuer: TestIssuer;
let dir: string;
const running: (() => Promise<void>)[] = [];
/** A Redis key prefix of its own, so runs never see each other's entries. */
const redisPrefix = `test-${randomUUID()}:`;

beforeAll(async () => {
  db = await createTestDatabase();
  issuer = await createTestIssuer();
  dir = await mkdtemp(join(tmpdir(), 'protection-'));
});
afterAll(async () => {
  for (const stop of running) await stop();
  await db.close();
  await rm(dir, { recursive: true, force: true });
});

/** Starts the API with the environment's protections (Redis if configured) changed by `overrides`. */
async function start(overrides: Partial<Protection> = {}) {
  const fromEnv = protectionFrom();
  // Entries a test leaves in a shared Redis expire soon.
  const protection = { ...fromEnv, redisPrefix, persistedQueries: { ...fromEnv.persistedQueries!, ttlSeconds: 300 }, ...overrides };
  const { app, base, stop } = await startTestServer(db.orm, { auth: issuer.settings, registry: null, protection });
  lastCache = app.persistedQueryCache;
  running.push(stop);
  return `${base}/graphql`;
}

/** The persisted-query cache of the last API started. */
let lastCache: KeyValueCache<string> | null = null;
let analystToken = '';
const token = async () => (analystToken ||= await issuer.token({ role: 'ANALYST', careerCenter: null }));

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await token()}`, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as any };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const persisted = (query: string) => ({ extensions: { persistedQuery: { version: 1, sha256Hash: sha256(query) } } });
const codes = (body: any) => body.errors?.map((e: any) => e.extensions?.code);

describe('automatic persisted queries', () => {
  let url: string;
  beforeAll(async () => {
    url = await start();
  });

  it('registers a query sent with its hash once, then answers the hash alone', async () => {
    // A query of its own per run: a shared Redis may hold earlier runs' entries.
    const query = `query Regions${randomUUID().replaceAll('-', '')} { regions { code } }`;
    const unknown = await post(url, persisted(query));
    expect(codes(unknown.body)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    const registered = await post(url, { query, ...persisted(query) });
    expect(registered.body.errors).toBeUndefined();
    const byHash = await post(url, persisted(query));
    expect(byHash.status).toBe(200);
    expect(byHash.body).toEqual(registered.body);
    expect(byHash.body.data.regions.length).toBeGreaterThan(0);
    // Kept where the environment says: Redis when REDIS_URL is set (CI's second run), else memory.
    expect(lastCache).toBeInstanceOf(process.env.REDIS_URL ? ErrorsAreMissesCache : InMemoryLRUCache);
    expect(await lastCache!.get(`apq:${sha256(query)}`)).toBe(query);
  });

  it('refuses a hash that is not the hash of the text sent with it', async () => {
    const result = await post(url, { query: '{ regions { code } }', ...persisted('{ regions { kk } }') });
    expect(result.status).toBe(400);
    expect(result.body.errors[0].message).toMatch(/provided sha does not match query/);
  });

  it('keeps its memory cache within the configured bytes, dropping the least recently used', async () => {
    const { cache } = persistedQueryOptions({ maxBytes: 200, ttlSeconds: 60 }, null) as { cache: InMemoryLRUCache<string> };
    for (let i = 0; i < 5; i++) await cache.set(`hash${i}`, `query Q${i} { regions { code kk ru districts { code } } }`);
    expect(cache.keys().length).toBeLessThan(5);
    expect(await cache.get('hash4')).toBeDefined();
    expect(await cache.get('hash0')).toBeUndefined();
  });
});

describe('trusted documents', () => {
  const allowed = 'query MobileRegions { regions { code kk } }';
  let url: string;
  beforeAll(async () => {
    const file = join(dir, 'manifest.json');
    await writeFile(file, JSON.stringify(TrustedDocuments.manifest([{ name: 'MobileRegions', type: 'query', body: allowed }])));
    url = await start({ trustedDocuments: [file] });
  });

  it('runs an operation of the manifest by its hash alone, without registering it first', async () => {
    const result = await post(url, persisted(allowed));
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data.regions.length).toBeGreaterThan(0);
  });

  it('runs the text of an operation of the manifest', async () => {
    expect((await post(url, { query: allowed })).body.errors).toBeUndefined();
  });

  it('refuses any other document: by text, by hash, or registered with its hash', async () => {
    const other = '{ cards(first: 1) { totalCount } }';
    for (const body of [{ query: other }, persisted(other), { query: other, ...persisted(other) }, { query: other, ...persisted(allowed) }]) {
      const result = await post(url, body);
      expect(result.status).toBe(400);
      expect(codes(result.body)).toEqual(['DOCUMENT_NOT_TRUSTED']);
    }
    // The refused registration left nothing behind.
    expect(codes((await post(url, persisted(other))).body)).toEqual(['DOCUMENT_NOT_TRUSTED']);
  });

  it('a manifest of the client preset\'s format comes from `npm run manifest`, which checks each client operation against the schema', async () => {
    const file = join(dir, 'mobile.json');
    const run = (...args: string[]) => promisify(execFile)(process.execPath, ['src/cli/manifest.ts', ...args]);
    await run('clients/mobile/my-card.graphql', 'clients/mobile/my-referrals.graphql', '--out', file);
    expect((await TrustedDocuments.load(file)).size).toBe(2);
    // The same ids and printed operations as the app's manifest that `npm run codegen` wrote.
    const committed = JSON.parse(await readFile('clients/mobile/generated/persisted-documents.json', 'utf8')) as Record<string, string>;
    const written = JSON.parse(await readFile(file, 'utf8')) as Record<string, string>;
    expect(Object.entries(written).map(([id, body]) => committed[id] === body)).toEqual([true, true]);
    const wrong = join(dir, 'wrong.graphql');
    await writeFile(wrong, 'query Wrong { cards { nosuchfield } }');
    await expect(run(wrong)).rejects.toThrow(/Cannot query field "nosuchfield"/);
  }, 90_000);

  it('refuses to start with a manifest whose ids are not the hashes of their documents', async () => {
    const file = join(dir, 'forged.json');
    await writeFile(file, JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations: [{ id: sha256('{ a }'), name: 'X', type: 'query', body: '{ regions { code } }' }] }));
    await expect(TrustedDocuments.load(file)).rejects.toThrow(/not the SHA-256 of its body/);
  });
});

describe('requests a browser could forge cross-site', () => {
  it('are refused by CSRF prevention: a text/plain POST and a form POST', async () => {
    const url = await start();
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded']) {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': contentType, authorization: `Bearer ${await token()}` }, body: '{"query":"{ regions { code } }"}' });
      expect(response.status).toBe(400);
      expect(await response.text()).toMatch(/CSRF|preflight|content-type/i);
    }
  });
});

describe('the request body', () => {
  it('over the limit is refused with 413 REQUEST_TOO_LARGE before anything else', async () => {
    const url = await start({ maxBodyBytes: 10_000 });
    const result = await post(url, { query: `{ regions { code } } # ${'x'.repeat(20_000)}` });
    expect(result.status).toBe(413);
    expect(codes(result.body)).toEqual(['REQUEST_TOO_LARGE']);
  });
});

describe('Redis', () => {
  it('that cannot be reached stops the start at once, not after retrying for ever', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    const logged = jest.spyOn(console, 'error').mockImplementation(() => {});
    try {
      await expect(openRedis(`redis://127.0.0.1:${port}`)).rejects.toThrow(/ECONNREFUSED/);
    } finally {
      logged.mockRestore();
    }
  });
});

describe('settings from the environment', () => {
  it('have defaults, read overrides and refuse nonsense', () => {
    const defaults = protectionFrom(readSettings({}));
    expect(defaults).toMatchObject({ redisUrl: null, trustedDocuments: null, rateLimit: { perWindow: 600, windowSeconds: 60 }, maxBodyBytes: 4 * 1024 * 1024 });
    expect(protectionFrom(readSettings({ PERSISTED_QUERIES: 'off' })).persistedQueries).toBeNull();
    const manifests = ['clients/caseworker/generated/persisted-documents.json', 'clients/mobile/generated/persisted-documents.json'];
    expect(protectionFrom(readSettings({ TRUSTED_DOCUMENTS: manifests.join(', ') })).trustedDocuments).toEqual(manifests);
    expect(() => readSettings({ TRUSTED_DOCUMENTS: `${manifests[0]},no-such.json` })).toThrow('TRUSTED_DOCUMENTS names no file: no-such.json');
    expect(protectionFrom(readSettings({ QUERY_MAX_COST: '5000', RATE_LIMIT_PER_WINDOW: '0' }))).toMatchObject({ limits: { maxCost: 5000 }, rateLimit: { perWindow: 0 } });
    expect(() => protectionFrom(readSettings({ QUERY_TIMEOUT_MS: 'soon' }))).toThrow('QUERY_TIMEOUT_MS must be an integer of at least 1, not "soon"');
  });
});
