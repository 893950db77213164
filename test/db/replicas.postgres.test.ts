import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { toGlobalId } from '../../src/api/relay.ts';
import { randomBytes } from 'node:crypto';
import { openOrm, type Orm } from '../../src/db/orm.ts';
import { redisMarks } from '../../src/db/read-your-writes.ts';
import { openRedis } from '../../src/db/redis.ts';
import { replicasOf, withRoute, type ReadReplicas } from '../../src/db/replicas.ts';
import { ENTITIES } from '../../src/modules/entities.ts';
import { aCard, aCareerCenter, nextIin } from '../support/builders.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { counted, growth } from '../support/metrics.ts';
import { startServer, type Caller } from '../support/served-api.ts';
import { withDatabase } from '../support/template.ts';

// Reads on a real streaming replica (.ci/replica makes one of the local server on port 5433; .ci/run
// sets DATABASE_REPLICA_URL before the PostgreSQL pass). The suite's database is made on the
// primary; physical replication brings it to the replica. Which server answered is seen from the
// outside by what it answers: with the replica's replay paused, a card written on the primary
// since is missing from a replica's answer and present in the primary's.

const REPLICA_URL = process.env.DATABASE_REPLICA_URL;
if (!REPLICA_URL) {
  throw new Error('DATABASE_REPLICA_URL is not set: the read-replica tests need a streaming replica of DATABASE_URL\'s server. Run .ci/replica (it prints the URL) and set DATABASE_REPLICA_URL, as .ci/run does.');
}
if (!process.env.REDIS_URL) {
  throw new Error('REDIS_URL is not set: the read-replica tests try read-your-writes across two API processes sharing Redis, as .ci/run runs the PostgreSQL pass.');
}
const CI_REPLICA = fileURLToPath(new URL('../../.ci/replica', import.meta.url));
const run = promisify(execFile);

const MAX_LAG_SECONDS = 5;
const CENTER = 'CC-REPLICA';
const writer: Caller = { role: 'CASEWORKER', subject: 'writer', careerCenter: CENTER };
const reader: Caller = { role: 'CASEWORKER', subject: 'reader', careerCenter: CENTER };
const COUNT = '{ cards(first: 1) { totalCount } }';
const OPEN = 'mutation($input: CardOpenInput!) { cardOpen(input: $input) { card { id } userErrors { code } } }';

let db: TestDatabase;
let replicaAdminUrl: string;
/**
 * Three API processes' worth, each its own ORM (pools, replica checks) and server, one Redis. The
 * third checks its replica only when told (`check()`): its view of the replica is as old as the
 * test makes it.
 */
const orms: Orm[] = [];
const servers: Awaited<ReturnType<typeof startServer>>[] = [];
let centerId: string;
let center: Awaited<ReturnType<typeof aCareerCenter>>;

/** Polls `attempt` until `done` says so, at most `ms`. */
async function until<T>(attempt: () => Promise<T>, done: (result: T) => boolean, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const result = await attempt();
    if (done(result)) return result;
    if (Date.now() > deadline) throw new Error(`not done within ${ms} ms; last: ${JSON.stringify(result, (_, v) => (typeof v === 'bigint' ? String(v) : v))}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const replicas = (i = 0): ReadReplicas => replicasOf(orms[i]!)!;
const count = async (caller: Caller, server = 0) => {
  const answer = await servers[server]!.post(COUNT, {}, caller);
  expect(answer.body.errors).toBeUndefined();
  return answer.body.data.cards.totalCount as number;
};
/** The primary's count of the center's cards. */
const primaryCount = async () => Number((await db.orm.em.getConnection().execute<{ n: string }[]>('select count(*) as n from card where career_center_id = ?', [center.id]))[0]!.n);
/** Until every server has the replica in rotation, with all the primary had written before now replayed. */
const caughtUp = async () => {
  const now = await replicas(0).primaryPosition();
  await until(async () => {
    await Promise.all(orms.map((_, i) => replicas(i).check()));
    return orms.every((_, i) => replicas(i).pick(now) !== null);
  }, Boolean, 60_000);
};
/** Runs one statement on the replica's `postgres` database, on a connection of its own (the replica is stopped and started on the way). */
async function onReplica<T = unknown>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: replicaAdminUrl });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}
const pause = () => onReplica('select pg_wal_replay_pause()');
const resume = () => onReplica('select pg_wal_replay_resume()');

beforeAll(async () => {
  db = await createTestDatabase();
  center = await aCareerCenter(db.orm.em.fork(), { code: CENTER });
  centerId = toGlobalId('CareerCenter', center.id);
  await aCard().save(db.orm.em.fork(), center);
  const name = new URL(db.url!).pathname.slice(1);
  const replicaUrl = withDatabase(REPLICA_URL, name);
  replicaAdminUrl = withDatabase(REPLICA_URL, 'postgres');
  // The suite's database reaches the replica once the WAL that made it is replayed.
  await until(async () => (await onReplica<{ n: number }>('select count(*)::int as n from pg_database where datname = $1', [name]))[0]!.n, (n) => n === 1, 60_000);
  for (const checkMs of [100, 100, 60_000]) {
    orms.push(await openOrm({ url: db.url!, embeddedDir: '', replicas: { urls: [replicaUrl], maxLagSeconds: MAX_LAG_SECONDS, checkMs } }, ENTITIES));
    servers.push(await startServer(orms.at(-1)!));
  }
  await caughtUp();
}, 180_000);
afterAll(async () => {
  await resume().catch(() => undefined);
  for (const server of servers) await server.stop();
  for (const orm of orms) await orm.close();
  await db?.close();
});

describe('where statements go', () => {
  it('reads of a request given a replica go to it; its writes, and everything outside such a request, to the primary', async () => {
    const em = orms[0]!.em.fork();
    const recovering = (type: 'read' | 'write') => em.execute<{ standby: boolean }[]>('select pg_is_in_recovery() as standby', [], { connectionType: type }).then(([row]) => row!.standby);
    expect(await recovering('read')).toBe(false);
    await withRoute(async () => {
      replicas().routeReads(null);
      expect({ read: await recovering('read'), write: await recovering('write'), connection: await orms[0]!.em.getConnection().execute('select pg_is_in_recovery() as standby').then(([row]) => row.standby) })
        .toEqual({ read: true, write: false, connection: false });
    });
  });

  it('a GraphQL query reads from the replica: a card written on the primary since replay was paused is not in its answer', async () => {
    await caughtUp();
    const before = await count(reader);
    await pause();
    try {
      await aCard().save(db.orm.em.fork(), center);
      expect(await primaryCount()).toBe(before + 1);
      expect(await count(reader)).toBe(before);
    } finally {
      await resume();
    }
    // Replayed, the replica answers it too.
    await until(() => count(reader), (n) => n === before + 1);
  });

  it('the statistics export reads from a replica too', async () => {
    await caughtUp();
    const routed = await counted('api_replica_reads_total');
    const response = await servers[0]!.get('/export/statistics.csv?table=registrations&from=2015-01-01&to=2026-11-29&groupBy=REGION');
    expect(response.status).toBe(200);
    expect(growth(routed, await counted('api_replica_reads_total'))).toEqual({ replica: 1 });
  });
});

describe('read-your-writes', () => {
  it('the caller who changed a card reads it back at once, from any API process, while the replica lags; others read the replica', async () => {
    await caughtUp();
    const before = await count(reader);
    await pause();
    try {
      // A write on the replica would fail (it is read-only): the mutation ran on the primary.
      const opened = await servers[0]!.post(OPEN, { input: { iin: nextIin(), appliedOn: '2026-11-02', careerCenter: centerId, fullName: { surname: 'Омаров', givenName: 'Ерлан' } } }, writer);
      expect(opened.body.errors).toBeUndefined();
      expect(opened.body.data.cardOpen.userErrors).toEqual([]);
      expect({ own: await count(writer, 0), ownElsewhere: await count(writer, 1), other: await count(reader, 0), otherElsewhere: await count(reader, 1) })
        .toEqual({ own: before + 1, ownElsewhere: before + 1, other: before, otherElsewhere: before });
    } finally {
      await resume();
    }
    // Once the replica has replayed the change, the writer reads from it again.
    await caughtUp();
    const routed = await counted('api_replica_reads_total');
    expect(await count(writer)).toBe(before + 1);
    expect(growth(routed, await counted('api_replica_reads_total'))).toEqual({ replica: 1 });
  }, 60_000);
});

describe('a replica that lags or is down', () => {
  it(`a replica more than ${MAX_LAG_SECONDS} s behind takes no reads: everybody reads the primary until it has caught up`, async () => {
    await caughtUp();
    const before = await count(reader);
    await pause();
    try {
      await aCard().save(db.orm.em.fork(), center);
      // Stale only until the replica is found too far behind, then the primary's answer.
      await until(() => count(reader), (n) => n === before + 1, 30_000);
      const routed = await counted('api_replica_reads_total');
      await count(reader);
      expect(growth(routed, await counted('api_replica_reads_total'))).toEqual({ 'primary (no replica in rotation)': 1 });
    } finally {
      await resume();
    }
    await caughtUp();
    const routed = await counted('api_replica_reads_total');
    expect(await count(reader)).toBe(before + 1);
    expect(growth(routed, await counted('api_replica_reads_total'))).toEqual({ replica: 1 });
  }, 60_000);

  it('reads do not fail while the replica is down: the primary answers them, and the replica takes reads again once it is back', async () => {
    await caughtUp();
    const expected = await primaryCount();
    const fallbacks = await counted('api_replica_fallbacks_total');
    await run(CI_REPLICA, ['stop']);
    try {
      // Straight after the stop, before any check has noticed: the reads given the replica fail over.
      // The third server has not checked since: its reads are given the replica, fail there, and
      // are answered by the primary.
      const answers = await Promise.all([count(reader, 2), count(writer, 2), count(reader, 0), count(reader, 1)]);
      expect(answers).toEqual([expected, expected, expected, expected]);
      expect(Object.values(growth(fallbacks, await counted('api_replica_fallbacks_total')))[0]).toBeGreaterThan(0);
      // Once checked, the replica is out of rotation: reads go to the primary without trying it.
      await Promise.all(orms.map((_, i) => replicas(i).check()));
      expect(orms.map((_, i) => replicas(i).pick(null))).toEqual([null, null, null]);
      const routed = await counted('api_replica_reads_total');
      expect(await count(reader)).toBe(expected);
      expect(growth(routed, await counted('api_replica_reads_total'))).toEqual({ 'primary (no replica in rotation)': 1 });
    } finally {
      await run(CI_REPLICA, [], { timeout: 120_000 });
    }
    await caughtUp();
    const routed = await counted('api_replica_reads_total');
    expect(await count(reader)).toBe(expected);
    expect(growth(routed, await counted('api_replica_reads_total'))).toEqual({ replica: 1 });
  }, 150_000);
});

describe('read-your-writes marks shared through Redis', () => {
  it('reach every process: those subscribed as they are published, a new one from the keys; a mark is never lowered', async () => {
    const redis = await openRedis(process.env.REDIS_URL!);
    const prefix = `test-ryw-${randomBytes(4).toString('hex')}:`;
    const opened: Awaited<ReturnType<typeof redisMarks>>[] = [];
    const marks = async () => {
      opened.push(await redisMarks(redis, prefix, 60_000));
      return opened.at(-1)!;
    };
    try {
      const [writer, listening] = [await marks(), await marks()];
      await writer.note('writer', 5n);
      await until(async () => listening.positionOf('writer'), (position) => position === 5n);
      await writer.note('writer', 3n); // an earlier change noted late
      const later = await marks();
      expect({ later: later.positionOf('writer'), other: later.positionOf('other') }).toEqual({ later: 5n, other: null });
      await later.close();
      expect(later.positionOf('writer')).toBeUndefined(); // not subscribed: unknown, read from the primary
    } finally {
      for (const one of opened) await one.close();
      for await (const keys of redis.scanIterator({ MATCH: `${prefix}*` })) if (keys.length) await redis.del(keys);
      await redis.close();
    }
  });
});
