import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { toGlobalId } from '../../src/api/relay.ts';
import { normalisedAddressText } from '../../src/modules/verification/address-match.ts';
import { HttpPersonRegistry } from '../../src/modules/verification/http-registry.ts';
import { FilePersonRegistry } from '../../src/modules/verification/file-registry.ts';
import { readPerson } from '../../src/modules/verification/person-registry.ts';
import { CASEWORKER, createTestApi, dataOf, type TestApi } from '../support/api.ts';
import { aCareerCenter, nextIin } from '../support/builders.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { accepted, PAYLOAD_ERRORS } from '../support/keeping.ts';
import { registryPerson, startRegistryServer, type RegistryServer } from '../support/registry-server.ts';

// Rule 2 — §7 is checked against the address the state registry of individuals records, where it
// gives one. A difference is flagged on the address's own part of the check, never written over
// the card; §1, §5 and §6 keep the identity's outcome. The registry is a real local HTTP server.

let db: TestDatabase;
let registryServer: RegistryServer;
let api: TestApi;
let center: string;

beforeAll(async () => {
  db = await createTestDatabase();
  registryServer = await startRegistryServer();
  api = await createTestApi(db.orm, { registry: new HttpPersonRegistry({ baseUrl: registryServer.url, timeoutMs: 5000 }) });
  center = toGlobalId('CareerCenter', (await aCareerCenter(db.orm.em.fork())).id);
});
afterAll(async () => {
  await registryServer.close();
  await db.close();
});

const BIRTH_DATE = '1990-05-17';
const NAME = { surname: 'Оспанов', givenName: 'Ерлан', patronymic: 'Бекұлы' };
const TYPED_ADDRESS = { region: 'KZ-75', district: 'KZ-75-002', settlement: 'Алматы', street: 'Абай даңғылы', house: '10/2', apartment: '5' };

const VERIFICATION = `identityVerification { status reasonCode reason parts { part section status reasonCode reason } }`;
const CARD = `id version fullName { surname givenName patronymic } address { region { code } district { code } settlement street house apartment } ${VERIFICATION}`;
const OPEN = `mutation($input: CardOpenInput!) { cardOpen(input: $input) { card { ${CARD} } ${PAYLOAD_ERRORS} } }`;
const VERIFY = `mutation($id: ID!) { cardVerifyIdentity(id: $id) { card { ${CARD} } ${PAYLOAD_ERRORS} } }`;
const HISTORY = `query($id: ID!) { card(id: $id) { history(first: 100) { edges { node { actor action part oldValue newValue } } } } }`;

/** A new person the registry knows with `address` (undefined: the registry gives none). */
function person(address?: object | null, extra: object = {}): string {
  const iin = nextIin(BIRTH_DATE, 'MALE');
  registryServer.answer(iin, { json: { ...registryPerson(iin, { ...NAME, birthDate: BIRTH_DATE, sex: 'MALE', address: address as never }), ...extra } });
  return iin;
}

async function open(iin: string, address: object | null = TYPED_ADDRESS, language?: string) {
  const result = await api.execute(OPEN, { input: { iin, appliedOn: '2026-03-02', careerCenter: center, fullName: NAME, citizenship: 'KZ', address } },
    language ? { headers: { 'accept-language': language } } : {});
  return accepted(result, 'cardOpen').card;
}

const partOf = (card: any, part: string) => card.identityVerification.parts.find((p: any) => p.part === part);

async function history(id: string): Promise<any[]> {
  return dataOf(await api.execute(HISTORY, { id })).card.history.edges.map((edge: any) => edge.node);
}

describe('§7 against the registered address', () => {
  it('verifies an address the registry records alike: kind words, case, punctuation and separators aside', async () => {
    const iin = person({ region: 'KZ-75', district: 'KZ-75-002', settlement: 'г. Алматы', street: 'АБАЙ ДАҢҒЫЛЫ', house: 'д. 10-2', apartment: 'кв. 5' });
    const card = await open(iin);
    expect(card.identityVerification).toEqual({
      status: 'VERIFIED', reasonCode: null, reason: null,
      parts: [
        { part: 'FULL_NAME', section: '1', status: 'VERIFIED', reasonCode: null, reason: null },
        { part: 'CITIZENSHIP', section: '5', status: 'VERIFIED', reasonCode: null, reason: null },
        { part: 'NATIONALITY', section: '6', status: 'VERIFIED', reasonCode: null, reason: null },
        { part: 'ADDRESS', section: '7', status: 'VERIFIED', reasonCode: null, reason: null },
      ],
    });
    expect(card.version).toBe(1);
  });

  it('flags a different address and keeps the card\'s own; the identity stays verified', async () => {
    const iin = person({ region: 'KZ-75', district: 'KZ-75-003', settlement: 'Алматы', street: 'Төле би көшесі', house: '45' });
    const card = await open(iin);
    expect(card.address).toEqual({
      region: { code: 'KZ-75' }, district: { code: 'KZ-75-002' }, settlement: 'Алматы', street: 'Абай даңғылы', house: '10/2', apartment: '5',
    });
    expect(card.version).toBe(1);
    expect(card.identityVerification.status).toBe('VERIFIED');
    expect(partOf(card, 'FULL_NAME')).toMatchObject({ status: 'VERIFIED' });
    expect(partOf(card, 'ADDRESS')).toEqual({
      part: 'ADDRESS', section: '7', status: 'FAILED', reasonCode: 'ADDRESS_MISMATCH',
      // Which fields differ, never the registry's values.
      reason: 'the address differs from the one the person registry records in: district, street, house',
    });

    // Kept in the history: the outcome per part, as the registry's check changed it.
    const records = (await history(card.id)).filter((h) => h.part === 'identityVerification');
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ actor: CASEWORKER.id, action: 'registryVerification', oldValue: { status: 'PENDING', reasonCode: null } });
    // Before the first check every part was PENDING, not yet asked.
    expect(records[0].oldValue.parts).toEqual(['FULL_NAME', 'CITIZENSHIP', 'NATIONALITY', 'ADDRESS'].map((part) => ({ part, status: 'PENDING', reasonCode: null, reason: null })));
    expect(records[0].newValue.parts).toContainEqual({ part: 'ADDRESS', status: 'FAILED', reasonCode: 'ADDRESS_MISMATCH', reason: expect.stringMatching(/district, street, house/) });

    // Checked again with the same answer: the same outcome, no new history record.
    const again = accepted(await api.execute(VERIFY, { id: card.id }), 'cardVerifyIdentity').card;
    expect(partOf(again, 'ADDRESS')).toMatchObject({ status: 'FAILED', reasonCode: 'ADDRESS_MISMATCH' });
    expect((await history(card.id)).filter((h) => h.part === 'identityVerification')).toHaveLength(1);

    // The registry now records the card's address: verified, and that change is in the history.
    registryServer.answer(iin, { json: registryPerson(iin, { ...NAME, birthDate: BIRTH_DATE, sex: 'MALE', address: TYPED_ADDRESS }) });
    const matched = accepted(await api.execute(VERIFY, { id: card.id }), 'cardVerifyIdentity').card;
    expect(partOf(matched, 'ADDRESS')).toMatchObject({ status: 'VERIFIED', reasonCode: null });
    expect(matched.version).toBe(1);
    const latest = (await history(card.id)).filter((h) => h.part === 'identityVerification').at(-1);
    expect(latest.oldValue.parts.at(-1)).toMatchObject({ part: 'ADDRESS', status: 'FAILED' });
    expect(latest.newValue.parts.at(-1)).toMatchObject({ part: 'ADDRESS', status: 'VERIFIED' });
  });

  it('flags a card with no address when the registry records one', async () => {
    const card = await open(person({ region: 'KZ-75' }), null);
    expect(partOf(card, 'ADDRESS')).toMatchObject({ status: 'FAILED', reasonCode: 'ADDRESS_MISMATCH', reason: 'the card has no address; the person registry records one' });
  });

  it('leaves §7 unchecked (PENDING) where the registry gives no address', async () => {
    const card = await open(person());
    expect(card.identityVerification.status).toBe('VERIFIED');
    expect(partOf(card, 'ADDRESS')).toMatchObject({ status: 'PENDING', reasonCode: 'ADDRESS_NOT_IN_REGISTRY' });
  });

  it('fails only §7 when the registry\'s address is unusable: an unknown district, a malformed address', async () => {
    const unknown = await open(person({ region: 'KZ-75', district: 'KZ-19-001' }));
    expect(unknown.identityVerification.status).toBe('VERIFIED');
    expect(partOf(unknown, 'ADDRESS')).toMatchObject({ status: 'FAILED', reasonCode: 'ADDRESS_UNUSABLE', reason: expect.stringMatching(/KZ-19-001 is not a district of KZ-75/) });
    const malformed = await open(person(null, { address: 'Алматы, Абай 10' }));
    expect(malformed.identityVerification.status).toBe('VERIFIED');
    expect(partOf(malformed, 'ADDRESS')).toMatchObject({ status: 'FAILED', reasonCode: 'ADDRESS_UNUSABLE', reason: expect.stringMatching(/not an object/) });
  });

  it('shares the identity\'s outcome when the registry does not know the person', async () => {
    const iin = nextIin(BIRTH_DATE, 'MALE');
    const card = await open(iin);
    expect(card.identityVerification.parts.map((p: any) => [p.part, p.status, p.reasonCode])).toEqual([
      ['FULL_NAME', 'FAILED', 'NOT_IN_REGISTRY'], ['CITIZENSHIP', 'FAILED', 'NOT_IN_REGISTRY'],
      ['NATIONALITY', 'FAILED', 'NOT_IN_REGISTRY'], ['ADDRESS', 'FAILED', 'NOT_IN_REGISTRY'],
    ]);
  });

  it('tells the reason in Kazakh or Russian when asked, and lists the new reasons in the dictionary', async () => {
    const card = await open(person({ region: 'KZ-71' }), TYPED_ADDRESS, 'ru');
    expect(partOf(card, 'ADDRESS')).toMatchObject({ reasonCode: 'ADDRESS_MISMATCH', reason: 'Адрес отличается от адреса регистрации в реестре; адрес в карте не изменён' });
    const { dictionary } = dataOf(await api.execute(`{ dictionary(name: VERIFICATION_REASON) { entries { code kk ru } } }`));
    expect(dictionary.entries.map((entry: any) => entry.code)).toEqual(expect.arrayContaining(['ADDRESS_MISMATCH', 'ADDRESS_NOT_IN_REGISTRY', 'ADDRESS_UNUSABLE']));
  });
});

describe('the registry\'s address in an answer', () => {
  const iin = nextIin(BIRTH_DATE, 'MALE');
  const record = (address: unknown) => ({ ...registryPerson(iin, { ...NAME, birthDate: BIRTH_DATE, sex: 'MALE' }), address });

  it('is optional, and its text is held to the rules of typed text', () => {
    expect(readPerson(iin, record(undefined))).toMatchObject({ kind: 'found', person: { address: null, addressProblem: null } });
    expect(readPerson(iin, record({ region: 'KZ-75', street: '  Абай\u0306 ' }))).toMatchObject({
      kind: 'found', person: { address: { region: 'KZ-75', district: null, street: 'Абай'.concat('\u0306').normalize('NFC'), house: null }, addressProblem: null },
    });
    expect(readPerson(iin, record({ street: 'Абай' }))).toMatchObject({ kind: 'found', person: { address: null, addressProblem: '`address.region` is missing or not a code' } });
    expect(readPerson(iin, record({ region: 'KZ-75', house: 7 }))).toMatchObject({ kind: 'found', person: { addressProblem: '`address.house` is not text' } });
  });

  it('is read from a registry file as from HTTP', async () => {
    const registry = new FilePersonRegistry('file:test', new Map([[iin, record({ region: 'KZ-75', house: '3' })]]));
    expect(await registry.lookup(iin)).toMatchObject({ kind: 'found', person: { address: { region: 'KZ-75', house: '3' } } });
  });

  it('normalises text by the documented rule', () => {
    expect(normalisedAddressText('ул. Сейфуллина')).toBe(normalisedAddressText('Сейфуллина көшесі'));
    expect(normalisedAddressText('д. 12 / 3')).toBe(normalisedAddressText('12-3'));
    expect(normalisedAddressText('Ёлочная')).toBe(normalisedAddressText('елочная'));
    expect(normalisedAddressText('12/3')).not.toBe(normalisedAddressText('123'));
  });
});
