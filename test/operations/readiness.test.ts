import { once } from 'node:events';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ConnectionException, DriverException } from '@mikro-orm/core';
import { isDatabaseUnavailable } from '../../src/db/availability.ts';
import { openOrm } from '../../src/db/orm.ts';
import { readinessCheck, type Readiness } from '../../src/http/readiness.ts';
import { ENTITIES } from '../../src/modules/entities.ts';
import { startServer } from '../support/served-api.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

// Liveness and readiness: /healthz answers while the process lives; /readyz says whether requests
// can be served (database reachable, migrations applied, Redis reachable when configured). When the
// database goes away, requests are answered 503 DATABASE_UNAVAILABLE with Retry-After, and the API
// serves again as soon as the database is back, without a restart (readiness.postgres.test.ts). Found as: /healthz answered 200
// while the database refused connections, and GraphQL answered HTTP 200 INTERNAL_SERVER_ERROR.

let db: TestDatabase;
let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  db = await createTestDatabase();
  server = await startServer(db.orm);
});
afterAll(async () => {
  await server?.stop();
  await db?.close();
});

const readyz = async () => {
  const response = await fetch(`${server.base}/readyz`);
  return { status: response.status, body: await response.json() as Readiness };
};

describe('/healthz', () => {
  it('answers 200 while the process runs', async () => {
    const response = await fetch(`${server.base}/healthz`);
    expect({ status: response.status, body: await response.json() }).toEqual({ status: 200, body: { status: 'ok' } });
  });
});

describe('/readyz', () => {
  it('answers 200 with every check passed when the database is reachable and migrated', async () => {
    const redis = process.env.REDIS_URL ? { redis: { ok: true } } : {};
    expect(await readyz()).toEqual({ status: 200, body: { status: 'ready', checks: { database: { ok: true }, migrations: { ok: true }, ...redis } } });
  });

  // A second database and server, and the migrator importing every migration file under jest's
  // transform: on a busy 2-core machine that took over 30 s once (CI), so it has a limit of its own.
  it('answers 503 while a migration is pending', async () => {
    const behind = await createTestDatabase();
    try {
      await behind.orm.em.getConnection().execute('delete from mikro_orm_migrations where id = (select max(id) from mikro_orm_migrations)');
      const stale = await startServer(behind.orm);
      try {
        const response = await fetch(`${stale.base}/readyz`);
        expect({ status: response.status, body: await response.json() }).toMatchObject({
          status: 503, body: { status: 'unavailable', checks: { database: { ok: true }, migrations: { ok: false, pending: 1 } } },
        });
      } finally {
        await stale.stop();
      }
    } finally {
      await behind.close();
    }
  }, 120_000);
});

describe('the readiness check', () => {
  it('fails as "timed out" within its limit when the database never answers', async () => {
    // A server that accepts connections and never says a word.
    const sockets: Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket)).listen(0, '127.0.0.1');
    await once(silent, 'listening');
    const orm = await openOrm({ url: `postgres://nobody@127.0.0.1:${(silent.address() as AddressInfo).port}/cards`, embeddedDir: '' }, ENTITIES);
    try {
      const started = Date.now();
      expect(await readinessCheck(orm, null, 300)()).toEqual({
        status: 'unavailable', checks: { database: { ok: false, reason: 'timed out' }, migrations: { ok: false, reason: 'timed out' } },
      });
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
      await orm.close(true);
    }
  });
});

describe('a database error', () => {
  it('is told a connection failure, however the ORM wrapped it', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const terminated = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
    expect(isDatabaseUnavailable(new DriverException(terminated))).toBe(true);
    expect(isDatabaseUnavailable(new ConnectionException(new Error('lost')))).toBe(true);
    expect(isDatabaseUnavailable(new Error('query failed', { cause: new AggregateError([refused]) }))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('protocol violation'), { code: '08P01' }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(isDatabaseUnavailable(new Error('a bug'))).toBe(false);
  });
});
