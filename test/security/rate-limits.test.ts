import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateKeyPair, type CryptoKey } from 'jose';
import { createClient } from 'redis';
import type { Redis } from '../../src/db/redis.ts';
import { protectionFrom, type Protection } from '../../src/http/protection.ts';
import { rateLimitStore, SlidingWindowLimit } from '../../src/http/rate-limit.ts';
import { createTestIssuer, type TestIssuer } from '../support/auth.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer } from '../support/http.ts';
import { readSettings } from '../../src/runtime/settings.ts';

// Rate limits from the outside, over real HTTP: a sliding window per signed-in caller, a stricter
// one per client address for anonymous requests and tokens that do not verify (checked before the
// token is), the RateLimit-* headers, and what happens when the counters' store is down. Counters
// are in Redis when REDIS_URL is set (CI's second run), else in memory. Each server has small limits
// and, where the moment matters, a clock of the test's own: nothing here depends on timing.

let db: TestDatabase;
let issuer: TestIssuer;
const running: (() => Promise<void>)[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  issuer = await createTestIssuer();
});
afterAll(async () => {
  for (const stop of running) await stop();
  await db.close();
});

const WINDOW = 60;
/** A clock the test moves: a whole number of windows since the epoch, plus what the test adds. */
const clockAt = (ms: number) => {
  const clock = { now: 1000 * WINDOW * 1_000_000 + ms };
  return { clock, now: () => clock.now };
};

/**
 * The API with the environment's protections (Redis if configured), changed by `overrides`, its
 * counters under a prefix of their own; the auth settings are the test issuer's unless given.
 */
async function start(overrides: Partial<Protection> = {}, options: { now?: () => number; auth?: TestIssuer['settings']; redisPrefix?: string } = {}) {
  const protection = { ...protectionFrom(), redisPrefix: options.redisPrefix ?? `test-${randomUUID()}:`, ...overrides };
  const { base, stop } = await startTestServer(db.orm, { auth: options.auth ?? issuer.settings, registry: null, protection, now: options.now });
  running.push(stop);
  return `${base}/graphql`;
}

const QUERY = JSON.stringify({ query: '{ regions { code } }' });
async function ask(url: string, authorization?: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}), ...headers }, body: QUERY });
  const body = (await response.json()) as any;
  const header = (name: string) => response.headers.get(name);
  return { status: response.status, code: body.errors?.[0]?.extensions?.code as string | undefined, header };
}
const statuses = async (n: number, request: () => ReturnType<typeof ask>) => {
  const result: number[] = [];
  for (let i = 0; i < n; i++) result.push((await request()).status);
  return result;
};
const bearer = async (claims: Parameters<TestIssuer['token']>[0] = { role: 'ANALYST', careerCenter: null }) => `Bearer ${await issuer.token(claims)}`;

describe('the limit per caller', () => {
  it('sends RateLimit-Limit, -Remaining, -Reset and -Policy headers, counting down', async () => {
    const { now } = clockAt(15_000);
    const url = await start({ rateLimit: { perWindow: 3, windowSeconds: WINDOW } }, { now });
    const token = await bearer();
    const first = await ask(url, token);
    expect(first.status).toBe(200);
    expect(['limit', 'remaining', 'reset', 'policy'].map((name) => first.header(`ratelimit-${name}`))).toEqual(['3', '2', '45', '3;w=60']);
    expect((await ask(url, token)).header('ratelimit-remaining')).toBe('1');
  });

  it('answers a caller past the limit 429 RATE_LIMITED with Retry-After, and no one else', async () => {
    const { clock, now } = clockAt(45_000);
    const url = await start({ rateLimit: { perWindow: 3, windowSeconds: WINDOW } }, { now });
    const token = await bearer();
    expect(await statuses(3, () => ask(url, token))).toEqual([200, 200, 200]);
    const limited = await ask(url, token);
    expect([limited.status, limited.code, limited.header('ratelimit-remaining')]).toEqual([429, 'RATE_LIMITED', '0']);
    // 15 s left of this window, then half of the next for its 4 requests (the refused one counts
    // too) to fade to 2, leaving room for one more.
    expect(limited.header('retry-after')).toBe('45');
    expect((await ask(url, await bearer({ subject: 'someone-else', role: 'CASEWORKER', careerCenter: 'CC-ANY' }))).status).toBe(200);
    clock.now += 45_000;
    expect((await ask(url, token)).status).toBe(200);
  });

  it('a caller at the edge of a window cannot send twice the limit', async () => {
    const { clock, now } = clockAt(WINDOW * 1000 - 1000);
    const url = await start({ rateLimit: { perWindow: 3, windowSeconds: WINDOW } }, { now });
    const token = await bearer();
    expect(await statuses(3, () => ask(url, token))).toEqual([200, 200, 200]);
    // Two seconds later, in the next window: a fixed window would start afresh here.
    clock.now += 2000;
    const after = await ask(url, token);
    expect([after.status, after.code]).toEqual([429, 'RATE_LIMITED']);
    expect(await statuses(2, () => ask(url, token))).toEqual([429, 429]);
    // Served again once the earlier requests have faded out of the window, as Retry-After said.
    const retryAfter = Number((await ask(url, token)).header('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(2 * WINDOW);
    clock.now += retryAfter * 1000;
    expect((await ask(url, token)).status).toBe(200);
  });

  it('lets through a request that exactly fits the sliding window (no rounding error refuses it)', async () => {
    const { clock, now } = clockAt(0);
    const settings = { perWindow: 7, windowSeconds: WINDOW };
    const limit = new SlidingWindowLimit(settings, rateLimitStore('caller', settings, null), now);
    // 9 requests (7 let through), then a third into the next window they count as 6: room for one.
    for (let i = 0; i < 9; i++) await limit.hit('caller');
    clock.now += (WINDOW + WINDOW / 3) * 1000;
    expect((await limit.hit('caller'))!.allowed).toBe(true);
    expect((await limit.hit('caller'))!.allowed).toBe(false);
  });

  it('is off with 0: no RateLimit headers, never 429', async () => {
    const url = await start({ rateLimit: { perWindow: 0, windowSeconds: WINDOW } });
    const token = await bearer();
    expect(await statuses(5, () => ask(url, token))).toEqual([200, 200, 200, 200, 200]);
    expect((await ask(url, token)).header('ratelimit-limit')).toBeNull();
  });
});

describe('the limit per address, for anonymous requests and tokens that do not verify', () => {
  /** Auth settings whose key counts how often a signature is checked. */
  function counting() {
    const checks = { count: 0 };
    const settings = { ...issuer.settings, key: async () => (checks.count++, issuer.settings.key as CryptoKey) };
    return { settings, checks };
  }

  it('forged tokens are limited per address: 429 with Retry-After, without checking the token', async () => {
    const { settings, checks } = counting();
    const url = await start({ anonymousRateLimit: { perWindow: 3, windowSeconds: WINDOW } }, { auth: settings });
    const { privateKey: stranger } = await generateKeyPair('ES256');
    const forged = () => issuer.token({ subject: randomUUID() }, { key: stranger }).then((token) => ask(url, `Bearer ${token}`));
    expect(await statuses(3, forged)).toEqual([401, 401, 401]);
    const limited = await forged();
    expect([limited.status, limited.code, limited.header('ratelimit-remaining')]).toEqual([429, 'RATE_LIMITED', '0']);
    expect(Number(limited.header('retry-after'))).toBeGreaterThan(0);
    expect(await statuses(5, forged)).toEqual([429, 429, 429, 429, 429]);
    // Only the first three cost a signature check.
    expect(checks.count).toBe(3);
  });

  it('anonymous requests, malformed headers and oversized tokens share that limit', async () => {
    const url = await start({ anonymousRateLimit: { perWindow: 3, windowSeconds: WINDOW } });
    expect((await ask(url)).status).toBe(401);
    expect((await ask(url, 'Basic dXNlcjpwYXNz')).status).toBe(401);
    expect((await ask(url, `Bearer ${'a'.repeat(9000)}`)).status).toBe(401);
    expect((await ask(url)).code).toBe('RATE_LIMITED');
  });

  it('a valid token is checked once and not counted against its address; once remembered, the address limit does not apply to it', async () => {
    const url = await start({ anonymousRateLimit: { perWindow: 1, windowSeconds: WINDOW } });
    const token = await bearer();
    expect(await statuses(3, () => ask(url, token))).toEqual([200, 200, 200]);
    expect(await statuses(2, () => ask(url))).toEqual([401, 429]);
    expect((await ask(url, token)).status).toBe(200);
    // A token not seen yet waits with the rest of its address until the limit frees up.
    expect((await ask(url, await bearer({ subject: 'new-analyst', role: 'ANALYST', careerCenter: null }))).status).toBe(429);
  });

  it('tells clients apart by the socket address, not X-Forwarded-For, unless TRUST_PROXY names the proxy', async () => {
    const direct = await start({ anonymousRateLimit: { perWindow: 1, windowSeconds: WINDOW } });
    expect((await ask(direct, undefined, { 'x-forwarded-for': '198.51.100.1' })).status).toBe(401);
    expect((await ask(direct, undefined, { 'x-forwarded-for': '198.51.100.2' })).status).toBe(429);

    const proxied = await start({ anonymousRateLimit: { perWindow: 1, windowSeconds: WINDOW }, trustProxy: 'loopback' });
    expect((await ask(proxied, undefined, { 'x-forwarded-for': '198.51.100.1' })).status).toBe(401);
    expect((await ask(proxied, undefined, { 'x-forwarded-for': '198.51.100.2' })).status).toBe(401);
    expect((await ask(proxied, undefined, { 'x-forwarded-for': '198.51.100.1' })).status).toBe(429);
  });

  it('counts the CSV export too', async () => {
    const url = await start({ anonymousRateLimit: { perWindow: 1, windowSeconds: WINDOW } });
    const csv = url.replace('/graphql', '/export/statistics.csv?table=registrations&from=2026-01-01&to=2026-02-01');
    expect((await fetch(csv)).status).toBe(401);
    const limited = await fetch(csv);
    expect([limited.status, ((await limited.json()) as any).errors[0].extensions.code]).toEqual([429, 'RATE_LIMITED']);
  });
});

describe('the counters', () => {
  it('are shared by API processes through Redis when it is configured, and per process without it', async () => {
    const redisPrefix = `test-${randomUUID()}:`;
    const settings = { rateLimit: { perWindow: 3, windowSeconds: WINDOW } };
    const [a, b] = [await start(settings, { redisPrefix }), await start(settings, { redisPrefix })];
    const token = await bearer();
    expect(await statuses(2, () => ask(a, token))).toEqual([200, 200]);
    expect((await ask(b, token)).status).toBe(200);
    expect((await ask(b, token)).status).toBe(process.env.REDIS_URL ? 429 : 200);
  });

  it('when Redis is down, limit in each process\'s memory: neither everyone refused nor everyone let through', async () => {
    // A client that never reached its server: every command fails, as while a connection is lost.
    const down = createClient({ url: 'redis://127.0.0.1:1', disableOfflineQueue: true }) as unknown as Redis;
    const settings = { perWindow: 2, windowSeconds: WINDOW };
    const limit = new SlidingWindowLimit(settings, rateLimitStore('caller', settings, down, `test-${randomUUID()}:`));
    const allowed = [];
    for (let i = 0; i < 4; i++) allowed.push((await limit.hit('caller'))!.allowed);
    expect(allowed).toEqual([true, true, false, false]);
  });
});

describe('settings from the environment', () => {
  it('have defaults, read overrides and refuse a proxy setting that trusts everyone', () => {
    expect(protectionFrom(readSettings({}))).toMatchObject({
      rateLimit: { perWindow: 600, windowSeconds: 60 }, anonymousRateLimit: { perWindow: 60, windowSeconds: 60 }, trustProxy: false, maxTokenBytes: 8192,
    });
    expect(protectionFrom(readSettings({ RATE_LIMIT_ANONYMOUS_PER_WINDOW: '10', RATE_LIMIT_WINDOW_SECONDS: '30', MAX_TOKEN_BYTES: '4096', TRUST_PROXY: '10.0.0.0/8' }))).toMatchObject({
      anonymousRateLimit: { perWindow: 10, windowSeconds: 30 }, maxTokenBytes: 4096, trustProxy: '10.0.0.0/8',
    });
    expect(protectionFrom(readSettings({ TRUST_PROXY: '1' })).trustProxy).toBe(1);
    expect(() => protectionFrom(readSettings({ TRUST_PROXY: 'true' }))).toThrow(/TRUST_PROXY=true would let any client choose its own address/);
  });
});
