import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { FilePersonRegistry } from '../../src/modules/verification/file-registry.ts';
import { HttpPersonRegistry } from '../../src/modules/verification/http-registry.ts';
import { registryFrom } from '../../src/modules/verification/registry-from-settings.ts';
import { nextIin } from '../support/builders.ts';
import { registryPerson } from '../support/registry-server.ts';
import { readSettings } from '../../src/runtime/settings.ts';

// Rule 2 in development: the registry's persons in a file, answered like the HTTP registry; and
// which registry the environment configures.

const dir = mkdtempSync(join(tmpdir(), 'person-registry-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const man = (iin: string, data: object = {}) =>
  registryPerson(iin, { surname: 'Ким', givenName: 'Виктор', patronymic: 'Николаевич', birthDate: '1979-02-11', sex: 'MALE', ...data });

describe('FilePersonRegistry', () => {
  it('answers from a JSON array: found, not found, and invalid for a bad record', async () => {
    const [known, contradicting, unknown] = [nextIin('1979-02-11', 'MALE'), nextIin('1979-02-11', 'MALE'), nextIin('1979-02-11', 'MALE')];
    const registry = await FilePersonRegistry.load(file('persons.json', JSON.stringify([man(known), man(contradicting, { sex: 'FEMALE' })])));
    expect(registry.name).toBe('file:persons.json');
    expect(await registry.lookup(known)).toEqual({ kind: 'found', person: { ...man(known), citizenship: 'KZ', nationality: null, address: null, addressProblem: null } });
    expect(await registry.lookup(unknown)).toEqual({ kind: 'notFound' });
    expect(await registry.lookup(contradicting)).toEqual({ kind: 'invalid', reason: 'the sex FEMALE contradicts the IIN (MALE)' });
  });

  it('answers from NDJSON (one record per line, blank lines allowed)', async () => {
    const [a, b] = [nextIin('1979-02-11', 'MALE'), nextIin('1979-02-11', 'MALE')];
    const registry = await FilePersonRegistry.load(file('persons.ndjson', `${JSON.stringify(man(a))}\n\n${JSON.stringify(man(b, { surname: 'Пак' }))}\n`));
    expect(await registry.lookup(a)).toMatchObject({ kind: 'found', person: { surname: 'Ким' } });
    expect(await registry.lookup(b)).toMatchObject({ kind: 'found', person: { surname: 'Пак' } });
  });

  it('refuses to load a file it cannot trust, naming where', async () => {
    const iin = nextIin('1979-02-11', 'MALE');
    await expect(FilePersonRegistry.load(file('broken.ndjson', `${JSON.stringify(man(iin))}\n{"iin": `))).rejects.toThrow('line 2 is not valid JSON');
    await expect(FilePersonRegistry.load(file('twice.json', JSON.stringify([man(iin), man(iin)])))).rejects.toThrow(`record 2 repeats IIN ${iin}`);
    await expect(FilePersonRegistry.load(file('anonymous.json', JSON.stringify([{ surname: 'Ким' }])))).rejects.toThrow('record 1 has no "iin"');
    await expect(FilePersonRegistry.load(file('cut.json', '[{"iin": "1"'))).rejects.toThrow('not valid JSON');
    await expect(FilePersonRegistry.load(join(dir, 'missing.json'))).rejects.toThrow();
  });

  it('loads the development sample: six people it confirms and one whose birth date contradicts the IIN', async () => {
    const registry = await FilePersonRegistry.load('dev/person-registry.sample.json');
    const iins = ['840312318330', '950410368164', '920121444917', '650613430431', '940823400016', '790211300013'];
    for (const iin of iins) expect(await registry.lookup(iin)).toMatchObject({ kind: 'found', person: { iin } });
    expect(await registry.lookup('870816369638')).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('contradicts the IIN') });
  });
});

describe('registryFrom', () => {
  it('configures none when nothing is set', async () => {
    expect(await registryFrom(readSettings({}))).toBeNull();
    expect(await registryFrom(readSettings({ PERSON_REGISTRY_URL: '  ', PERSON_REGISTRY_FILE: '' }))).toBeNull();
  });

  it('configures the HTTP registry with its timeout (3000 ms by default)', async () => {
    const http = await registryFrom(readSettings({ PERSON_REGISTRY_URL: 'https://gbd.example.kz/api', PERSON_REGISTRY_TIMEOUT_MS: '750' }));
    expect(http).toBeInstanceOf(HttpPersonRegistry);
    expect(http).toMatchObject({ name: 'gbd.example.kz/api', timeoutMs: 750 });
    expect(await registryFrom(readSettings({ PERSON_REGISTRY_URL: 'https://gbd.example.kz' }))).toMatchObject({ timeoutMs: 3000 });
  });

  it('configures the file registry', async () => {
    const registry = await registryFrom(readSettings({ PERSON_REGISTRY_FILE: 'dev/person-registry.sample.json' }));
    expect(registry).toBeInstanceOf(FilePersonRegistry);
    expect(registry?.name).toBe('file:person-registry.sample.json');
  });

  it('refuses a configuration that cannot work', async () => {
    expect(() => readSettings({ PERSON_REGISTRY_URL: 'https://gbd.example.kz', PERSON_REGISTRY_FILE: 'dev/person-registry.sample.json' }))
      .toThrow('PERSON_REGISTRY_URL and PERSON_REGISTRY_FILE are both set: set one');
    for (const timeout of ['0', '-5', '1.5', 'soon']) {
      expect(() => readSettings({ PERSON_REGISTRY_URL: 'https://gbd.example.kz', PERSON_REGISTRY_TIMEOUT_MS: timeout })).toThrow('PERSON_REGISTRY_TIMEOUT_MS');
    }
    expect(() => readSettings({ PERSON_REGISTRY_URL: 'gbd.example.kz' })).toThrow('PERSON_REGISTRY_URL must be a URL');
  });
});
