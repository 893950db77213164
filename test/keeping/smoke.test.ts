import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { toGlobalId } from '../../src/graphql/relay.ts';
import { createTestApi, dataOf, type TestApi } from '../support/api.ts';
import { aCareerCenter, nextIin } from '../support/builders.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { accepted, PAYLOAD_ERRORS, wholeCard } from '../support/keeping.ts';

let db: TestDatabase;
let api: TestApi;
let center: string;
beforeAll(async () => {
  db = await createTestDatabase();
  api = await createTestApi(db.orm);
  center = toGlobalId('CareerCenter', (await aCareerCenter(db.orm.em.fork())).id);
});
afterAll(() => db.close());

describe('smoke', () => {
  it('opens a card and keeps it', async () => {
    const iin = nextIin('1991-03-04', 'FEMALE');
    const opened = accepted(await api.execute(`mutation($input: CardOpenInput!) { cardOpen(input: $input) { card { id version } registration { id status } existingCard ${PAYLOAD_ERRORS} } }`, {
      input: { iin, appliedOn: '2026-11-01', careerCenter: center, fullName: { surname: 'Бекова', givenName: 'Айгерім' } },
    }), 'cardOpen');
    expect(opened).toMatchObject({ card: { version: 1 }, registration: { status: 'APPLIED' }, existingCard: false });
    const reg = accepted(await api.execute(`mutation($id: ID!) { registrationRegister(id: $id, version: 1, input: { registeredOn: "2026-11-02" }) { card { version } registration { status } ${PAYLOAD_ERRORS} } }`, { id: opened.registration.id }), 'registrationRegister');
    expect(reg).toMatchObject({ card: { version: 2 }, registration: { status: 'REGISTERED' } });
    const ref = accepted(await api.execute(`mutation($id: ID!) { referralCreate(cardId: $id, version: 2, input: { employerName: "ТОО «Береке»", position: "бухгалтер", referredOn: "2026-11-03" }) { card { version } referral { id } ${PAYLOAD_ERRORS} } }`, { id: opened.card.id }), 'referralCreate');
    const reloc = accepted(await api.execute(`mutation($id: ID!) { relocationCreate(cardId: $id, version: 3, input: {
        referredOn: "2026-11-04", familyMembers: [{ fullName: "Беков Ерлан", kinship: "супруг", ableToWork: true }, { fullName: "Бекова Ая", ableToWork: false, unableToWorkReason: "несовершеннолетняя" }],
        destination: { region: "KZ-59" }, materialAssistance: { relocationExpenses: "100000.10" }, housing: { type: DORMITORY_ROOM, areaPerFamilyMember: 12.5 } }) {
        card { version } activeMeasure { ... on Relocation { id familyMembersAbleToWork { fullName } familyMembersUnableToWork { fullName } } } ${PAYLOAD_ERRORS} } }`, { id: opened.card.id }), 'relocationCreate');
    expect(reloc.activeMeasure.familyMembersUnableToWork).toEqual([{ fullName: 'Бекова Ая' }]);
    const sign = accepted(await api.execute(`mutation($id: ID!) { cardSign(id: $id, version: 4, input: { role: EXECUTOR, signerName: "Ахметова Д.", signature: "TUlJQg==" }) { card { version signatures { covered executor { digest coversCurrentVersion } digest } } ${PAYLOAD_ERRORS} } }`, { id: opened.card.id }), 'cardSign');
    expect(sign.card.version).toBe(4);
    expect(sign.card.signatures.executor.digest).toBe(sign.card.signatures.digest);
    const card = await wholeCard(api, opened.card.id);
    expect(card.history.totalCount).toBeGreaterThan(5);
    const { card: past } = dataOf(await api.execute(`query($id: ID!, $at: DateTime!) { card(id: $id, asOf: $at) { version asOf jobSeekerRegistrations { status } activeMeasures { totalCount } } }`, { id: opened.card.id, at: new Date(Date.now() + 1000).toISOString() }));
    expect(past).toMatchObject({ version: 4, activeMeasures: { totalCount: 1 } });
    void ref;
  });
});
