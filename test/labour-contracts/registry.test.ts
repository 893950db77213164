import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FileLabourContractRegistry } from '../../src/modules/labour-contracts/file-registry.ts';
import { HttpLabourContractRegistry } from '../../src/modules/labour-contracts/http-registry.ts';
import { labourContractRegistryFrom } from '../../src/modules/labour-contracts/registry-from-settings.ts';
import { readSettings, SettingsError } from '../../src/runtime/settings.ts';
import { nextIin } from '../support/builders.ts';
import { contractsRecord } from '../support/labour-contracts.ts';
import { startRegistryServer, type RegistryServer } from '../support/registry-server.ts';

// The labour-contract register's ports against a real local server and real files: contracts come
// back checked, an unknown person is `notFound`, and trouble is a typed answer, never an exception.

let server: RegistryServer;
let registry: HttpLabourContractRegistry;
let hasty: HttpLabourContractRegistry;
const PATIENT_MS = 5000;
const TIMEOUT_MS = 200;
let dir: string;

beforeAll(async () => {
  server = await startRegistryServer({ resource: '/contracts' });
  registry = new HttpLabourContractRegistry({ baseUrl: `${server.url}/`, timeoutMs: PATIENT_MS });
  hasty = new HttpLabourContractRegistry({ baseUrl: server.url, timeoutMs: TIMEOUT_MS });
  dir = mkdtempSync(join(tmpdir(), 'labour-contracts-'));
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const CONTRACT = { contractNumber: 'ТД-15/2026', employerName: 'ТОО «Береке»', position: 'бухгалтер', concludedOn: '2026-10-10', startedOn: '2026-10-12' };
const EXPECTED = {
  contractNumber: 'ТД-15/2026', employerBin: '040340001234', employerName: 'ТОО «Береке»', position: 'бухгалтер',
  concludedOn: '2026-10-10', startedOn: '2026-10-12', endsOn: null,
};

function known(plan: Parameters<RegistryServer['answer']>[1]): string {
  const iin = nextIin('1988-02-14');
  server.answer(iin, plan);
  return iin;
}

describe('HttpLabourContractRegistry.contractsOf', () => {
  it('asks GET {base}/persons/{iin}/contracts for JSON and returns the contracts, text tidied', async () => {
    const iin = nextIin('1988-02-14');
    server.answer(iin, { json: contractsRecord(iin, [{ ...CONTRACT, position: '  бухгалтер ' }]) });
    const before = server.requests.length;
    const answer = await registry.contractsOf(iin);
    expect(server.requests.slice(before)).toEqual([{ method: 'GET', path: `/registry/persons/${iin}/contracts`, accept: 'application/json' }]);
    expect(answer).toEqual({ kind: 'found', contracts: [EXPECTED] });
  });

  it('a person the register knows with no contract: found, none', async () => {
    const iin = nextIin('1988-02-14');
    server.answer(iin, { json: contractsRecord(iin, []) });
    expect(await registry.contractsOf(iin)).toEqual({ kind: 'found', contracts: [] });
  });

  it('an unknown person (404) is notFound', async () => {
    expect(await registry.contractsOf(nextIin('1977-07-07'))).toEqual({ kind: 'notFound' });
  });

  it.each([500, 502, 503, 429])('HTTP %i is unavailable (ask again later)', async (status) => {
    const iin = known({ status, json: { message: 'busy' } });
    expect(await registry.contractsOf(iin)).toEqual({ kind: 'unavailable', reason: `the labour-contract registry answered HTTP ${status}` });
  });

  it('no answer within the timeout is unavailable, headers or not', async () => {
    const slow = known({ json: {}, delayMs: 3000 });
    expect(await hasty.contractsOf(slow)).toEqual({ kind: 'unavailable', reason: `the labour-contract registry did not answer within ${TIMEOUT_MS} ms` });
    const stalled = known({ json: {}, delayMs: 3000, stallBody: true });
    expect(await hasty.contractsOf(stalled)).toEqual({ kind: 'unavailable', reason: `the labour-contract registry did not answer within ${TIMEOUT_MS} ms` });
  });

  it('a refused connection is unavailable', async () => {
    const closed = await startRegistryServer({ resource: '/contracts' });
    await closed.close();
    const answer = await new HttpLabourContractRegistry({ baseUrl: closed.url, timeoutMs: PATIENT_MS }).contractsOf(nextIin());
    expect(answer).toEqual({ kind: 'unavailable', reason: 'the labour-contract registry refused the connection' });
  });

  it.each([
    ['another status', { status: 403, json: {} }, 'the labour-contract registry answered HTTP 403'],
    ['malformed JSON', { body: '{"iin":' }, 'the labour-contract registry answered malformed JSON'],
  ])('%s is invalid', async (_, plan, reason) => {
    expect(await registry.contractsOf(known(plan))).toEqual({ kind: 'invalid', reason });
  });

  it.each([
    ['about another IIN', () => contractsRecord(nextIin('1960-01-01'), []), 'the answer is about another IIN'],
    ['no list', (iin: string) => ({ iin }), '`contracts` is not a list'],
    ['a BIN that is not 12 digits', (iin: string) => contractsRecord(iin, [{ ...CONTRACT, employerBin: '12345' }]), 'contract 1 `employer.bin` is not 12 digits'],
    ['no number', (iin: string) => contractsRecord(iin, [{ ...CONTRACT, contractNumber: ' ' }]), 'contract 1 `contractNumber` is missing or empty'],
    ['an impossible date', (iin: string) => contractsRecord(iin, [{ ...CONTRACT, concludedOn: '2026-02-30' }]), 'contract 1 `concludedOn` is missing or not a date'],
    ['work before the contract', (iin: string) => contractsRecord(iin, [{ ...CONTRACT, startedOn: '2026-10-01' }]), 'contract 1 `startedOn` is before `concludedOn`'],
    ['an end before the start', (iin: string) => contractsRecord(iin, [{ ...CONTRACT, endsOn: '2026-10-11' }]), 'contract 1 `endsOn` is not a date on or after `startedOn`'],
  ])('a record %s is invalid', async (_, record, reason) => {
    const iin = nextIin('1988-02-14');
    server.answer(iin, { json: record(iin) });
    expect(await registry.contractsOf(iin)).toEqual({ kind: 'invalid', reason });
  });

  it('refuses a URL that is not http(s)', () => {
    expect(() => new HttpLabourContractRegistry({ baseUrl: 'ftp://esutd.example.kz' })).toThrow('must be http(s)');
  });

  it('is named by its host and path, never its credentials', () => {
    expect(new HttpLabourContractRegistry({ baseUrl: 'https://user:secret@esutd.example.kz/api/v1/' }).name).toBe('esutd.example.kz/api/v1');
  });
});

describe('FileLabourContractRegistry', () => {
  it('reads a JSON array, answers each IIN by its record and an unknown one as notFound', async () => {
    const iin = nextIin('1988-02-14');
    const broken = nextIin('1988-02-14');
    const path = join(dir, 'contracts.json');
    writeFileSync(path, JSON.stringify([contractsRecord(iin, [CONTRACT]), { iin: broken, contracts: [{}] }]));
    const file = await FileLabourContractRegistry.load(path);
    expect(file.name).toBe('file:contracts.json');
    expect(await file.contractsOf(iin)).toEqual({ kind: 'found', contracts: [EXPECTED] });
    expect(await file.contractsOf(nextIin('1970-01-01'))).toEqual({ kind: 'notFound' });
    // A bad record spoils that person's answer only.
    expect(await file.contractsOf(broken)).toEqual({ kind: 'invalid', reason: 'contract 1 has no `employer`' });
  });

  it('reads one JSON object per line', async () => {
    const iin = nextIin('1988-02-14');
    const path = join(dir, 'contracts.ndjson');
    writeFileSync(path, `${JSON.stringify(contractsRecord(iin, [CONTRACT]))}\n\n`);
    expect(await (await FileLabourContractRegistry.load(path)).contractsOf(iin)).toEqual({ kind: 'found', contracts: [EXPECTED] });
  });

  it('refuses a file that repeats an IIN (a configuration error)', async () => {
    const iin = nextIin('1988-02-14');
    const path = join(dir, 'twice.json');
    writeFileSync(path, JSON.stringify([contractsRecord(iin, []), contractsRecord(iin, [])]));
    await expect(FileLabourContractRegistry.load(path)).rejects.toThrow(`record 2 repeats IIN ${iin}`);
  });

  it('the sample under dev/ loads', async () => {
    const sample = await FileLabourContractRegistry.load('dev/labour-contracts.sample.json');
    expect((await sample.contractsOf('840312318330')).kind).toBe('found');
  });
});

describe('the settings', () => {
  it('refuse both a URL and a file', () => {
    expect(() => readSettings({ LABOUR_CONTRACT_REGISTRY_URL: 'https://esutd.example.kz', LABOUR_CONTRACT_REGISTRY_FILE: 'dev/labour-contracts.sample.json' }))
      .toThrow(SettingsError);
  });

  it('refuse a schedule that is not a cron expression; off is none', () => {
    expect(() => readSettings({ LABOUR_CONTRACTS_CHECK_SCHEDULE: 'nightly' })).toThrow('LABOUR_CONTRACTS_CHECK_SCHEDULE must be a cron expression');
    expect(readSettings({ LABOUR_CONTRACTS_CHECK_SCHEDULE: 'off' }).LABOUR_CONTRACTS_CHECK_SCHEDULE).toBeNull();
    expect(readSettings({}).LABOUR_CONTRACTS_CHECK_SCHEDULE).toBe('30 2 * * *');
  });

  it('give the HTTP register, the file, or none', async () => {
    const http = await labourContractRegistryFrom(readSettings({ LABOUR_CONTRACT_REGISTRY_URL: 'https://esutd.example.kz/api', LABOUR_CONTRACT_REGISTRY_TIMEOUT_MS: '700' }));
    expect(http).toBeInstanceOf(HttpLabourContractRegistry);
    expect((http as HttpLabourContractRegistry).timeoutMs).toBe(700);
    expect(await labourContractRegistryFrom(readSettings({ LABOUR_CONTRACT_REGISTRY_FILE: 'dev/labour-contracts.sample.json' }))).toBeInstanceOf(FileLabourContractRegistry);
    expect(await labourContractRegistryFrom(readSettings({}))).toBeNull();
  });
});
