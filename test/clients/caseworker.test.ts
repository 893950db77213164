import { readFileSync } from 'node:fs';
import { describe, expect, it, jest } from '@jest/globals';
import { toGlobalId } from '../../src/api/relay.ts';
import { systemClock } from '../../src/modules/base/clock.ts';
import { signingFrom } from '../../src/modules/footer/signing-from-settings.ts';
import { composeIin } from '../../src/modules/person/iin.ts';
import { readSettings } from '../../src/runtime/settings.ts';
import * as desk from '../../clients/caseworker/generated/graphql.ts';
import { aCareerCenter, nextIin } from '../support/builders.ts';
import { clientOf, dataOf, operationsOf } from '../support/client.ts';
import { servedApi, type Caller } from '../support/served-api.ts';
import { aCa, aSigner, signDetached, trustFolder, type TestCa } from '../support/signing.ts';

// The caseworker app's day through its own typed operations (clients/caseworker/, typed by the
// codegen client preset), on a server that runs only the app's manifest as the preset wrote it:
// find a person, open the card, register, refer (§14), plan and record a visit (§18), sign the
// footer (executor and head) and print the card. The app sends each operation as text, as
// graphql's `print` gives it from the typed document: the server trusts it by its printed form.

jest.setTimeout(120_000);

const MANIFEST = 'clients/caseworker/generated/persisted-documents.json';
const CENTER = 'CC-DESK';
/** A valid IIN of someone born on `birth`, for the staff who sign. */
const staffIin = (birth: string, sex: 'MALE' | 'FEMALE') => {
  for (let serial = 100; ; serial++) {
    const iin = composeIin(birth, sex, serial);
    if (iin) return iin;
  }
};
const CASEWORKER: Caller = { role: 'CASEWORKER', subject: 'cw-desk', careerCenter: CENTER, name: 'Ахметова Динара Серікқызы', iin: staffIin('1988-02-15', 'FEMALE') };
const HEAD: Caller = { role: 'HEAD', subject: 'head-desk', careerCenter: CENTER, name: 'Омаров Бауыржан Қайратұлы', iin: staffIin('1975-06-30', 'MALE') };

let ca: TestCa;

describe('the caseworker app', () => {
  const api = servedApi(() => ({ trustedDocuments: [MANIFEST], rateLimit: { perWindow: 0, windowSeconds: 60 } }), {
    signing: async () => {
      ca = await aCa();
      return signingFrom(readSettings({ SIGNATURE_TRUST_DIR: await trustFolder(ca) }));
    },
  });
  const app = clientOf(api.request, { send: 'text' });

  it('finds a person, opens and registers the card, refers, records a visit, signs and prints it', async () => {
    const center = await aCareerCenter(api.db.orm.em.fork(), { code: CENTER });
    const today = systemClock.today();
    const iin = nextIin('1991-09-09', 'MALE');

    // Find a person: no card yet.
    expect(dataOf(await app(desk.FindPersonDocument, { iin }, CASEWORKER)).cardByIin).toBeNull();

    // The person applies at the desk: the card opens, kept by the caseworker.
    const opened = dataOf(await app(desk.OpenCardDocument, {
      input: {
        iin, appliedOn: today, careerCenter: toGlobalId('CareerCenter', center.id),
        fullName: { surname: 'Жақсылықов', givenName: 'Ерлан' }, address: { region: 'KZ-75', district: 'KZ-75-002', street: 'Абай даңғылы' }, phone: '+77015556677',
      },
    }, CASEWORKER)).cardOpen;
    expect(opened).toMatchObject({ existingCard: false, registration: { kind: 'JOB_SEEKER', status: 'APPLIED' }, userErrors: [] });
    expect(opened.card!.footer.keptBy).toEqual({ userId: 'cw-desk', fullName: CASEWORKER.name });
    const id = opened.card!.id;

    const found = dataOf(await app(desk.FindPersonDocument, { iin }, CASEWORKER)).cardByIin!;
    expect(found).toMatchObject({ id, iin, birthDate: '1991-09-09', registrationStatus: 'NONE', careerCenter: { code: CENTER } });
    const queue = dataOf(await app(desk.QueueDocument, {}, CASEWORKER)).applications.edges;
    expect(queue.map((edge) => edge.node.id)).toContain(opened.registration!.id);

    // Register the application, then refer and record a visit.
    const registered = dataOf(await app(desk.RegisterDocument, { id: opened.registration!.id, version: found.version, input: { registeredOn: today } }, CASEWORKER)).registrationRegister;
    expect(registered).toMatchObject({ registration: { status: 'REGISTERED', registeredOn: today }, card: { registrationStatus: 'JOB_SEEKER' }, userErrors: [] });
    const referred = dataOf(await app(desk.ReferDocument, { cardId: id, version: registered.card!.version, input: { employerName: 'ТОО «Қазақ Құрылыс»', position: 'Инженер', referredOn: today } }, CASEWORKER)).referralCreate;
    expect(referred.userErrors).toEqual([]);
    const planned = dataOf(await app(desk.PlanVisitDocument, { cardId: id, version: referred.card!.version, input: { plannedOn: today } }, CASEWORKER)).visitPlan;
    expect(planned.userErrors).toEqual([]);
    const recorded = dataOf(await app(desk.RecordVisitDocument, { id: planned.visit!.id, version: planned.card!.version, input: { attendedOn: today, note: 'Келді, түйіндеме әкелді' } }, CASEWORKER)).visitRecord;
    expect(recorded).toMatchObject({ visit: { rowNumber: 1, plannedOn: today, attendedOn: today }, userErrors: [] });

    // The card at the desk, and the center's list of job seekers.
    const card = dataOf(await app(desk.CardDocument, { id }, CASEWORKER)).card!;
    expect(card).toMatchObject({ id, version: recorded.card!.version, iin, phone: '+77015556677', registrationStatus: 'JOB_SEEKER' });
    expect(card.referrals.edges.map((e) => e.node)).toEqual([expect.objectContaining({ id: referred.referral!.id, position: 'Инженер' })]);
    expect(card.visits.edges.map((e) => e.node)).toEqual([expect.objectContaining({ attendedOn: today, note: 'Келді, түйіндеме әкелді' })]);
    const search = dataOf(await app(desk.SearchCardsDocument, { filter: { registrationStatus: 'JOB_SEEKER', careerCenter: toGlobalId('CareerCenter', center.id) } }, CASEWORKER)).cards;
    expect(search.edges.map((e) => e.node.id)).toContain(id);
    expect(search.totalCount).toBeGreaterThanOrEqual(1);

    // Sign the footer: the executor who keeps the card, then a head of the center.
    expect(card.signatures).toMatchObject({ currentVersion: card.version, covered: false, executor: null, head: null });
    const [executorCert, headCert] = await Promise.all([
      aSigner(ca, { iin: CASEWORKER.iin!, name: 'АХМЕТОВА ДИНАРА' }), aSigner(ca, { iin: HEAD.iin!, name: 'ОМАРОВ БАУЫРЖАН' }),
    ]);
    const byExecutor = dataOf(await app(desk.SignDocument, { id, version: card.version, input: { role: 'EXECUTOR', signature: await signDetached(card.signatures.document, executorCert) } }, CASEWORKER)).cardSign;
    expect(byExecutor).toMatchObject({ signature: { role: 'EXECUTOR', cardVersion: card.version, coversCurrentVersion: true }, card: { signatures: { covered: false } }, userErrors: [] });
    const byHead = dataOf(await app(desk.SignDocument, { id, version: card.version, input: { role: 'HEAD', signature: await signDetached(card.signatures.document, headCert) } }, HEAD)).cardSign;
    expect(byHead).toMatchObject({ signature: { role: 'HEAD' }, card: { signatures: { covered: true } }, userErrors: [] });

    // Print it: the link downloads the PDF.
    const printout = dataOf(await app(desk.PrintoutDocument, { id, language: 'RU' }, CASEWORKER)).card!.printout;
    const pdf = await api.get(printout.url, CASEWORKER);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toMatch(/^application\/pdf/);
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('has run every operation of its manifest', () => {
    const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Record<string, string>;
    expect([...app.sent].sort()).toEqual(operationsOf(manifest));
  });
});
