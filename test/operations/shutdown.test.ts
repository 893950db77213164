import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { openOrm } from '../../src/db/orm.ts';
import { Card } from '../../src/modules/card/card.entity.ts';
import { ENTITIES } from '../../src/modules/entities.ts';
import { aCareerCenter, nextIin } from '../support/builders.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { registryPerson, startRegistryServer, type RegistryServer } from '../support/registry-server.ts';
import { startServerProcess, until, type ServerProcess } from '../support/server-process.ts';

// Tests here start the API in a process of its own (migrations, demo data): seconds on an idle
// machine, several times that on a busy one. The limit is against hangs, not a speed check.
jest.setTimeout(180_000);

// SIGTERM (an orchestrator) or SIGINT (Ctrl-C) stops the API without losing what it was doing: it
// stops accepting, lets the requests in flight finish and answer, closes Redis and the database,
// and exits 0; past SHUTDOWN_TIMEOUT_MS the rest is cut and the exit is 1. Found as: SIGTERM while
// a mutation waited gave the client an empty reply and committed nothing; an idle server exited
// with status 143 before the database was closed.
//
// The mutation is held by the person registry (Rule 2), which `cardOpen` asks before it writes:
// a registry that answers only when the test says holds a request in flight on either database.

const CENTER = 'CC-KZ-75-002';
const OPEN = `mutation($input: CardOpenInput!) { cardOpen(input: $input) { card { id iin } userErrors { code message } } }`;
const person = (iin: string) => registryPerson(iin, { surname: 'Бекова', givenName: 'Айгерім', birthDate: '1994-08-23', sex: 'FEMALE' });

let db: TestDatabase | null = null;
let registry: RegistryServer;
beforeAll(async () => {
  registry = await startRegistryServer();
  // On PostgreSQL the server gets a copy of the template with a career center; the embedded one
  // loads the demo data, which has it.
  if (process.env.DATABASE_URL) {
    db = await createTestDatabase();
    await aCareerCenter(db.orm.em.fork(), { code: CENTER });
  }
});
afterAll(async () => {
  await registry?.close();
  await db?.close();
});

async function start(env: Record<string, string> = {}): Promise<ServerProcess> {
  return startServerProcess({ PERSON_REGISTRY_URL: registry.url, PERSON_REGISTRY_TIMEOUT_MS: '120000', ...(db ? { DATABASE_URL: db.url! } : {}), ...env });
}

async function centerId(server: ServerProcess, token: string): Promise<string> {
  const { body } = await server.post('{ careerCenters { id code } }', undefined, token);
  return body.data.careerCenters.find((center: { code: string }) => center.code === CENTER).id;
}

/** Whether the card of `iin` was stored, once the server has ended (the embedded database is then free). */
async function stored(server: ServerProcess, iin: string): Promise<boolean> {
  const orm = db?.orm ?? (await openOrm({ embeddedDir: server.pgliteDir }, ENTITIES));
  try {
    return (await orm.em.fork().count(Card, { iin })) === 1;
  } finally {
    if (!db) await orm.close();
  }
}

const logged = (server: ServerProcess, message: string) => server.logLines().some((line) => line.msg === message);

describe('on SIGTERM', () => {
  it('an idle server closes what it opened and exits 0', async () => {
    const server = await start();
    try {
      const { code, signal } = await server.stop('SIGTERM');
      expect({ code, signal }).toEqual({ code: 0, signal: null });
      const messages = server.logLines().map((line) => line.msg);
      expect(messages.slice(-2)).toEqual(['stopping: finishing the work in hand', 'stopped']);
      // The database was closed: the embedded one is free for the next process.
      if (!db) expect(await stored(server, '000000000000')).toBe(false);
    } finally {
      server.cleanUp();
    }
  });

  it('a mutation in flight is answered and committed; new connections are refused meanwhile', async () => {
    const server = await start();
    try {
      const token = await server.token({ role: 'CASEWORKER', subject: 'caseworker-stop', careerCenter: CENTER });
      const careerCenter = await centerId(server, token);
      const iin = nextIin('1994-08-23', 'FEMALE');
      let answerRegistry!: () => void;
      registry.answer(iin, { json: person(iin), until: new Promise<void>((resolve) => (answerRegistry = resolve)) });

      const answer = server.post(OPEN, { input: { iin, appliedOn: '2026-03-02', careerCenter, fullName: { surname: 'Бекова', givenName: 'Айгерім' } } }, token);
      await until(() => registry.asked().includes(iin), 'the registry is asked');
      const stopped = server.stop('SIGTERM');
      await until(() => logged(server, 'stopping: finishing the work in hand'), 'the server is stopping');
      await expect(fetch(`${server.base}/healthz`)).rejects.toThrow();
      expect(server.child.exitCode).toBeNull();

      answerRegistry();
      const { status, body } = await answer;
      expect({ status, errors: body.errors, userErrors: body.data.cardOpen.userErrors, iin: body.data.cardOpen.card?.iin }).toEqual({ status: 200, errors: undefined, userErrors: [], iin });
      expect(await stopped).toEqual({ code: 0, signal: null });
      expect(await stored(server, iin)).toBe(true);
    } finally {
      server.cleanUp();
    }
  });

  it('past SHUTDOWN_TIMEOUT_MS cuts the request still in flight and exits 1, having written nothing of it', async () => {
    const server = await start({ SHUTDOWN_TIMEOUT_MS: '1000' });
    try {
      const token = await server.token({ role: 'CASEWORKER', subject: 'caseworker-stop', careerCenter: CENTER });
      const careerCenter = await centerId(server, token);
      const iin = nextIin('1994-08-23', 'FEMALE');
      registry.answer(iin, { json: person(iin), until: new Promise<void>(() => {}) });

      const answer = server.post(OPEN, { input: { iin, appliedOn: '2026-03-02', careerCenter, fullName: { surname: 'Бекова', givenName: 'Айгерім' } } }, token);
      await until(() => registry.asked().includes(iin), 'the registry is asked');
      const stopped = server.stop('SIGTERM');
      await expect(answer).rejects.toThrow();
      expect(await stopped).toEqual({ code: 1, signal: null });
      expect(server.logLines().map((line) => line.msg)).toContain('stopping: the deadline passed; cutting what is left');
      expect(await stored(server, iin)).toBe(false);
    } finally {
      server.cleanUp();
    }
  });
});

describe('on SIGINT (Ctrl-C)', () => {
  it('stops the same way', async () => {
    const server = await start();
    try {
      expect(await server.stop('SIGINT')).toEqual({ code: 0, signal: null });
      expect(server.logLines().find((line) => line.msg === 'stopping: finishing the work in hand')).toMatchObject({ signal: 'SIGINT' });
    } finally {
      server.cleanUp();
    }
  });
});

