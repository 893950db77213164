import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { toGlobalId } from '../../src/api/relay.ts';
import { HttpPersonRegistry } from '../../src/modules/verification/http-registry.ts';
import { NO_REGISTRY_REASON } from '../../src/modules/verification/verification.service.ts';
import { CASEWORKER, createTestApi, dataOf, type TestApi } from '../support/api.ts';
import { aCard, aCareerCenter, nextIin } from '../support/builders.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { accepted, PAYLOAD_ERRORS } from '../support/keeping.ts';
import { registryPerson, startRegistryServer, type RegistryReplyPlan, type RegistryServer } from '../support/registry-server.ts';

// Rule 2 — the identity is verified through the state registry of individuals: on `cardOpen`, on
// `cardUpdateIdentity` and on `cardVerifyIdentity`. The registry (a real local HTTP server here)
// is asked before the card is locked; what the caseworker typed is saved whatever it answers and
// stays in the history when the registry's values replace it.

// A local answer can take over 200 ms on a busy machine: the registry the tests expect answers
// from waits 5 s, and only the one for the late answer gives up after 200 ms.
const PATIENT_MS = 5000;
const TIMEOUT_MS = 200;

let db: TestDatabase;
let registryServer: RegistryServer;
/** The API with the HTTP registry. */
let api: TestApi;
/** The API with no registry configured. */
let bare: TestApi;
/** The API whose registry gives up after TIMEOUT_MS. */
let hasty: TestApi;
let registryName: string;
let center: string;

beforeAll(async () => {
  db = await createTestDatabase();
  registryServer = await startRegistryServer();
  const registry = new HttpPersonRegistry({ baseUrl: registryServer.url, timeoutMs: PATIENT_MS });
  registryName = registry.name;
  api = await createTestApi(db.orm, { registry });
  bare = await createTestApi(db.orm);
  hasty = await createTestApi(db.orm, { registry: new HttpPersonRegistry({ baseUrl: registryServer.url, timeoutMs: TIMEOUT_MS }) });
  center = toGlobalId('CareerCenter', (await aCareerCenter(db.orm.em.fork())).id);
});
afterAll(async () => {
  await registryServer.close();
  await db.close();
});

const CARD = `id version fullName { surname givenName patronymic } citizenship nationality phone
  address { settlement street }
  identityVerification { status source verifiedAt checkedAt reasonCode reason }`;
const OPEN = `mutation($input: CardOpenInput!) { cardOpen(input: $input) { card { ${CARD} } existingCard ${PAYLOAD_ERRORS} } }`;
const UPDATE = `mutation($id: ID!, $version: Int!, $input: IdentityInput!) {
  cardUpdateIdentity(id: $id, version: $version, input: $input) { card { ${CARD} } ${PAYLOAD_ERRORS} } }`;
const VERIFY = `mutation($id: ID!) { cardVerifyIdentity(id: $id) { card { ${CARD} } ${PAYLOAD_ERRORS} } }`;
const READ = `query($id: ID!) { card(id: $id) { ${CARD} } }`;
const HISTORY = `query($id: ID!) { card(id: $id) { history(first: 100) {
  edges { node { actor actorName action part oldValue newValue } } } } }`;

const BIRTH_DATE = '1994-08-23';
/** What the caseworker types. */
const TYPED = {
  fullName: { surname: 'Бекова', givenName: 'Айгерим', patronymic: 'Ерлановна' },
  citizenship: 'KZ', nationality: 'казашка',
  address: { region: 'KZ-75', district: 'KZ-75-002', settlement: 'Алматы', street: 'Абай даңғылы', house: '10', apartment: '5' },
  phone: '+77011234567', email: 'aigerim@example.kz',
};
/** The same person as the registry records her. */
const REGISTERED = { surname: 'Бекова', givenName: 'Айгерім', patronymic: 'Ерланқызы', nationality: 'қазақ' };

const registered = (iin: string, data: object = {}) =>
  registryPerson(iin, { ...REGISTERED, birthDate: BIRTH_DATE, sex: 'FEMALE', citizenship: 'KZ', ...data });
/** The registry's record with exactly the values typed. */
const asTyped = (iin: string) => registered(iin, { ...TYPED.fullName, nationality: TYPED.nationality });

/** A new IIN the registry answers `plan` about (nothing: 404). */
function person(plan?: (iin: string) => RegistryReplyPlan): string {
  const iin = nextIin(BIRTH_DATE, 'FEMALE');
  if (plan) registryServer.answer(iin, plan(iin));
  return iin;
}

async function open(iin: string, through = api) {
  return accepted(await through.execute(OPEN, { input: { iin, appliedOn: '2026-03-02', careerCenter: center, ...TYPED } }), 'cardOpen').card;
}

async function history(id: string): Promise<any[]> {
  return dataOf(await api.execute(HISTORY, { id })).card.history.edges.map((edge: any) => edge.node);
}

const read = async (id: string) => dataOf(await api.execute(READ, { id })).card;

/** The identity part of the history for the typed or registered values. */
const identityOf = (iin: string, values: { fullName: object; citizenship: string | null; nationality: string | null }) => ({
  iin, sex: 'FEMALE', birthDate: BIRTH_DATE, fullName: values.fullName, citizenship: values.citizenship, nationality: values.nationality,
  address: TYPED.address, phone: TYPED.phone, email: TYPED.email,
});
const typedIdentity = (iin: string) => identityOf(iin, TYPED);
const registeredIdentity = (iin: string) => identityOf(iin, {
  fullName: { surname: REGISTERED.surname, givenName: REGISTERED.givenName, patronymic: REGISTERED.patronymic },
  citizenship: 'KZ', nationality: REGISTERED.nationality,
});

const since = (moment: number) => (value: string | null) => value !== null && Date.parse(value) >= moment - 1000;

describe('cardOpen asks the registry', () => {
  it('verifies an identity the registry confirms: VERIFIED, same version, only the outcome in the history', async () => {
    const iin = person((iin) => ({ json: asTyped(iin) }));
    const started = Date.now();
    const card = await open(iin);
    expect(registryServer.asked()).toContain(iin);
    expect(card).toMatchObject({ version: 1, fullName: TYPED.fullName, nationality: TYPED.nationality });
    expect(card.identityVerification).toMatchObject({ status: 'VERIFIED', source: registryName, reason: null });
    expect(since(started)(card.identityVerification.verifiedAt)).toBe(true);
    expect(card.identityVerification.checkedAt).toBe(card.identityVerification.verifiedAt);
    expect((await history(card.id)).map((h) => `${h.action}:${h.part}`)).toEqual(['cardOpen:identity', 'cardOpen:careerCenter', 'cardOpen:executor', 'cardOpen:registration', 'registryVerification:identityVerification']);
    expect(await read(card.id)).toEqual(card);
  });

  it('takes the registry values for §1, §5, §6; the history keeps what was typed', async () => {
    const iin = person((iin) => ({ json: registered(iin) }));
    const card = await open(iin);
    expect(card).toMatchObject({
      version: 2,
      fullName: { surname: 'Бекова', givenName: 'Айгерім', patronymic: 'Ерланқызы' }, citizenship: 'KZ', nationality: 'қазақ',
      // The registry does not speak about contacts: they stay as typed.
      phone: TYPED.phone, address: { settlement: 'Алматы', street: 'Абай даңғылы' },
      identityVerification: { status: 'VERIFIED', source: registryName, reasonCode: null, reason: null },
    });
    const records = await history(card.id);
    expect(records.filter((h) => h.part === 'identity')).toEqual([
      { actor: CASEWORKER.id, actorName: CASEWORKER.name, action: 'cardOpen', part: 'identity', oldValue: null, newValue: typedIdentity(iin) },
      {
        actor: CASEWORKER.id, actorName: CASEWORKER.name, action: 'registryVerification', part: 'identity',
        oldValue: typedIdentity(iin), newValue: registeredIdentity(iin),
      },
    ]);
    expect(await read(card.id)).toEqual(card);
  });

  it('takes null values too: a person with no patronymic, stateless, nationality not recorded', async () => {
    const iin = person((iin) => ({ json: registered(iin, { patronymic: null, citizenship: null, nationality: null }) }));
    const card = await open(iin);
    expect(card).toMatchObject({ version: 2, fullName: { patronymic: null }, citizenship: null, nationality: null, identityVerification: { status: 'VERIFIED' } });
  });

  it.each<[string, string, (iin: string) => RegistryReplyPlan, RegExp, string]>([
    ['answers too late', 'PENDING', (iin) => ({ json: registered(iin), delayMs: 1500 }), new RegExp(`did not answer within ${TIMEOUT_MS} ms`), 'REGISTRY_UNAVAILABLE'],
    ['answers HTTP 503', 'PENDING', () => ({ status: 503, json: {} }), /HTTP 503/, 'REGISTRY_UNAVAILABLE'],
    ['answers malformed JSON', 'FAILED', () => ({ body: '{"iin": "7' }), /unusable: the person registry answered malformed JSON/, 'UNUSABLE_ANSWER'],
    ['does not know the IIN (404)', 'FAILED', () => ({ status: 404, json: {} }), /has no person with this IIN/, 'NOT_IN_REGISTRY'],
    ['answers about another IIN', 'FAILED', () => ({ json: registered(nextIin(BIRTH_DATE, 'FEMALE')) }), /unusable: the answer is about another IIN/, 'UNUSABLE_ANSWER'],
    ['answers a birth date the IIN contradicts', 'FAILED', (iin) => ({ json: registered(iin, { birthDate: '1994-08-24' }) }), /contradicts the IIN/, 'UNUSABLE_ANSWER'],
  ])('saves the typed card when the registry %s: %s with the reason', async (_, status, plan, reason, reasonCode) => {
    const iin = person(plan);
    const started = Date.now();
    // A late answer goes to the API whose registry gives up after TIMEOUT_MS.
    const card = await open(iin, plan(iin).delayMs ? hasty : api);
    expect(card).toMatchObject({ version: 1, fullName: TYPED.fullName, citizenship: 'KZ', nationality: TYPED.nationality, phone: TYPED.phone });
    expect(card.identityVerification).toMatchObject({ status, source: null, verifiedAt: null, reasonCode });
    expect(card.identityVerification.reason).toMatch(reason);
    expect(since(started)(card.identityVerification.checkedAt)).toBe(true);
    expect((await history(card.id)).filter((h) => h.part === 'identity')).toEqual([expect.objectContaining({ action: 'cardOpen', newValue: typedIdentity(iin) })]);
    expect(await read(card.id)).toEqual(card);
  });

  it('leaves the card PENDING, saying so, when no registry is configured', async () => {
    const iin = person((iin) => ({ json: registered(iin) }));
    const card = await open(iin, bare);
    expect(registryServer.asked()).not.toContain(iin);
    expect(card).toMatchObject({
      version: 1, fullName: TYPED.fullName,
      identityVerification: { status: 'PENDING', source: null, verifiedAt: null, reasonCode: 'NO_REGISTRY', reason: NO_REGISTRY_REASON },
    });
    expect(NO_REGISTRY_REASON).toMatch(/no person registry is configured/);
  });

  it('checks the person again when an application reaches an existing card', async () => {
    const iin = person(() => ({ status: 503, json: {} }));
    const first = await open(iin);
    expect(first.identityVerification.status).toBe('PENDING');
    const { card } = accepted(await api.execute(`mutation($id: ID!, $v: Int!) {
      registrationRefuse(id: $id, version: $v, input: { refusedOn: "2026-03-03", reason: INCOMPLETE_DOCUMENTS }) { card { version } ${PAYLOAD_ERRORS} } }`,
    { id: await registrationOf(first.id), v: first.version }), 'registrationRefuse');
    registryServer.answer(iin, { json: registered(iin) });
    const again = accepted(await api.execute(OPEN, { input: { iin, appliedOn: '2026-03-05', careerCenter: center, ...TYPED } }), 'cardOpen');
    expect(again.existingCard).toBe(true);
    expect(again.card).toMatchObject({ id: first.id, version: card.version + 2, fullName: { givenName: 'Айгерім' }, identityVerification: { status: 'VERIFIED' } });
    expect((await history(first.id)).filter((h) => h.part === 'identity').at(-1)).toMatchObject({ action: 'registryVerification', oldValue: typedIdentity(iin), newValue: registeredIdentity(iin) });
  });
});

async function registrationOf(cardId: string): Promise<string> {
  const { card } = dataOf(await api.execute(`query($id: ID!) { card(id: $id) { jobSeekerRegistrations { id } } }`, { id: cardId }));
  return card.jobSeekerRegistrations[0].id;
}

describe('cardUpdateIdentity asks the registry', () => {
  it('saves the update, then the registry values as a change of their own', async () => {
    const iin = person((iin) => ({ json: asTyped(iin) }));
    const card = await open(iin);
    registryServer.answer(iin, { json: registered(iin) });
    const typedAgain = { ...TYPED, phone: '+77770000001' };
    const { card: updated } = accepted(await api.execute(UPDATE, { id: card.id, version: card.version, input: typedAgain }), 'cardUpdateIdentity');
    expect(updated).toMatchObject({ version: card.version + 2, fullName: { givenName: 'Айгерім' }, nationality: 'қазақ', phone: '+77770000001' });
    expect(updated.identityVerification).toMatchObject({ status: 'VERIFIED', source: registryName });
    const identity = (await history(card.id)).filter((h) => h.part === 'identity').slice(1);
    expect(identity.map((h) => [h.action, h.oldValue.phone, h.oldValue.fullName.givenName, h.newValue.fullName.givenName])).toEqual([
      ['cardUpdateIdentity', TYPED.phone, 'Айгерим', 'Айгерим'],
      ['registryVerification', '+77770000001', 'Айгерим', 'Айгерім'],
    ]);
  });

  it('keeps the update and marks the card PENDING when the registry is down', async () => {
    const iin = person((iin) => ({ json: asTyped(iin) }));
    const card = await open(iin);
    registryServer.answer(iin, { status: 500, json: {} });
    const { card: updated } = accepted(await api.execute(UPDATE, { id: card.id, version: card.version, input: { ...TYPED, phone: '+77770000002' } }), 'cardUpdateIdentity');
    expect(updated).toMatchObject({ version: card.version + 1, phone: '+77770000002' });
    // The last confirmation stands beside the failed check.
    expect(updated.identityVerification).toMatchObject({
      status: 'PENDING', source: registryName, verifiedAt: card.identityVerification.verifiedAt, reasonCode: 'REGISTRY_UNAVAILABLE', reason: 'the person registry answered HTTP 500',
    });
  });

  it('does not ask the registry about an update that is rejected', async () => {
    const iin = person((iin) => ({ json: asTyped(iin) }));
    const card = await open(iin);
    const asked = registryServer.asked().length;
    const stale = dataOf(await api.execute(UPDATE, { id: card.id, version: card.version + 5, input: TYPED })).cardUpdateIdentity;
    expect(stale.userErrors).toEqual([expect.objectContaining({ code: 'STALE_CARD' })]);
    const empty = dataOf(await api.execute(UPDATE, { id: card.id, version: card.version, input: { ...TYPED, fullName: { surname: ' ', givenName: 'А' } } })).cardUpdateIdentity;
    expect(empty.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_VALUE' })]);
    expect(registryServer.asked().length).toBe(asked);
    expect(await read(card.id)).toEqual(card);
  });
});

describe('cardVerifyIdentity', () => {
  it('confirms an unchanged identity without a new version: a caseworker working on that version is not told STALE_CARD', async () => {
    const iin = person(() => ({ status: 503, json: {} }));
    const card = await open(iin);
    expect(card.identityVerification.status).toBe('PENDING');
    registryServer.answer(iin, { json: asTyped(iin) });
    const historyBefore = await history(card.id);
    const { card: verified } = accepted(await api.execute(VERIFY, { id: card.id }), 'cardVerifyIdentity');
    expect(verified).toMatchObject({ version: card.version, fullName: TYPED.fullName, identityVerification: { status: 'VERIFIED', source: registryName, reasonCode: null, reason: null } });
    // The identity is as it was: the history records only the check's new outcome.
    expect(await history(card.id)).toEqual([...historyBefore, expect.objectContaining({
      action: 'registryVerification', part: 'identityVerification', oldValue: expect.objectContaining({ status: 'PENDING' }), newValue: expect.objectContaining({ status: 'VERIFIED' }),
    })]);
    const { card: updated } = accepted(await api.execute(UPDATE, { id: card.id, version: card.version, input: { ...TYPED, phone: '+77770000003' } }), 'cardUpdateIdentity');
    expect(updated.version).toBe(card.version + 1);
  });

  it('takes the registry values as a new version, recording who asked', async () => {
    const iin = person(() => ({ status: 404, json: {} }));
    const card = await open(iin);
    expect(card.identityVerification.status).toBe('FAILED');
    registryServer.answer(iin, { json: registered(iin) });
    const { card: verified } = accepted(await api.execute(VERIFY, { id: card.id }), 'cardVerifyIdentity');
    expect(verified).toMatchObject({ version: card.version + 1, nationality: 'қазақ', identityVerification: { status: 'VERIFIED', reason: null } });
    expect((await history(card.id)).filter((h) => h.part === 'identity').at(-1)).toEqual({
      actor: CASEWORKER.id, actorName: CASEWORKER.name, action: 'registryVerification', part: 'identity',
      oldValue: typedIdentity(iin), newValue: registeredIdentity(iin),
    });
  });

  it('fails a verified card the registry no longer confirms, keeping the last confirmation', async () => {
    const iin = person((iin) => ({ json: asTyped(iin) }));
    const card = await open(iin);
    registryServer.answer(iin, { status: 404, json: {} });
    const { card: checked } = accepted(await api.execute(VERIFY, { id: card.id }), 'cardVerifyIdentity');
    expect(checked).toMatchObject({
      version: card.version,
      identityVerification: { status: 'FAILED', source: registryName, verifiedAt: card.identityVerification.verifiedAt, reasonCode: 'NOT_IN_REGISTRY', reason: 'the person registry has no person with this IIN' },
    });
    expect(Date.parse(checked.identityVerification.checkedAt)).toBeGreaterThanOrEqual(Date.parse(card.identityVerification.checkedAt));
  });

  it('holds no lock on the card while the registry thinks: another change of the card goes through meanwhile', async () => {
    const iin = person((iin) => ({ json: asTyped(iin) }));
    const card = await open(iin);
    // The registry answers only once the update (through the API without a registry, so that the
    // update asks no registry itself) is through. Were the card locked while the registry thinks,
    // the update would wait for the registry to give up, and the card would stay unverified.
    let updated!: () => void;
    registryServer.answer(iin, { json: registered(iin), until: new Promise<void>((resolve) => (updated = resolve)) });
    const verifying = api.execute(VERIFY, { id: card.id });
    while (registryServer.asked().filter((asked) => asked === iin).length < 2) await new Promise((resolve) => setTimeout(resolve, 10));
    const updating = await bare.execute(UPDATE, { id: card.id, version: card.version, input: { ...TYPED, phone: '+77770000004' } });
    updated();
    expect(accepted(updating, 'cardUpdateIdentity').card.phone).toBe('+77770000004');
    // The registry's answer lands on the card as it is by then, the update included.
    expect(accepted(await verifying, 'cardVerifyIdentity').card).toMatchObject({
      phone: '+77770000004', fullName: { givenName: 'Айгерім' }, identityVerification: { status: 'VERIFIED' },
    });
  });

  it('answers NOT_FOUND for an unknown card and UNAUTHENTICATED without an actor', async () => {
    const missing = dataOf(await api.execute(VERIFY, { id: toGlobalId('Card', '987654321') })).cardVerifyIdentity;
    expect(missing).toEqual({ card: null, userErrors: [expect.objectContaining({ code: 'NOT_FOUND', field: ['id'] })] });
    const card = await aCard().save(db.orm.em.fork());
    const anonymous = await api.execute(VERIFY, { id: toGlobalId('Card', card.id) }, { actor: null });
    expect(anonymous.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    expect((await read(toGlobalId('Card', card.id))).identityVerification).toEqual({ status: 'PENDING', source: null, verifiedAt: null, checkedAt: null, reasonCode: null, reason: null });
  });

  it('says no registry is configured when none is', async () => {
    const card = await aCard().save(db.orm.em.fork());
    const { card: checked } = accepted(await bare.execute(VERIFY, { id: toGlobalId('Card', card.id) }), 'cardVerifyIdentity');
    // Nothing was asked: no time of a check.
    expect(checked).toMatchObject({ version: card.version, identityVerification: { status: 'PENDING', checkedAt: null, reasonCode: 'NO_REGISTRY', reason: NO_REGISTRY_REASON } });
  });
});
