import { beforeAll, describe, expect, it } from '@jest/globals';
import { dataOf } from '../support/api.ts';
import { aCard } from '../support/builders.ts';
import { CardByIinDocument } from '../../src/generated/documents.ts';
import { apiFixture } from '../support/fixture.ts';

let cardId: string;
let iin: string;

const fixture = apiFixture();
beforeAll(async () => {
  const builder = aCard().complete();
  const card = await builder.save(fixture.db.orm.em.fork());
  cardId = card.id;
  iin = card.iin;
});

/** The card through the shared, typed CardByIin document (the benchmark's). */
async function fullCard() {
  const { cardByIin } = dataOf(await fixture.api.execute(CardByIinDocument, { iin }));
  if (!cardByIin) throw new Error('no card for the IIN');
  return cardByIin;
}

describe('the full card through GraphQL', () => {
  it('returns §1–9 as stored, with territory labels in kk and ru', async () => {
    const card = await fullCard();
    expect(card.id).toBe(Buffer.from(`Card:${cardId}`).toString('base64url'));
    expect(card.fullName).toEqual({ surname: 'Серікбаев', givenName: 'Нұрлан', patronymic: 'Асқарұлы' });
    expect(card.iin).toBe(iin);
    expect(card).toMatchObject({ sex: 'MALE', birthDate: '1990-05-17', citizenship: 'KZ', nationality: 'қазақ', phone: '+77011234567', email: 'nurlan@example.kz' });
    expect(card.address).toEqual({
      region: { code: 'KZ-75', kk: 'Алматы қаласы', ru: 'город Алматы' },
      district: { code: 'KZ-75-002', kk: expect.stringContaining('ауданы'), ru: expect.stringContaining('район'), region: { code: 'KZ-75' } },
      settlement: 'Алматы', street: 'Абай даңғылы', house: '10', apartment: '5',
    });
    expect(card.careerCenter).toMatchObject({ code: expect.stringMatching(/^CC-TEST-/), region: { code: 'KZ-75' } });
  });

  it('returns §10–13 and §15 in chronological order with derived states', async () => {
    const card = await fullCard();
    expect(card.education.main).toEqual([expect.objectContaining({ level: 'HIGHER', studyPeriod: { start: '2007-09-01', end: '2011-06-30' } })]);
    expect(card.education.additional).toEqual([expect.objectContaining({ organisationName: 'Учебный центр «Профи»', kind: 'UPSKILLING' })]);
    expect(card.lastJob).toEqual({ employerName: 'ТОО «Алатау Сервис»', hiredOn: '2015-03-01', dismissedOn: '2025-12-20', position: 'бухгалтер' });
    expect(card.jobSeekerRegistrations).toEqual([expect.objectContaining({ kind: 'JOB_SEEKER', status: 'REGISTERED', appliedOn: '2026-01-15', refusal: null, deregistration: null })]);
    expect(card.unemployedRegistrations).toEqual([expect.objectContaining({ kind: 'UNEMPLOYED', status: 'REGISTERED', registeredOn: '2026-01-18' })]);
    expect(card.registrationStatus).toBe('UNEMPLOYED');
    expect(card.careerGuidance).toEqual([expect.objectContaining({ heldOn: '2026-01-20', result: 'рекомендовано обучение 1С' })]);
  });

  it('returns §14 referrals as a connection with both outcome kinds', async () => {
    const { referrals } = await fullCard();
    expect(referrals.totalCount).toBe(2);
    expect(referrals.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
    expect(referrals.edges.map((e: any) => e.node.outcome)).toEqual([
      { __typename: 'ReferralRefusal', refusedBy: 'APPLICANT', refusedOn: '2026-01-25', reason: 'удалённость' },
      { __typename: 'HiringAct', orderDate: '2026-03-05', orderNumber: '45-к', position: 'бухгалтер' },
    ]);
  });

  it('returns §16 as the ActiveMeasure union with every member and its sub-structure', async () => {
    const { activeMeasures } = await fullCard();
    const nodes = activeMeasures.edges.map((e: any) => e.node);
    expect(nodes.map((n: any) => n.__typename)).toEqual(['ProfessionalTraining', 'EntrepreneurshipSupport', 'SubsidizedJob', 'Relocation']);
    const [training, support, subsidized, relocation] = nodes;
    expect(training).toMatchObject({
      trainingType: 'SHORT_TERM', providerPhone: '+77272223344', studyPeriod: { start: '2026-02-10', end: '2026-04-10' },
      permanentEmployment: { employedOn: '2026-05-04', employerName: 'ТОО «Береке»', position: 'оператор 1С' },
    });
    expect(support).toMatchObject({
      microcredit: {
        receivedOn: '2026-03-15', amount: '4500000.50', gracePeriod: { months: 6, until: null }, repaymentTerm: { months: 60, until: null }, activityType: 'мини-пекарня',
      },
      basicsTraining: { startedOn: '2026-02-05', finishedOn: '2026-02-20' },
      grant: { appliedOn: '2026-02-21', receivedOn: '2026-03-20', activityType: 'мини-пекарня' },
    });
    expect(subsidized).toMatchObject({
      jobType: 'PUBLIC_WORKS', employerDecision: { __typename: 'HiringAct', orderNumber: '12-к' },
      permanentEmployment: { employerName: 'ТОО «Таза Қала»' },
    });
    expect(relocation.familyMembersAbleToWork).toEqual([{ fullName: 'Серікбаева Айгүл', kinship: 'супруга', ableToWork: true, unableToWorkReason: null }]);
    expect(relocation.familyMembersUnableToWork).toEqual([
      { fullName: 'Серікбаев Алихан', kinship: 'сын', ableToWork: false, unableToWorkReason: 'несовершеннолетний' },
    ]);
    expect(relocation.destination).toMatchObject({ region: { code: 'KZ-59' }, district: { code: 'KZ-59-001' }, settlement: 'Петропавловск' });
    // Exact decimal arithmetic: a float sum would give 5501075.299999…
    expect(relocation.materialAssistance).toEqual({
      relocationExpenses: '141075.00', rentReimbursement: '360000.10', economicMobilityCertificate: '5000000.20', total: '5501075.30',
    });
    expect(relocation.housing).toEqual({ type: 'APARTMENT', areaPerFamilyMember: 18.5 });
    expect(relocation.employment).toEqual({ employedOn: '2026-03-01', employerName: 'ТОО «Солтүстік Агро»', position: 'механизатор' });
  });

  it('returns §17–20 and the footer', async () => {
    const card = await fullCard();
    expect(card.specialWorkplaces).toEqual([expect.objectContaining({ participationPeriod: { start: '2026-02-12', end: null }, hiringAct: { orderDate: '2026-02-12', orderNumber: '7-ЛС', position: 'оператор' } })]);
    expect(card.visits.edges.map((e: any) => [e.node.rowNumber, e.node.plannedOn, e.node.attendedOn])).toEqual([[1, '2026-02-15', '2026-02-15'], [2, '2026-03-15', null]]);
    expect(card.expectations).toMatchObject({ wage: { desired: '400000.00', sufficientToStart: '320000.00', minimum: '250000.00' }, searchTime: 'ACCEPTABLE_OPTION', workplace: { region: { code: 'KZ-75' } } });
    expect(card.employmentPlan).toEqual([expect.objectContaining({ rowNumber: 1, measure: 'подбор вакансий по специальности', executedOn: '2026-02-01' })]);
    expect(card.footer.organisation).toEqual({ name: 'Центр карьеры Алмалинского района', address: 'Алматы, ул. Толе би, 155', phone: '+77272501010', email: 'almaly@career-center.kz' });
    expect(card.footer.executor).toEqual({ fullName: 'Ахметова Динара Серікқызы', signature: expect.objectContaining({ role: 'EXECUTOR', cardVersion: 1 }) });
    expect(card.footer.head).toEqual({ fullName: 'Омаров Бауыржан Қайратұлы', signature: null });
    expect(card.footer.filledOn).toBe('2026-01-15');
    expect(card.footer.signatures).toHaveLength(1);
  });

  it('leaves sections that were never filled empty rather than failing', async () => {
    const bare = await aCard({ address: null, phone: null, email: null }).save(fixture.db.orm.em.fork());
    const { cardByIin: card } = dataOf(await fixture.api.execute(CardByIinDocument, { iin: bare.iin }));
    expect(card).toMatchObject({
      address: null, lastJob: null, expectations: null, education: { main: [], additional: [] }, jobSeekerRegistrations: [],
      referrals: { totalCount: 0, edges: [] }, activeMeasures: { totalCount: 0, edges: [] }, visits: { totalCount: 0, edges: [] },
      registrationStatus: 'NONE', footer: { organisation: null, executor: null, head: null, filledOn: null, signatures: [] },
    });
  });
});
