import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { HttpPersonRegistry } from '../../src/modules/verification/http-registry.ts';
import { nextIin } from '../support/builders.ts';
import { registryPerson, startRegistryServer, type RegistryServer } from '../support/registry-server.ts';

// Rule 2 — the HTTP registry client against a real local server: every kind of registry trouble is
// an answer (unavailable: ask again later; invalid: a person must look), never an exception.

let server: RegistryServer;
let registry: HttpPersonRegistry;
/** Gives up after TIMEOUT_MS, for the tests of giving up. */
let hasty: HttpPersonRegistry;
// A local answer can take over 200 ms on a busy machine: the tests that expect an answer wait 5 s.
const PATIENT_MS = 5000;
const TIMEOUT_MS = 200;

beforeAll(async () => {
  server = await startRegistryServer();
  // A trailing slash in the configured URL is fine.
  registry = new HttpPersonRegistry({ baseUrl: `${server.url}/`, timeoutMs: PATIENT_MS });
  hasty = new HttpPersonRegistry({ baseUrl: server.url, timeoutMs: TIMEOUT_MS });
});
afterAll(() => server.close());

const woman = (iin: string, data: object = {}) =>
  registryPerson(iin, { surname: 'Бекова', givenName: 'Айгерім', patronymic: 'Ерланқызы', birthDate: '1994-08-23', sex: 'FEMALE', nationality: 'қазақ', ...data });

/** A woman born 1994-08-23 whom the registry answers `json` (or `plan`) about. */
function known(plan: Parameters<RegistryServer['answer']>[1] | ((iin: string) => object)): string {
  const iin = nextIin('1994-08-23', 'FEMALE');
  server.answer(iin, typeof plan === 'function' ? { json: plan(iin) } : plan);
  return iin;
}

describe('HttpPersonRegistry.lookup', () => {
  it('asks GET {base}/persons/{iin} for JSON and returns the person, text tidied', async () => {
    const iin = known((iin) => woman(iin, { surname: '  Бекова ', patronymic: '' }));
    const before = server.requests.length;
    const answer = await registry.lookup(iin);
    expect(server.requests.slice(before)).toEqual([{ method: 'GET', path: `/registry/persons/${iin}`, accept: 'application/json' }]);
    expect(answer).toEqual({
      kind: 'found',
      person: {
        iin, surname: 'Бекова', givenName: 'Айгерім', patronymic: null, birthDate: '1994-08-23', sex: 'FEMALE',
        citizenship: 'KZ', nationality: 'қазақ', address: null, addressProblem: null,
      },
    });
  });

  it('stores decomposed letters composed (NFC)', async () => {
    const decomposed = 'Беи\u0306сенов'; // й as и + combining breve
    const iin = known((iin) => woman(iin, { surname: decomposed }));
    const answer = await registry.lookup(iin);
    expect(answer.kind === 'found' && answer.person.surname).toBe('Бейсенов');
  });

  it('takes a stateless person (citizenship null)', async () => {
    const iin = known((iin) => woman(iin, { citizenship: null }));
    expect(await registry.lookup(iin)).toMatchObject({ kind: 'found', person: { citizenship: null } });
  });

  it('reads 404 as not found', async () => {
    expect(await registry.lookup(nextIin())).toEqual({ kind: 'notFound' });
  });

  it.each([500, 502, 503, 429])('reads HTTP %i as unavailable', async (status) => {
    const iin = known({ status, json: { error: 'busy' } });
    expect(await registry.lookup(iin)).toEqual({ kind: 'unavailable', reason: `the person registry answered HTTP ${status}` });
  });

  it.each([400, 401, 403, 204])('reads HTTP %i as invalid', async (status) => {
    const iin = known({ status, body: status === 204 ? '' : '{}' });
    expect(await registry.lookup(iin)).toEqual({ kind: 'invalid', reason: `the person registry answered HTTP ${status}` });
  });

  it('reads malformed JSON as invalid', async () => {
    const iin = known({ body: '{"iin": "' });
    expect(await registry.lookup(iin)).toEqual({ kind: 'invalid', reason: 'the person registry answered malformed JSON' });
  });

  it.each([
    ['not an object', () => [1, 2], 'the answer is not a person record'],
    ['null', () => null, 'the answer is not a person record'],
    ['no surname', (iin: string) => woman(iin, { surname: undefined }), '`surname` is missing or empty'],
    ['a blank given name', (iin: string) => woman(iin, { givenName: '   ' }), '`givenName` is missing or empty'],
    ['a number as nationality', (iin: string) => woman(iin, { nationality: 7 }), '`nationality` is not text'],
    ['an over-long surname', (iin: string) => woman(iin, { surname: 'А'.repeat(256) }), '`surname` is longer than 255 characters (256)'],
    ['a NUL byte in a given name', (iin: string) => woman(iin, { givenName: 'Ай\u0000гүл' }), '`givenName` holds a control character or a line break'],
    ['a right-to-left override in a surname', (iin: string) => woman(iin, { surname: 'Бек\u202eова' }), '`surname` holds a bidirectional override or isolate'],
    ['an unknown country', (iin: string) => woman(iin, { citizenship: 'XX' }), '`citizenship` is not an ISO 3166-1 alpha-2 country code'],
    ['a lower-case country', (iin: string) => woman(iin, { citizenship: 'kz' }), '`citizenship` is not an ISO 3166-1 alpha-2 country code'],
    ['no birth date', (iin: string) => woman(iin, { birthDate: undefined }), '`birthDate` is missing or not a date'],
    ['an unknown sex', (iin: string) => woman(iin, { sex: 'F' }), '`sex` is not MALE or FEMALE'],
    ['no IIN', (iin: string) => woman(iin, { iin: undefined }), 'the answer has no IIN'],
  ])('reads a record with %s as invalid', async (_, record, reason) => {
    const iin = known((iin) => record(iin) as object);
    expect(await registry.lookup(iin)).toEqual({ kind: 'invalid', reason });
  });

  it('reads an answer about another IIN as invalid', async () => {
    const other = nextIin('1994-08-23', 'FEMALE');
    const iin = known(() => woman(other));
    expect(await registry.lookup(iin)).toEqual({ kind: 'invalid', reason: 'the answer is about another IIN' });
  });

  it('reads a birth date or sex that contradicts the IIN as invalid', async () => {
    const born = known((iin) => woman(iin, { birthDate: '1994-08-24' }));
    expect(await registry.lookup(born)).toEqual({ kind: 'invalid', reason: 'the birth date 1994-08-24 contradicts the IIN (1994-08-23)' });
    const sex = known((iin) => woman(iin, { sex: 'MALE' }));
    expect(await registry.lookup(sex)).toEqual({ kind: 'invalid', reason: 'the sex MALE contradicts the IIN (FEMALE)' });
  });

  it('gives up after the timeout: unavailable, well before the late answer', async () => {
    const iin = known({ json: {}, delayMs: 5000 });
    const started = performance.now();
    expect(await hasty.lookup(iin)).toEqual({ kind: 'unavailable', reason: `the person registry did not answer within ${TIMEOUT_MS} ms` });
    expect(performance.now() - started).toBeLessThan(4000);
  });

  it('counts the body in the timeout: headers at once, then a stall, is unavailable too', async () => {
    const iin = nextIin('1994-08-23', 'FEMALE');
    server.answer(iin, { json: woman(iin), delayMs: 2000, stallBody: true });
    expect(await hasty.lookup(iin)).toEqual({ kind: 'unavailable', reason: `the person registry did not answer within ${TIMEOUT_MS} ms` });
  });

  it('reads a refused connection as unavailable', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const nobody = new HttpPersonRegistry({ baseUrl: `http://127.0.0.1:${port}`, timeoutMs: TIMEOUT_MS });
    expect(await nobody.lookup(nextIin())).toEqual({ kind: 'unavailable', reason: 'the person registry refused the connection' });
  });
});

describe('HttpPersonRegistry configuration', () => {
  it('is named by host and path, never by credentials or query', () => {
    const named = new HttpPersonRegistry({ baseUrl: 'https://user:secret@gbd.example.kz/api/v1/?key=1' });
    expect(named.name).toBe('gbd.example.kz/api/v1');
    expect(named.timeoutMs).toBe(3000);
  });

  it('refuses a URL that is not http(s)', () => {
    expect(() => new HttpPersonRegistry({ baseUrl: 'ftp://gbd.example.kz' })).toThrow('http(s)');
    expect(() => new HttpPersonRegistry({ baseUrl: 'not a url' })).toThrow();
  });
});
