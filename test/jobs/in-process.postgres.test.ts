import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { aCard } from '../support/builders.ts';
import { runCommand } from '../support/command.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { registryPerson, startRegistryServer, type RegistryServer } from '../support/registry-server.ts';
import { startServerProcess, until, type ServerProcess } from '../support/server-process.ts';

// `npm start` on PostgreSQL runs the jobs in its process (JOBS=in-process): a job in hand when
// SIGTERM comes is given back (to be retried) within SHUTDOWN_TIMEOUT_MS, the exit is 0, and the
// job is not lost.

jest.setTimeout(180_000);

let registry: RegistryServer;
let db: TestDatabase | null = null;
let server: ServerProcess | null = null;

beforeAll(async () => {
  registry = await startRegistryServer();
  db = await createTestDatabase();
});
afterAll(async () => {
  if (server) {
    await server.stop('SIGKILL');
    server.cleanUp();
  }
  await db?.close();
  await registry.close();
});

describe('jobs inside npm start on PostgreSQL', () => {
  it('give back a job in hand on SIGTERM within SHUTDOWN_TIMEOUT_MS, and exit 0', async () => {
    const card = await aCard().save(db!.orm.em.fork());
    let answer!: () => void;
    registry.answer(card.iin, {
      json: registryPerson(card.iin, { surname: card.fullName.surname, givenName: card.fullName.givenName, patronymic: card.fullName.patronymic, birthDate: card.birthDate, sex: card.sex }),
      until: new Promise<void>((resolve) => (answer = resolve)),
    });
    const env = { DATABASE_URL: db!.url!, IDENTITY_RECHECK_SCHEDULE: 'off', REDIS_URL: '' };
    server = await startServerProcess({ ...env, PERSON_REGISTRY_URL: registry.url, PERSON_REGISTRY_TIMEOUT_MS: '120000', SHUTDOWN_TIMEOUT_MS: '5000' });
    expect((await runCommand('cli/jobs.ts', ['send', 'identity.recheck'], env)).code).toBe(0);
    await until(() => registry.asked().includes(card.iin), 'the re-check asked the registry', 120_000);

    expect(await server.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    answer();
    // The lookup outlived the runner's share of the deadline: the job was handed back, not finished.
    expect(server.logLines().map((line) => line.msg)).not.toContain('job completed: identity.recheck');
    // Given back: waiting to run again, not lost, not done, and not counted as a failed attempt.
    const jobs = await db!.orm.em.getConnection().execute(`select state, retry_count from pgboss.job where name = 'identity.recheck'`);
    expect(jobs).toEqual([{ state: 'retry', retry_count: 0 }]);
  });
});
