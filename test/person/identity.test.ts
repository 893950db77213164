import { beforeAll, describe, expect, it } from '@jest/globals';
import { toGlobalId } from '../../src/api/relay.ts';
import { CASEWORKER, dataOf } from '../support/api.ts';
import { aCareerCenter, nextIin } from '../support/builders.ts';
import { accepted, PAYLOAD_ERRORS, rejects, wholeCard } from '../support/keeping.ts';
import { apiFixture } from '../support/fixture.ts';

// §1, §5–9 — `cardUpdateIdentity` corrects the person's identity and contacts; §2 (IIN) never
// changes, and §3 (sex) and §4 (birth date) follow from it, so none of them is in the input.

let center: string;

const fixture = apiFixture();
beforeAll(async () => {
  center = toGlobalId('CareerCenter', (await aCareerCenter(fixture.db.orm.em.fork())).id);
});

const OPEN = `mutation($input: CardOpenInput!) { cardOpen(input: $input) { card { id version } ${PAYLOAD_ERRORS} } }`;
const UPDATE = `mutation($id: ID!, $version: Int!, $input: IdentityInput!) {
  cardUpdateIdentity(id: $id, version: $version, input: $input) {
    card { id version iin sex birthDate fullName { surname givenName patronymic } citizenship nationality
      address { region { code } district { code } settlement street house apartment } phone email }
    ${PAYLOAD_ERRORS}
  } }`;
const HISTORY = `query($id: ID!) { card(id: $id) { history(first: 100) {
  totalCount edges { node { actor actorName action part entryId oldValue newValue } } } } }`;

const ORIGINAL = {
  fullName: { surname: 'Серікбаев', givenName: 'Нұрлан', patronymic: 'Асқарұлы' },
  citizenship: 'KZ', nationality: 'қазақ',
  address: { region: 'KZ-75', district: 'KZ-75-002', settlement: 'Алматы', street: 'Абай даңғылы', house: '10', apartment: '5' },
  phone: '+77011234567', email: 'nurlan@example.kz',
};

const UPDATED = {
  fullName: { surname: 'Сейітов', givenName: 'Әлихан', patronymic: null },
  citizenship: 'RU', nationality: 'орыс',
  address: { region: 'KZ-71', district: 'KZ-71-001', settlement: 'Астана', street: 'Мәңгілік Ел даңғылы', house: '8', apartment: '12' },
  phone: '+77771234567', email: 'alikhan@example.kz',
};

/** A card opened through `cardOpen` (version 1) for a man born on 1988-06-15. */
async function openCard() {
  const iin = nextIin('1988-06-15', 'MALE');
  const opened = accepted(await fixture.api.execute(OPEN, { input: { iin, appliedOn: '2026-03-02', careerCenter: center, ...ORIGINAL } }), 'cardOpen');
  expect(opened.card.version).toBe(1);
  return { id: opened.card.id as string, iin };
}

async function history(cardId: string): Promise<any[]> {
  const { card } = dataOf(await fixture.api.execute(HISTORY, { id: cardId }));
  return card.history.edges.map((edge: any) => edge.node);
}

const update = (id: string, version: number, input: object) => fixture.api.execute(UPDATE, { id, version, input });

/** The identity part as the history records it. */
const snapshot = (iin: string, identity: typeof ORIGINAL | typeof UPDATED, address: object | null = identity.address) => ({
  iin, sex: 'MALE', birthDate: '1988-06-15', fullName: identity.fullName, citizenship: identity.citizenship,
  nationality: identity.nationality, address, phone: identity.phone, email: identity.email,
});

describe('cardUpdateIdentity', () => {
  it('replaces §1 and §5–9, bumps the version and records the exact old and new identity', async () => {
    const { id, iin } = await openCard();
    const before = await history(id);
    const payload = accepted(await update(id, 1, UPDATED), 'cardUpdateIdentity');
    expect(payload.card).toEqual({
      id, version: 2, iin, sex: 'MALE', birthDate: '1988-06-15',
      fullName: { surname: 'Сейітов', givenName: 'Әлихан', patronymic: null },
      citizenship: 'RU', nationality: 'орыс',
      address: { region: { code: 'KZ-71' }, district: { code: 'KZ-71-001' }, settlement: 'Астана', street: 'Мәңгілік Ел даңғылы', house: '8', apartment: '12' },
      phone: '+77771234567', email: 'alikhan@example.kz',
    });
    const card = await wholeCard(fixture.api, id);
    expect(card).toMatchObject({ version: 2, iin, sex: 'MALE', birthDate: '1988-06-15', fullName: UPDATED.fullName, phone: UPDATED.phone });

    const added = (await history(id)).slice(before.length);
    expect(added).toEqual([{
      actor: CASEWORKER.id, actorName: CASEWORKER.name, action: 'cardUpdateIdentity', part: 'identity', entryId: null,
      oldValue: snapshot(iin, ORIGINAL), newValue: snapshot(iin, UPDATED),
    }]);
  });

  it('tidies the text it stores (trims surrounding spaces)', async () => {
    const { id } = await openCard();
    const payload = accepted(await update(id, 1, {
      ...ORIGINAL, fullName: { surname: '  Серікбаев ', givenName: 'Нұрлан  ', patronymic: ' Асқарұлы' }, nationality: ' қазақ ',
    }), 'cardUpdateIdentity');
    expect(payload.card).toMatchObject({ fullName: ORIGINAL.fullName, nationality: 'қазақ' });
  });

  it('clears the address when it is given as null', async () => {
    const { id, iin } = await openCard();
    const before = await history(id);
    const payload = accepted(await update(id, 1, { ...ORIGINAL, address: null }), 'cardUpdateIdentity');
    expect(payload.card).toMatchObject({ version: 2, address: null, phone: ORIGINAL.phone });
    const card = await wholeCard(fixture.api, id);
    expect(card.address).toBeNull();
    expect(card.version).toBe(2);
    const added = (await history(id)).slice(before.length);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({ part: 'identity', oldValue: snapshot(iin, ORIGINAL), newValue: snapshot(iin, ORIGINAL, null) });
  });

  it('takes successive changes, each based on the version before', async () => {
    const { id } = await openCard();
    expect(accepted(await update(id, 1, UPDATED), 'cardUpdateIdentity').card.version).toBe(2);
    expect(accepted(await update(id, 2, ORIGINAL), 'cardUpdateIdentity').card.version).toBe(3);
    expect(await wholeCard(fixture.api, id)).toMatchObject({ version: 3, fullName: ORIGINAL.fullName, citizenship: 'KZ' });
  });
});

describe('cardUpdateIdentity rejections leave the card unchanged', () => {
  it('rejects a stale version with STALE_CARD', async () => {
    const { id } = await openCard();
    accepted(await update(id, 1, UPDATED), 'cardUpdateIdentity');
    await rejects(fixture.api, id, () => update(id, 1, ORIGINAL), 'cardUpdateIdentity', 'STALE_CARD', ['version']);
    // A version from the future is just as wrong.
    await rejects(fixture.api, id, () => update(id, 7, ORIGINAL), 'cardUpdateIdentity', 'STALE_CARD', ['version']);
  });

  it('rejects an unknown card with NOT_FOUND', async () => {
    const { id } = await openCard();
    const before = await wholeCard(fixture.api, id);
    const missing = toGlobalId('Card', '987654321');
    const payload = dataOf(await update(missing, 1, UPDATED)).cardUpdateIdentity;
    expect(payload.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: ['id'] })]);
    expect(payload.card).toBeNull();
    expect(dataOf(await fixture.api.execute(`query($id: ID!) { card(id: $id) { id } }`, { id: missing })).card).toBeNull();
    expect(await wholeCard(fixture.api, id)).toEqual(before);
  });

  it('rejects an empty given name with INVALID_VALUE', async () => {
    const { id } = await openCard();
    await rejects(fixture.api, id, () => update(id, 1, { ...UPDATED, fullName: { surname: 'Сейітов', givenName: '  ' } }),
      'cardUpdateIdentity', 'INVALID_VALUE', ['input', 'fullName', 'givenName']);
  });

  it('rejects a district that is not in the region with INVALID_VALUE', async () => {
    const { id } = await openCard();
    await rejects(fixture.api, id, () => update(id, 1, { ...UPDATED, address: { region: 'KZ-75', district: 'KZ-71-001' } }),
      'cardUpdateIdentity', 'INVALID_VALUE', ['input', 'address', 'district']);
  });

  it('rejects an unknown region with UNKNOWN_CODE', async () => {
    const { id } = await openCard();
    await rejects(fixture.api, id, () => update(id, 1, { ...UPDATED, address: { region: 'KZ-99' } }),
      'cardUpdateIdentity', 'UNKNOWN_CODE', ['input', 'address', 'region']);
  });

  it('refuses a request without an actor with UNAUTHENTICATED', async () => {
    const { id } = await openCard();
    const before = await wholeCard(fixture.api, id);
    const result = await fixture.api.execute(UPDATE, { id, version: 1, input: UPDATED }, { actor: null });
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    expect(await wholeCard(fixture.api, id)).toEqual(before);
  });
});

describe('§2–4 cannot be changed', () => {
  it('IdentityInput has no IIN, sex or birth date', async () => {
    const { __type } = dataOf(await fixture.api.execute(`{ __type(name: "IdentityInput") { inputFields { name } } }`));
    expect(__type.inputFields.map((f: any) => f.name).sort()).toEqual(['address', 'citizenship', 'email', 'fullName', 'nationality', 'phone']);
  });

  it.each([
    ['iin', { iin: nextIin('1970-01-01', 'FEMALE') }],
    ['sex', { sex: 'FEMALE' }],
    ['birthDate', { birthDate: '1970-01-01' }],
  ])('an input with %s is bad user input and changes nothing', async (_, extra) => {
    const { id, iin } = await openCard();
    const before = await wholeCard(fixture.api, id);
    const result = await update(id, 1, { ...UPDATED, ...extra });
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(result.data?.cardUpdateIdentity ?? null).toBeNull();
    const after = await wholeCard(fixture.api, id);
    expect(after).toEqual(before);
    expect(after).toMatchObject({ iin, sex: 'MALE', birthDate: '1988-06-15' });
  });
});
