import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { startRegistryServer, type RegistryServer } from '../support/registry-server.ts';
import { startServerProcess, until, type ServerProcess } from '../support/server-process.ts';
import { freePort } from '../support/ports.ts';

// `npm start` runs the jobs in its own process by default (JOBS=in-process): on the embedded
// database the scheduled re-check runs in the API over its demo cards, and /metrics counts it.
// (On PostgreSQL, a job in hand at SIGTERM: in-process.postgres.test.ts.)

jest.setTimeout(180_000);

let registry: RegistryServer;
let server: ServerProcess | null = null;

beforeAll(async () => {
  registry = await startRegistryServer();
});
afterAll(async () => {
  if (server) {
    await server.stop('SIGKILL');
    server.cleanUp();
  }
  await registry.close();
});


const metricsText = async (port: number) => (await fetch(`http://127.0.0.1:${port}/metrics`)).text();

describe('jobs inside npm start on the embedded database', () => {
  it('run the scheduled identity re-check in the API on the embedded database, counted in /metrics', async () => {
    const port = await freePort();
    server = await startServerProcess({ PERSON_REGISTRY_URL: registry.url, IDENTITY_RECHECK_SCHEDULE: '* * * * *', METRICS_PORT: String(port) });
    const log = server.logLines();
    expect(log.find((line) => line.url)).toMatchObject({ jobs: 'in this process' });
    expect(log.find((line) => line.msg === 'job scheduled: identity.recheck')).toMatchObject({ cron: '* * * * *', timeZone: 'Asia/Almaty' });
    // The demo cards' people are unknown to this registry: each is asked about, and marked so.
    await until(() => server!.logLines().some((line) => line.msg === 'job completed: identity.recheck'), 'the scheduled re-check completed', 150_000);
    expect(new Set(registry.asked()).size).toBeGreaterThanOrEqual(300);
    expect(server.logLines().find((line) => line.msg === 'identity re-check done')).toMatchObject({ checked: expect.any(Number), failed: expect.any(Number) });
    const text = await metricsText(port);
    expect(text).toMatch(/^api_jobs_total\{queue="identity\.recheck",outcome="completed"\} [1-9]/m);
    expect(text).toMatch(/^api_jobs\{queue="identity\.recheck",state="dead"\} 0$/m);
    expect(text).toMatch(/^api_job_duration_seconds_count\{queue="identity\.recheck",outcome="completed"\} [1-9]/m);
    expect(await server.stop('SIGTERM')).toEqual({ code: 0, signal: null });
  });

});
