import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { errorFields, scrubbed } from '../../src/runtime/log.ts';
import { aCareerCenter, aCard } from '../support/builders.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { startServerProcess, until, type LogLine, type ServerProcess } from '../support/server-process.ts';

// Tests here start the API in a process of its own (migrations, demo data): seconds on an idle
// machine, several times that on a busy one. The limit is against hangs, not a speed check.
jest.setTimeout(180_000);

// One JSON line per request — request id, caller's role and subject, operation, duration, SQL
// count, status, error code — and never personal data or a token in any line. Found as: no request
// id, no access log, 16 plain console calls and multi-line stacks.

const CENTER = 'CC-KZ-75-002';
const BY_IIN = 'query CardByIin($iin: IIN!) { cardByIin(iin: $iin) { id iin fullName { surname } } }';

let db: TestDatabase | null = null;
let server: ServerProcess;
let iin: string;
const tokens: string[] = [];
beforeAll(async () => {
  if (process.env.DATABASE_URL) {
    db = await createTestDatabase();
    const em = db.orm.em.fork();
    await aCard().save(em, await aCareerCenter(em, { code: CENTER }));
  }
  server = await startServerProcess(db ? { DATABASE_URL: db.url! } : {});
  const caseworker = await server.token({ role: 'CASEWORKER', subject: 'caseworker-logs', careerCenter: CENTER });
  tokens.push(caseworker);
  const { body } = await server.post('{ cards(first: 1) { edges { node { iin } } } }', undefined, caseworker);
  iin = body.data.cards.edges[0].node.iin;
});
afterAll(async () => {
  await server?.stop();
  server?.cleanUp();
  await db?.close();
});

const lineOf = (requestId: string): LogLine[] => server.logLines().filter((line) => line.requestId === requestId);

describe('a request', () => {
  it('gets the request id it sent back, and one log line that says what it did', async () => {
    const token = tokens[0]!;
    const answer = await server.post(BY_IIN, { iin }, token, { 'x-request-id': 'logs-by-iin-1' });
    expect(answer.headers.get('x-request-id')).toBe('logs-by-iin-1');
    expect(answer.body.data.cardByIin.iin).toBe(iin);
    await until(() => lineOf('logs-by-iin-1').length > 0, 'the line is written');
    expect(lineOf('logs-by-iin-1')).toEqual([expect.objectContaining({
      level: 'info', msg: 'request', requestId: 'logs-by-iin-1', method: 'POST', route: '/graphql', status: 200,
      role: 'CASEWORKER', subject: 'caseworker-logs', operation: 'CardByIin', sqlStatements: expect.any(Number), durationMs: expect.any(Number),
    })]);
    expect(lineOf('logs-by-iin-1')[0]!.sqlStatements).toBeGreaterThan(0);
  });

  it('without an id of its own gets one made, and a refusal is logged with its code', async () => {
    const response = await fetch(`${server.base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
    const id = response.headers.get('x-request-id')!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await until(() => lineOf(id).length > 0, 'the line is written');
    expect(lineOf(id)).toEqual([expect.objectContaining({ status: 401, errorCode: 'UNAUTHENTICATED', route: '/graphql' })]);
  });

  it('an id that is not a plain token is replaced', async () => {
    const answer = await server.post('{ __typename }', undefined, tokens[0]!, { 'x-request-id': 'two words\u00e9' });
    expect(answer.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('the log', () => {
  it('holds no IIN and no token, whatever the requests carried', async () => {
    const citizen = await server.token({ role: 'CITIZEN', subject: iin });
    tokens.push(citizen);
    // The citizen reads their own card: their subject is their IIN.
    const own = await server.post(BY_IIN, { iin }, citizen, { 'x-request-id': 'logs-citizen' });
    expect(own.body.data.cardByIin.iin).toBe(iin);
    // The IIN in a GET's query string, and written into the document itself.
    const query = encodeURIComponent(BY_IIN);
    const get = await fetch(`${server.base}/graphql?query=${query}&variables=${encodeURIComponent(JSON.stringify({ iin }))}`, {
      headers: { authorization: `Bearer ${tokens[0]}`, 'apollo-require-preflight': 'true' },
    });
    expect(get.status).toBe(200);
    await server.post(`{ cardByIin(iin: "${iin}") { id } }`, undefined, tokens[0]!);
    // A token that is refused, and one that is not a token at all.
    await server.post('{ __typename }', undefined, `${tokens[0]}x`);
    await server.post('{ __typename }', undefined, `${iin}.${iin}.${iin}`);
    await until(() => lineOf('logs-citizen').length > 0, 'the citizen line is written');
    expect(lineOf('logs-citizen')).toEqual([expect.objectContaining({ role: 'CITIZEN', operation: 'CardByIin', status: 200 })]);
    expect(lineOf('logs-citizen')[0]).not.toHaveProperty('subject');

    const everything = server.stdout() + server.stderr();
    expect(everything).not.toContain(iin);
    for (const token of tokens) {
      expect(everything).not.toContain(token);
      expect(everything).not.toContain(token.split('.')[2]);
    }
    // No header is logged (the start-up hint names the header, not a value).
    expect(everything).not.toMatch(/"authorization"|Bearer ey/i);
  });

  it('is JSON, one object per line', () => {
    const lines = server.stdout().trim().split('\n');
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
  });
});

describe('an error in the log', () => {
  it('keeps its kind, code and stack in one field each, and blanks what could quote a card', () => {
    const driver = Object.assign(new Error(`insert into "card" ("iin", "surname", "email", "phone") values ('870314300017', 'Бекова', 'a@b.kz', '+77011234567') - duplicate key`), { code: '23505', detail: 'Key (iin)=(870314300017) already exists.' });
    const fields = errorFields(new Error('could not open the card', { cause: driver }));
    expect(fields).toMatchObject({ type: 'Error', message: 'could not open the card', stack: expect.stringContaining('could not open the card\n    at '), cause: { code: '23505' } });
    const text = JSON.stringify(fields);
    for (const secret of ['870314300017', 'Бекова', 'a@b.kz', '+77011234567', 'already exists']) expect(text).not.toContain(secret);
    expect(scrubbed('call +7 (701) 123-45-67 or 8 701 123 4567')).toBe('call [phone] or [phone]');
  });
});
