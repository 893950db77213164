import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FULL_CARD } from '../../src/bench/queries.ts';
import type { Principal } from '../../src/modules/access/principal.ts';
import { toGlobalId } from '../../src/api/relay.ts';
import { createTestApi, dataOf, type TestApi } from '../support/api.ts';
import { aCard, aCareerCenter } from '../support/builders.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

// An analyst reads every card with the personal data masked (IIN, names, phone,
// e-mail, street, house, apartment, day of birth; in history values too) and everything else,
// the figures statistics are made of, as it is.

let db: TestDatabase;
let api: TestApi;
let cardId: string;
let iin: string;

const CASEWORKER: Principal = { subject: 'cw-1', role: 'CASEWORKER', careerCenter: 'CC-MASK', name: 'Ахметова Д.', iin: null };
const ANALYST: Principal = { subject: 'an-1', role: 'ANALYST', careerCenter: null, name: null, iin: null };

const READ = `query($id: ID!) { card(id: $id) {
  ...FullCard
  personalDataMasked
  history(first: 10) { edges { node { part oldValue newValue } } }
} } ${FULL_CARD}`;

beforeAll(async () => {
  db = await createTestDatabase();
  api = await createTestApi(db.orm);
  const center = await aCareerCenter(db.orm.em.fork(), { code: 'CC-MASK' });
  const card = await aCard().complete().save(db.orm.em.fork(), center);
  cardId = toGlobalId('Card', card.id);
  iin = card.iin;
  // A change, so the history holds identity values before and after.
  const changed = dataOf(await api.execute(`mutation($id: ID!) { cardUpdateIdentity(id: $id, version: 1, input: {
    fullName: { surname: "Серікбаева", givenName: "Айгерім", patronymic: "Болатқызы" }, phone: "+77015550011", email: "a@example.kz",
    address: { region: "KZ-75", street: "Абай даңғылы", house: "12", apartment: "7" } }) { userErrors { code } } }`, { id: cardId }, { principal: CASEWORKER }));
  expect(changed.cardUpdateIdentity.userErrors).toEqual([]);
});
afterAll(() => db.close());

describe('an analyst', () => {
  it('sees the personal data masked, and is told so', async () => {
    const { card } = dataOf(await api.execute(READ, { id: cardId }, { principal: ANALYST }));
    expect(card.personalDataMasked).toBe(true);
    expect(card.iin).toBe('************');
    expect(card.fullName).toEqual({ surname: '***', givenName: '***', patronymic: '***' });
    expect([card.phone, card.email]).toEqual([null, null]);
    expect(card.address).toMatchObject({ region: { code: 'KZ-75' }, street: null, house: null, apartment: null });
    expect(card.birthDate).toBe('1990-05-01');
    const family = card.activeMeasures.edges.map((e: any) => e.node).find((m: any) => m.__typename === 'Relocation');
    for (const member of [...family.familyMembersAbleToWork, ...family.familyMembersUnableToWork]) expect(member.fullName).toBe('***');
  });

  it('sees every other field exactly as a caseworker of the card\'s center does', async () => {
    const masked = dataOf(await api.execute(READ, { id: cardId }, { principal: ANALYST })).card;
    const plain = dataOf(await api.execute(READ, { id: cardId }, { principal: CASEWORKER })).card;
    expect(plain.personalDataMasked).toBe(false);
    expect(plain.iin).toBe(iin);
    const personal = ['iin', 'fullName', 'phone', 'email', 'address', 'birthDate', 'activeMeasures', 'history', 'personalDataMasked', 'footer'];
    const rest = (card: any) => Object.fromEntries(Object.entries(card).filter(([key]) => !personal.includes(key)));
    expect(rest(masked)).toEqual(rest(plain));
    // The footer's people: the signatories, the executor who keeps the card, the signers and their certificates.
    const { footer } = plain;
    const signature = (s: any) => s && { ...s, signerName: '***', signature: '***', signerIin: s.signerIin && '************', certificateSubject: s.certificateSubject && '***' };
    expect(masked.footer).toEqual({
      ...footer, keptBy: footer.keptBy && { userId: null, fullName: '***' },
      executor: { fullName: '***', signature: signature(footer.executor.signature) }, head: { fullName: '***', signature: signature(footer.head.signature) },
      signatures: footer.signatures.map(signature),
    });
    expect(masked.address.region).toEqual(plain.address.region);
    // §16 amounts and dates, which statistics count, stay.
    const amounts = (card: any) => card.activeMeasures.edges.map((e: any) => [e.node.__typename, e.node.referredOn, e.node.microcredit?.amount ?? null]);
    expect(amounts(masked)).toEqual(amounts(plain));
  });

  it('sees the history values masked the same way', async () => {
    const { card } = dataOf(await api.execute(READ, { id: cardId }, { principal: ANALYST }));
    const identity = card.history.edges.map((e: any) => e.node).find((h: any) => h.part === 'identity');
    for (const value of [identity.oldValue, identity.newValue]) {
      expect(value).toMatchObject({ iin: '************', fullName: { surname: '***', givenName: '***', patronymic: '***' }, phone: null, email: null, birthDate: '1990-05-01' });
    }
    expect(identity.newValue.address).toMatchObject({ region: 'KZ-75', street: null, house: null, apartment: null });
    const plain = dataOf(await api.execute(READ, { id: cardId }, { principal: CASEWORKER })).card;
    expect(plain.history.edges.map((e: any) => e.node).find((h: any) => h.part === 'identity').newValue).toMatchObject({ iin, phone: '+77015550011' });
  });

  it('may not look a card up by IIN', async () => {
    const result = await api.execute('query($iin: IIN!) { cardByIin(iin: $iin) { id } }', { iin }, { principal: ANALYST });
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
  });
});
