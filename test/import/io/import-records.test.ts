import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { generateImportRecords, writeImportFile } from '../../../src/bench/import-records.ts';
import { territories } from '../../../src/db/migrations/data/territories.ts';
import type { RegionEntry } from '../../../src/modules/dictionary/territories.ts';
import { openRecordSource } from '../../../src/modules/import/read-records.ts';

// The benchmark's record generator: deterministic, and every record it makes is one the import
// format (schema/import/card-record.schema.json) accepts.

const regions: RegionEntry[] = territories.map((region) => ({
  ...region, districts: region.districts.map((district) => ({ ...district, regionCode: region.code })),
}));
/** The seeder's career centers: one per district, coded after it. */
const careerCenterCodes = regions.flatMap((region) => region.districts.map((district) => `CC-${district.code}`));
const SCHEMA = JSON.parse(readFileSync(new URL('../../../schema/import/card-record.schema.json', import.meta.url), 'utf8'));

/** The schema checked for shape: the formats are the importer's business, so here they are loose but not absent. */
function schemaValidator() {
  const ajv = new Ajv2020({ allErrors: true, discriminator: true, strict: true, strictTypes: false });
  ajv.addFormat('date', /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/);
  ajv.addFormat('phone', /^\+\d{7,15}$/);
  ajv.addFormat('email', /^[^\s@]+@[^\s@]+$/);
  ajv.addFormat('country-code', /^[A-Z]{2}$/);
  ajv.addFormat('text-line', /^[^\n\r]*$/);
  ajv.addFormat('text-lines', (value: string) => value.isWellFormed());
  return ajv.compile(SCHEMA);
}

type Entry = Record<string, unknown>;
const list = (record: Entry, key: string) => (record[key] as Entry[] | undefined) ?? [];

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'import-io-records-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('generateImportRecords', () => {
  const records = [...generateImportRecords(200, { seed: 7, careerCenterCodes, regions })];

  it('gives the same records for the same options, other records for another seed', () => {
    expect([...generateImportRecords(200, { seed: 7, careerCenterCodes, regions })]).toEqual(records);
    const other = [...generateImportRecords(20, { seed: 8, careerCenterCodes, regions })];
    expect(other.map((r) => r.iin)).not.toEqual(records.slice(0, 20).map((r) => r.iin));
  });

  it('makes records the import format accepts', () => {
    const validate = schemaValidator();
    const invalid = records.flatMap((record, i) => (validate(record) ? [] : [{ i, errors: validate.errors }]));
    expect(invalid).toEqual([]);
  });

  it('fills every section somewhere, with source ids unique within a section of a card', () => {
    const sections = [
      'mainEducation', 'additionalEducation', 'registrations', 'careerGuidance', 'referrals', 'activeMeasures',
      'specialWorkplaces', 'visits', 'employmentPlan',
    ];
    for (const section of sections) expect(records.some((r) => list(r, section).length > 0)).toBe(true);
    for (const key of ['lastJob', 'expectations', 'email']) expect(records.some((r) => r[key] !== undefined)).toBe(true);
    const kinds = new Set(records.flatMap((r) => list(r, 'activeMeasures').map((m) => m.kind)));
    expect([...kinds].sort()).toEqual(['ENTREPRENEURSHIP_SUPPORT', 'PROFESSIONAL_TRAINING', 'RELOCATION', 'SUBSIDIZED_JOB']);
    for (const record of records) {
      for (const section of sections) {
        const ids = list(record, section).map((entry) => entry.sourceId);
        expect(new Set(ids).size).toBe(ids.length);
        for (const id of ids) expect(id).toMatch(new RegExp(`^${record.iin}-`));
      }
    }
  });

  it('names the career centers by the codes it was given', () => {
    const given = new Set(careerCenterCodes);
    expect(records.every((r) => given.has(r.careerCenter as string))).toBe(true);
    const [one] = generateImportRecords(1, { careerCenterCodes: ['CC-KZ-75-003'], regions });
    expect(one).toMatchObject({ careerCenter: 'CC-KZ-75-003', address: { region: 'KZ-75', district: 'KZ-75-003' } });
  });

  it('maps entity names back to the record names', () => {
    const measures = records.flatMap((r) => list(r, 'activeMeasures'));
    const subsidized = measures.find((m) => m.kind === 'SUBSIDIZED_JOB' && m.employerDecision);
    expect(subsidized).toMatchObject({ employerDecision: expect.any(Object) });
    expect(subsidized).not.toHaveProperty('hiringAct');
    const relocation = measures.find((m) => m.kind === 'RELOCATION' && m.housing) as Entry & { housing: { areaPerFamilyMember?: unknown } };
    expect(relocation).toMatchObject({ familyMembers: expect.any(Array), materialAssistance: expect.any(Object) });
    expect(typeof relocation.housing.areaPerFamilyMember).toBe('number');
    const additional = records.flatMap((r) => list(r, 'additionalEducation'))[0];
    expect(additional).toMatchObject({ organisationName: expect.any(String), kind: expect.stringMatching(/^(RETRAINING|UPSKILLING)$/) });
    expect(records.flatMap((r) => list(r, 'referrals')).some((r) => r.outcome)).toBe(true);
  });
});

describe('writeImportFile', () => {
  it('writes NDJSON the record reader reads back unchanged', async () => {
    const path = join(dir, 'cards.ndjson');
    const records = [...generateImportRecords(300, { careerCenterCodes, regions })];
    await writeImportFile(path, records);
    const source = await openRecordSource(path);
    const read = [];
    for await (const item of source.records) read.push(item);
    expect(read).toEqual(records.map((record, i) => ({ line: i + 1, record })));
  });
});
