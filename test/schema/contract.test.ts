import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  getNamedType, isEnumType, type GraphQLInputType, type GraphQLOutputType, isInputObjectType, isInterfaceType, isObjectType, isUnionType, type GraphQLNamedType,
} from 'graphql';
import { buildSchema } from '../../src/graphql/schema.ts';
import { dictionaries, languageOf } from '../../src/modules/dictionary/codes.ts';
import { READ_OPERATIONS } from '../../src/modules/audit/audit.entity.ts';
import { HISTORY_PARTS, historyPartValue } from '../../src/modules/history/history-parts.ts';
import { LIST_SECTIONS } from '../../src/modules/sections.ts';
import { createTestApi, dataOf, type TestApi } from '../support/api.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

// The SDL is the contract: documented everywhere, with the section of the order each part implements.

const schema = buildSchema();
const ownTypes = Object.values(schema.getTypeMap()).filter((type) => !type.name.startsWith('__')
  && !['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name));

/** Types reachable from Card: the form itself. */
function cardTypes(): GraphQLNamedType[] {
  const seen = new Map<string, GraphQLNamedType>();
  const visit = (type: GraphQLNamedType) => {
    if (seen.has(type.name)) return;
    seen.set(type.name, type);
    if (isObjectType(type) || isInterfaceType(type)) Object.values(type.getFields()).forEach((field) => visit(getNamedType(field.type)));
    if (isUnionType(type)) type.getTypes().forEach(visit);
  };
  visit(schema.getType('Card')!);
  return [...seen.values()];
}

// Plumbing and reference data reachable from a card that belong to no section of the form.
const NOT_SECTIONS = new Set([
  'Card', 'PageInfo', 'Region', 'District', 'RegionKind', 'DistrictKind', 'CareerCenter', 'Node',
  'ID', 'String', 'Int', 'Float', 'Boolean', 'Date', 'DateTime', 'EmailAddress', 'PhoneNumber', 'NonNegativeInt', 'CountryCode', 'Money', 'JSONObject',
]);
const PLUMBING_FIELDS = new Set(['id', 'cursor', 'pageInfo']);
// The order's sections and rules, or for consent the Law on personal data (No. 94-V) the order leaves it to.
const CITES = /§\d|Footer|Rule \d|Law No\. 94-V/;

describe('the schema contract', () => {
  it('describes every type, field, argument, input field and enum value', () => {
    const missing: string[] = [];
    for (const type of ownTypes) {
      if (!type.description?.trim()) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description?.trim()) missing.push(`${type.name}.${field.name}`);
          for (const arg of field.args) if (!arg.description?.trim()) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) if (!field.description?.trim()) missing.push(`${type.name}.${field.name}`);
      }
      if (isEnumType(type)) {
        for (const value of type.getValues()) if (!value.description?.trim()) missing.push(`${type.name}.${value.name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('cites the section of the order in every type and field of the card', () => {
    const uncited: string[] = [];
    for (const type of cardTypes().filter((t) => !NOT_SECTIONS.has(t.name))) {
      if (!CITES.test(type.description ?? '')) uncited.push(type.name);
      if (isObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!PLUMBING_FIELDS.has(field.name) && !CITES.test(field.description ?? '')) uncited.push(`${type.name}.${field.name}`);
        }
      }
    }
    const card = schema.getType('Card');
    if (!isObjectType(card)) throw new Error('Card is not an object type');
    const sections = Object.values(card.getFields()).filter((field) => /^§\d|^Footer/.test(field.description ?? ''));
    expect(uncited).toEqual([]);
    // Each of the 20 numbered sections and the footer is a field of Card.
    const cited = new Set(sections.flatMap((field) => [...(field.description ?? '').matchAll(/§(\d+)/g)].map((m) => Number(m[1]))));
    expect([...cited].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(sections.some((field) => field.name === 'footer')).toBe(true);
  });

  it('makes §16 exactly the union of the four kinds of active measures', () => {
    const union = schema.getType('ActiveMeasure');
    expect(isUnionType(union) && union.getTypes().map((t) => t.name))
      .toEqual(['ProfessionalTraining', 'EntrepreneurshipSupport', 'SubsidizedJob', 'Relocation']);
  });

  it('has no Float where money is meant', () => {
    for (const type of ownTypes) {
      if (!isObjectType(type) && !isInputObjectType(type)) continue;
      for (const field of Object.values(type.getFields()) as { name: string; type: GraphQLInputType | GraphQLOutputType }[]) {
        if (getNamedType(field.type).name === 'Float') {
          // Not money: an area, a share of referrals, a number of days.
          expect(['RelocationHousing.areaPerFamilyMember', 'RelocationHousingInput.areaPerFamilyMember', 'ReferralStatistics.hiredShare', 'ActiveMeasureStatistics.averageDaysToEmployment']).toContain(`${type.name}.${field.name}`);
        }
      }
    }
  });

  it('names in enums exactly the fixed sets the code declares: history parts, kinds of audited request, entries of the card', () => {
    const valuesOf = (name: string) => {
      const type = schema.getType(name);
      if (!isEnumType(type)) throw new Error(`${name} is not an enum`);
      return type.getValues().map((value) => value.name).sort();
    };
    // Every section and child row by its declared name, and the parts beside the sections: a section
    // added to the form fails here until the SDL names it (and its description cites the order).
    expect(valuesOf('CardHistoryPart')).toEqual(HISTORY_PARTS.map(historyPartValue).sort());
    expect(HISTORY_PARTS.map(historyPartValue)).toContain('LAST_JOB');
    expect(valuesOf('ReadOperation')).toEqual(READ_OPERATIONS.map((operation) => operation.toUpperCase()).sort());
    const entries = schema.getType('CardEntry');
    if (!isUnionType(entries)) throw new Error('CardEntry is not a union');
    expect(entries.getTypes().map((type) => type.name).sort()).toEqual(LIST_SECTIONS.flatMap((section) => Object.keys(section.types)).sort());
  });

  it('keeps what it replaced, deprecated with the field to use instead', () => {
    const deprecated: string[] = [];
    const withoutReplacement: string[] = [];
    for (const type of ownTypes) {
      if (!isObjectType(type) && !isInterfaceType(type)) continue;
      for (const field of Object.values(type.getFields())) {
        if (field.deprecationReason == null) continue;
        deprecated.push(`${type.name}.${field.name}`);
        // "Use `x`…": x is a field of the same type, not deprecated itself.
        const replacement = type.getFields()[/^Use `(\w+)`/.exec(field.deprecationReason)?.[1] ?? ''];
        if (!replacement || replacement.deprecationReason != null) withoutReplacement.push(`${type.name}.${field.name}`);
      }
    }
    expect(deprecated.length).toBeGreaterThan(0);
    expect(withoutReplacement).toEqual([]);
  });

  it('gives every code list exactly the values of its enum, each with kk and ru labels', () => {
    const dictionaryNames = schema.getType('DictionaryName');
    if (!isEnumType(dictionaryNames)) throw new Error('DictionaryName is not an enum');
    expect(dictionaryNames.getValues().map((v) => v.name).sort()).toEqual(Object.keys(dictionaries).sort());
    for (const [name, labels] of Object.entries(dictionaries)) {
      // SEX → Sex, REGISTRATION_REFUSAL_REASON → RegistrationRefusalReason
      const enumName = name.toLowerCase().replace(/(^|_)(\w)/g, (_, __, c: string) => c.toUpperCase());
      const type = schema.getType(enumName);
      if (!isEnumType(type)) throw new Error(`${name} has no enum ${enumName}`);
      expect(Object.keys(labels)).toEqual(type.getValues().map((v) => v.name));
      for (const label of Object.values(labels)) {
        expect(label.kk.trim()).not.toBe('');
        expect(label.ru.trim()).not.toBe('');
      }
    }
  });
});

describe('dictionaries through the API', () => {
  let db: TestDatabase;
  let api: TestApi;
  beforeAll(async () => {
    db = await createTestDatabase();
    api = await createTestApi(db.orm);
  });
  afterAll(() => db.close());

  it('serves every code list with its labels', async () => {
    for (const [name, labels] of Object.entries(dictionaries)) {
      const { dictionary } = dataOf(await api.execute(`{ dictionary(name: ${name}) { name entries { code kk ru } } }`));
      expect(dictionary).toEqual({ name, entries: Object.entries(labels).map(([code, label]) => ({ code, ...label })) });
    }
  });

  it('serves the 17 regions and 3 cities of republican significance with their districts', async () => {
    const { regions } = dataOf(await api.execute('{ regions { code kind kk ru districts { code kind kk ru region { code } } } }'));
    expect(regions).toHaveLength(20);
    expect(regions.filter((r: any) => r.kind === 'CITY').map((r: any) => r.code).sort()).toEqual(['KZ-71', 'KZ-75', 'KZ-79']);
    for (const region of regions) {
      expect(region.code).toMatch(/^KZ-\d{2}$/);
      expect(region.districts.length).toBeGreaterThan(0);
      for (const district of region.districts) {
        expect(district.region.code).toBe(region.code);
        expect(district.code.startsWith(`${region.code}-`)).toBe(true);
        expect(district.kk).not.toBe('');
        expect(district.ru).not.toBe('');
      }
    }
  });
});

describe('labels in the language asked for', () => {
  let db: TestDatabase;
  let api: TestApi;
  beforeAll(async () => {
    db = await createTestDatabase();
    api = await createTestApi(db.orm);
  });
  afterAll(() => db.close());

  const LABELS = `{
    dictionaries { name entries { code kk ru label byKk: label(language: KK) byRu: label(language: RU) } }
    regions { kk ru label byRu: label(language: RU) districts { kk ru label byKk: label(language: KK) } }
  }`;

  it('gives every entry of every code list, region and district in Kazakh and in Russian, by argument or Accept-Language', async () => {
    for (const [header, language] of [[undefined, 'kk'], ['kk-KZ', 'kk'], ['ru-RU,ru;q=0.9,en;q=0.8', 'ru'], ['en-US,ru;q=0.5', 'ru']] as const) {
      const data = dataOf(await api.execute(LABELS, {}, header ? { headers: { 'accept-language': header } } : {}));
      expect(data.dictionaries.map((d: any) => d.name).sort()).toEqual(Object.keys(dictionaries).sort());
      for (const dictionary of data.dictionaries) {
        expect(dictionary.entries.map((e: any) => e.code)).toEqual(Object.keys(dictionaries[dictionary.name as keyof typeof dictionaries]));
        for (const entry of dictionary.entries) {
          expect(entry.kk.trim()).not.toBe('');
          expect(entry.ru.trim()).not.toBe('');
          expect(entry.byKk).toBe(entry.kk);
          expect(entry.byRu).toBe(entry.ru);
          expect(entry.label).toBe(entry[language]);
        }
      }
      for (const region of data.regions) {
        expect([region.label, region.byRu]).toEqual([region[language], region.ru]);
        for (const district of region.districts) expect([district.label, district.byKk]).toEqual([district[language], district.kk]);
      }
    }
  });

  it('reads Accept-Language by its weights; Kazakh when it names neither language', () => {
    expect(languageOf(undefined)).toBe('KK');
    expect(languageOf('')).toBe('KK');
    expect(languageOf('en-GB,de;q=0.8')).toBe('KK');
    expect(languageOf('ru')).toBe('RU');
    expect(languageOf('ru-KZ, kk;q=0.9')).toBe('RU');
    expect(languageOf('ru;q=0.3, kk;q=0.8')).toBe('KK');
    expect(languageOf('kk;q=0, ru;q=0.1')).toBe('RU');
    expect(languageOf('RU-ru')).toBe('RU');
  });
});
