import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { FULL_CARD } from '../../src/bench/queries.ts';
import { toGlobalId } from '../../src/api/relay.ts';
import { CASEWORKER, dataOf } from '../support/api.ts';
import { aCareerCenter, nextIin } from '../support/builders.ts';
import { accepted, PAYLOAD_ERRORS } from '../support/keeping.ts';
import { apiFixture } from '../support/fixture.ts';
import { aCa, aSigner, signDetached, trustFolder, type TestSigner } from '../support/signing.ts';
import type { Signing } from '../../src/modules/footer/signature-verification.ts';
import { TrustStore } from '../../src/modules/footer/trust-store.ts';

// Rule 3: every change is recorded (who, when, what, before and after), and the card can be read
// exactly as it stood at any past moment.

let center: string;
let centerCode: string;
// Signing needs a trusted CA and a signer's certificate; the fixture's API checks against them.
const signing: Signing = { trust: null as unknown as TrustStore, external: null };
let signer: TestSigner;
const SIGNER_IIN = nextIin('1985-03-08', 'FEMALE');
const fixture = apiFixture({ signing });
beforeAll(async () => {
  const created = await aCareerCenter(fixture.db.orm.em.fork());
  center = toGlobalId('CareerCenter', created.id);
  centerCode = created.code;
  const ca = await aCa();
  signing.trust = await TrustStore.load(await trustFolder(ca));
  signer = await aSigner(ca, { iin: SIGNER_IIN, name: 'АХМЕТОВА Д.' });
});

const CARD_AS_SEEN = `query($id: ID!, $at: DateTime) { card(id: $id, asOf: $at) {
  ...FullCard
  asOf
  voided: referrals(first: 100, includeVoided: true) { edges { node { id voided { by reason } } } }
  signatures { currentVersion digest covered executor { id } }
  history(first: 100) { totalCount edges { node { id action part } } }
} } ${FULL_CARD}`;

async function seen(id: string, at?: string) {
  const { card } = dataOf(await fixture.api.execute(CARD_AS_SEEN, { id, at }));
  if (!card) return card;
  // The row's last-change time is not part of what the card says.
  const { updatedAt, ...rest } = card;
  return rest;
}

const mutate = async (query: string, variables: Record<string, unknown>, field: string) => {
  await sleep(3); // distinct milliseconds for distinct changes
  return accepted(await fixture.api.execute(query, variables), field);
};

async function openCard() {
  const opened = await mutate(`mutation($input: CardOpenInput!) { cardOpen(input: $input) { card { id } registration { id } ${PAYLOAD_ERRORS} } }`, {
    input: {
      iin: nextIin('1988-07-21', 'MALE'), appliedOn: '2026-10-01', careerCenter: center, phone: '+77011112233',
      fullName: { surname: 'Жақсылықов', givenName: 'Ерлан' }, address: { region: 'KZ-75', district: 'KZ-75-002', street: 'Абай даңғылы' },
    },
  }, 'cardOpen');
  return { cardId: opened.card.id as string, registrationId: opened.registration.id as string };
}

describe('card.history', () => {
  it('records who, when, which action and part, and the values before and after', async () => {
    const started = Date.now();
    const { cardId, registrationId } = await openCard();
    await mutate(`mutation($id: ID!) { registrationRegister(id: $id, version: 1, input: { registeredOn: "2026-10-02" }) { ${PAYLOAD_ERRORS} } }`, { id: registrationId }, 'registrationRegister');
    await mutate(`mutation($id: ID!) { cardUpdateIdentity(id: $id, version: 2, input: {
      fullName: { surname: "Жақсылықов", givenName: "Ерлан", patronymic: "Серікұлы" }, phone: "+77019998877",
      address: { region: "KZ-75", district: "KZ-75-002", street: "Абай даңғылы" } }) { ${PAYLOAD_ERRORS} } }`, { id: cardId }, 'cardUpdateIdentity');

    const { card } = dataOf(await fixture.api.execute(`query($id: ID!) { card(id: $id) { version history(first: 100) { totalCount edges { node {
      id at actor actorName action part entryId oldValue newValue } } } } }`, { id: cardId }));
    const records = card.history.edges.map((e: any) => e.node);
    expect(card.version).toBe(3);
    expect(records.map((r: any) => [r.action, r.part])).toEqual([
      ['cardOpen', 'identity'], ['cardOpen', 'careerCenter'], ['cardOpen', 'executor'], ['cardOpen', 'registration'],
      ['registrationRegister', 'registration'], ['cardUpdateIdentity', 'identity'],
    ]);
    for (const record of records) {
      expect(record).toMatchObject({ actor: CASEWORKER.id, actorName: CASEWORKER.name });
      expect(Date.parse(record.at)).toBeGreaterThanOrEqual(started - 1);
    }
    const [openedIdentity, , openedExecutor, openedRegistration, registered, identityUpdate] = records;
    expect(openedIdentity.oldValue).toBeNull();
    // Footer: the caseworker who opened the card keeps it.
    expect(openedExecutor).toMatchObject({ oldValue: null, newValue: { userId: CASEWORKER.id, fullName: CASEWORKER.name } });
    expect(openedIdentity.newValue).toMatchObject({ birthDate: '1988-07-21', sex: 'MALE', phone: '+77011112233' });
    expect(openedRegistration.entryId).toBe(registrationId);
    expect(registered.oldValue).toMatchObject({ kind: 'JOB_SEEKER', appliedOn: '2026-10-01', registeredOn: null });
    expect(registered.newValue).toMatchObject({ kind: 'JOB_SEEKER', appliedOn: '2026-10-01', registeredOn: '2026-10-02' });
    expect(identityUpdate.oldValue).toMatchObject({ phone: '+77011112233', fullName: { patronymic: null } });
    expect(identityUpdate.newValue).toMatchObject({ phone: '+77019998877', fullName: { patronymic: 'Серікұлы' } });
    // A history entry is a node of its own.
    const { node } = dataOf(await fixture.api.execute('query($id: ID!) { node(id: $id) { ... on CardHistoryEntry { action part } } }', { id: identityUpdate.id }));
    expect(node).toEqual({ action: 'cardUpdateIdentity', part: 'identity' });
  });

  it('writes nothing for a rejected change', async () => {
    const { cardId } = await openCard();
    const count = async () => dataOf(await fixture.api.execute('query($id: ID!) { card(id: $id) { history { totalCount } } }', { id: cardId })).card.history.totalCount;
    const before = await count();
    const result = dataOf(await fixture.api.execute(`mutation($id: ID!) { referralCreate(cardId: $id, version: 1, input: {
      employerName: "ТОО «А»", position: "кассир", referredOn: "2099-01-01" }) { ${PAYLOAD_ERRORS} } }`, { id: cardId }));
    expect(result.referralCreate.userErrors[0].code).toBe('IN_FUTURE');
    expect(await count()).toBe(before);
  });

  it('pages through the history with cursors', async () => {
    const { cardId } = await openCard();
    const page = async (after: string | null) => dataOf(await fixture.api.execute(`query($id: ID!, $after: String) { card(id: $id) {
      history(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { part } } } } }`, { id: cardId, after })).card.history;
    const first = await page(null);
    const second = await page(first.pageInfo.endCursor);
    expect(first).toMatchObject({ totalCount: 4, pageInfo: { hasNextPage: true } });
    expect([...first.edges, ...second.edges].map((e: any) => e.node.part)).toEqual(['identity', 'careerCenter', 'executor', 'registration']);
    expect(second.pageInfo.hasNextPage).toBe(false);
  });
});

describe('card(id, asOf)', () => {
  it('shows the card exactly as it stood after each of many changes', async () => {
    const before = new Date().toISOString();
    await sleep(3);
    const { cardId, registrationId } = await openCard();
    const moments: { at: string; card: unknown }[] = [];
    const remember = async () => {
      moments.push({ at: new Date().toISOString(), card: await seen(cardId) });
    };
    await remember();
    const steps: [string, Record<string, unknown>, string][] = [
      [`mutation($id: ID!, $v: Int!) { registrationRegister(id: $id, version: $v, input: { registeredOn: "2026-10-03" }) { ${PAYLOAD_ERRORS} } }`, { id: registrationId }, 'registrationRegister'],
      [`mutation($card: ID!, $v: Int!) { registrationApply(cardId: $card, version: $v, input: { kind: UNEMPLOYED, appliedOn: "2026-10-05" }) { ${PAYLOAD_ERRORS} } }`, {}, 'registrationApply'],
      [`mutation($card: ID!, $v: Int!) { referralCreate(cardId: $card, version: $v, input: { employerName: "ТОО «Береке»", position: "бухгалтер", referredOn: "2026-10-06" }) { ${PAYLOAD_ERRORS} } }`, {}, 'referralCreate'],
      [`mutation($card: ID!, $v: Int!) { referralCreate(cardId: $card, version: $v, input: { employerName: "ТОО «Ақ жол»", position: "жүргізуші", referredOn: "2026-10-06" }) { referral { id } ${PAYLOAD_ERRORS} } }`, {}, 'referralCreate'],
      [`mutation($card: ID!, $v: Int!) { relocationCreate(cardId: $card, version: $v, input: { referredOn: "2026-10-07",
        familyMembers: [{ fullName: "Жақсылықова Әсел", kinship: "жұбайы", ableToWork: true }],
        destination: { region: "KZ-39" }, materialAssistance: { relocationExpenses: "150000.00" } }) { ${PAYLOAD_ERRORS} } }`, {}, 'relocationCreate'],
      [`mutation($card: ID!, $v: Int!) { cardSetExpectations(id: $card, version: $v, input: { wage: { desired: "400000", minimum: "250000" }, searchTime: DECENT_OPTION }) { ${PAYLOAD_ERRORS} } }`, {}, 'cardSetExpectations'],
      [`mutation($card: ID!, $v: Int!, $signature: Signature!) { cardSign(id: $card, version: $v, input: { role: EXECUTOR, signature: $signature }) { ${PAYLOAD_ERRORS} } }`, {}, 'cardSign'],
      [`mutation($card: ID!, $v: Int!) { cardUpdateIdentity(id: $card, version: $v, input: { fullName: { surname: "Жақсылықов", givenName: "Ерлан" }, phone: "+77770001122" }) { ${PAYLOAD_ERRORS} } }`, {}, 'cardUpdateIdentity'],
    ];
    for (const [query, variables, field] of steps) {
      const { version, signatures } = dataOf(await fixture.api.execute('query($id: ID!) { card(id: $id) { version signatures { document } } }', { id: cardId })).card;
      if (field === 'cardSign') {
        // The executor who opened the card signs, as themselves.
        await sleep(3);
        const principal = { subject: CASEWORKER.id, role: 'CASEWORKER' as const, careerCenter: centerCode, name: CASEWORKER.name, iin: SIGNER_IIN };
        accepted(await fixture.api.execute(query, { card: cardId, v: version, signature: await signDetached(signatures.document, signer) }, { principal }), field);
      } else {
        await mutate(query, { ...variables, card: cardId, v: version }, field);
      }
      await remember();
    }
    const hired = dataOf(await fixture.api.execute('query($id: ID!) { card(id: $id) { version referrals { edges { node { id } } } } }', { id: cardId })).card;
    await mutate(`mutation($id: ID!, $v: Int!) { referralRecordHiring(id: $id, version: $v, input: { orderDate: "2026-10-20", orderNumber: "17-к", position: "жүргізуші" }) { ${PAYLOAD_ERRORS} } }`,
      { id: hired.referrals.edges[1].node.id, v: hired.version }, 'referralRecordHiring');
    await remember();
    // Later changes that the earlier moments must not show: corrections, a void, a replaced family.
    const now = dataOf(await fixture.api.execute(`query($id: ID!) { card(id: $id) { version referrals { edges { node { id } } }
      activeMeasures { edges { node { ... on Relocation { id } } } } } }`, { id: cardId })).card;
    await mutate(`mutation($id: ID!, $v: Int!) { relocationCorrect(id: $id, version: $v, input: { referredOn: "2026-10-08",
      familyMembers: [{ fullName: "Жақсылықов Нұр", kinship: "ұлы", ableToWork: false, unableToWorkReason: "кәмелетке толмаған" }],
      destination: { region: "KZ-59" }, materialAssistance: { relocationExpenses: "175000.50" }, housing: { type: APARTMENT, areaPerFamilyMember: 18 } }) { ${PAYLOAD_ERRORS} } }`,
    { id: now.activeMeasures.edges[0].node.id, v: now.version }, 'relocationCorrect');
    await mutate(`mutation($id: ID!, $v: Int!) { cardEntryVoid(id: $id, version: $v, reason: "entered on the wrong card") { ${PAYLOAD_ERRORS} } }`,
      { id: now.referrals.edges[0].node.id, v: now.version + 1 }, 'cardEntryVoid');
    await remember();

    expect(await seen(cardId, before)).toBeNull();
    for (const moment of moments) {
      const past = await seen(cardId, moment.at);
      expect({ ...past, asOf: undefined }).toEqual({ ...(moment.card as object), asOf: undefined });
      expect(past.asOf).toBe(moment.at);
    }
    // The moments differ from each other, so the comparisons above compared something.
    expect(new Set(moments.map((m) => JSON.stringify(m.card))).size).toBe(moments.length);
  });
});
