import { createServer, type AddressInfo } from 'node:net';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { serveMetrics } from '../../src/http/metrics-server.ts';
import { operationLabel } from '../../src/runtime/metrics.ts';
import { aCard, aCareerCenter } from '../support/builders.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

// Tests here start the API in a process of its own (migrations, demo data): seconds on an idle
// machine, several times that on a busy one. The limit is against hangs, not a speed check.
jest.setTimeout(180_000);

// Prometheus metrics at /metrics: request durations by operation and outcome, SQL statements per
// request, the database pool, the read audit's write time, refusals, Node's process metrics. On a
// port of their own and only to the addresses the configuration allows, never on the API's port.

const CENTER = 'CC-KZ-75-002';

async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

let db: TestDatabase | null = null;
let server: ServerProcess;
let metricsUrl: string;
beforeAll(async () => {
  if (process.env.DATABASE_URL) {
    db = await createTestDatabase();
    const em = db.orm.em.fork();
    await aCard().save(em, await aCareerCenter(em, { code: CENTER }));
  }
  const port = await freePort();
  metricsUrl = `http://127.0.0.1:${port}/metrics`;
  server = await startServerProcess({ METRICS_PORT: String(port), RATE_LIMIT_ANONYMOUS_PER_WINDOW: '2', ...(db ? { DATABASE_URL: db.url! } : {}) });
});
afterAll(async () => {
  await server?.stop();
  server?.cleanUp();
  await db?.close();
});

/** The value of one sample of the metrics text, e.g. `api_refusals_total{code="RATE_LIMITED"}`. */
const sample = (text: string, name: string, labels: Record<string, string>): number | null => {
  const line = text.split('\n').find((one) => one.startsWith(`${name}{`) && Object.entries(labels).every(([key, value]) => one.includes(`${key}="${value}"`)));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : null;
};

describe('/metrics', () => {
  it('is not served on the API\'s port', async () => {
    const response = await fetch(`${server.base}/metrics`);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('api_request_duration_seconds');
  });

  it('counts what the requests did: duration by operation and outcome, SQL statements, the audit write, refusals, the process', async () => {
    const token = await server.token({ role: 'CASEWORKER', subject: 'caseworker-metrics', careerCenter: CENTER });
    for (let i = 0; i < 3; i++) {
      const { status } = await server.post('query CardsPage { cards(first: 2) { edges { node { iin } } } }', undefined, token);
      expect(status).toBe(200);
    }
    // Three anonymous requests: the third is over the limit of 2.
    for (let i = 0; i < 3; i++) await fetch(`${server.base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });

    const response = await fetch(metricsUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(sample(text, 'api_request_duration_seconds_count', { route: '/graphql', operation: 'CardsPage', outcome: 'ok' })).toBe(3);
    expect(sample(text, 'api_request_duration_seconds_count', { route: '/graphql', outcome: 'UNAUTHENTICATED' })).toBe(2);
    expect(sample(text, 'api_refusals_total', { code: 'RATE_LIMITED' })).toBe(1);
    expect(sample(text, 'api_request_sql_statements_count', { operation: 'CardsPage' })).toBe(3);
    expect(sample(text, 'api_request_sql_statements_sum', { operation: 'CardsPage' })).toBeGreaterThanOrEqual(3);
    expect(sample(text, 'api_read_audit_write_seconds_count', { outcome: 'ok' })).toBe(3);
    expect(text).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect(text).toMatch(/^nodejs_heap_size_used_bytes \d/m);
    if (db) expect(sample(text, 'api_database_pool_connections', { state: 'total' })).toBeGreaterThan(0);
  });
});

describe('the metrics server', () => {
  it('answers only the addresses METRICS_ALLOW names, only at /metrics, only to GET', async () => {
    const port = await freePort();
    const closed = await serveMetrics({ port, host: '127.0.0.1', allow: '10.0.0.0/8' });
    const open = await serveMetrics({ port: 0, host: '127.0.0.1', allow: 'loopback' });
    try {
      expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(403);
      const openBase = `http://127.0.0.1:${(open.address() as AddressInfo).port}`;
      expect((await fetch(`${openBase}/metrics`)).status).toBe(200);
      expect((await fetch(`${openBase}/other`)).status).toBe(404);
      expect((await fetch(`${openBase}/metrics`, { method: 'POST' })).status).toBe(405);
    } finally {
      closed.close();
      open.close();
    }
  });
});

describe('operation names', () => {
  it('are counted under their own label up to a bound, then as "other": a client cannot grow the metrics without end', () => {
    expect(operationLabel(null)).toBe('anonymous');
    expect(operationLabel('not a name!')).toBe('other');
    const labels = Array.from({ length: 300 }, (_, i) => operationLabel(`Operation${i}`));
    expect(new Set(labels).size).toBeLessThanOrEqual(201);
    expect(labels.at(-1)).toBe('other');
    expect(operationLabel('Operation0')).toBe('Operation0');
  });
});
