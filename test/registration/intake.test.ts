import { beforeAll, describe, expect, it, jest } from '@jest/globals';
import { toGlobalId } from '../../src/api/relay.ts';
import type { CareerCenter } from '../../src/modules/career-center/career-center.entity.ts';
import { aCard, aCareerCenter, nextIin } from '../support/builders.ts';
import { pdfPages, squeezed } from '../support/pdf-text.ts';
import { codesOf, servedApi, type Caller } from '../support/served-api.ts';

// Intake from the citizen app, over HTTP as the app and the center's desk call it: the person
// applies (cardApply), the application waits in the chosen center's queue (applications), a
// caseworker registers or refuses it, the person sees where it stands and may withdraw it while
// undecided.

jest.setTimeout(180_000);

const api = servedApi(() => ({ rateLimit: { perWindow: 0, windowSeconds: 60 } }));
let chosen: CareerCenter;
let other: CareerCenter;
const caseworker: Caller = { role: 'CASEWORKER', subject: 'caseworker-chosen', name: 'Ахметова Динара' };
const otherCaseworker: Caller = { role: 'CASEWORKER', subject: 'caseworker-other' };
const head: Caller = { role: 'HEAD', subject: 'head-chosen' };
const analyst: Caller = { role: 'ANALYST', subject: 'analyst-1', careerCenter: null };
const citizen = (iin: string): Caller => ({ role: 'CITIZEN', subject: iin, careerCenter: null });

beforeAll(async () => {
  chosen = await aCareerCenter(api.db.orm.em.fork(), { code: 'CC-INTAKE-CHOSEN' });
  other = await aCareerCenter(api.db.orm.em.fork(), { code: 'CC-INTAKE-OTHER', region: 'KZ-71', district: null });
  Object.assign(caseworker, { careerCenter: chosen.code });
  Object.assign(head, { careerCenter: chosen.code });
  Object.assign(otherCaseworker, { careerCenter: other.code });
});

const APPLY = `mutation($input: CardApplyInput!) { cardApply(input: $input) {
  application { id kind status appliedOn } registrationStatus userErrors { field code } } }`;
const MINE = `query($iin: IIN!) { cardByIin(iin: $iin) { id version registrationStatus careerCenter { code } phone email
  jobSeekerRegistrations { id status appliedOn registeredOn withdrawnOn }
  unemployedRegistrations { id status appliedOn registeredOn withdrawnOn } } }`;
const QUEUE = `query($status: RegistrationEpisodeStatus, $first: Int, $after: String) { applications(status: $status, first: $first, after: $after) {
  edges { cursor node { id kind status appliedOn } card { id fullName { surname } careerCenter { code } } } pageInfo { hasNextPage endCursor } } }`;
const REGISTER = `mutation($id: ID!, $version: Int!, $input: RegistrationRegisterInput!) { registrationRegister(id: $id, version: $version, input: $input) {
  registration { status registeredOn } userErrors { field code } } }`;
const WITHDRAW = `mutation($id: ID!, $version: Int!) { registrationWithdraw(id: $id, version: $version) {
  registration { id status withdrawnOn } userErrors { field code } } }`;
const HISTORY = `query($id: ID!) { card(id: $id) { history(first: 100) { edges { node { action part actor } } } } }`;

const application = (changes: Record<string, unknown> = {}) => ({
  kind: 'JOB_SEEKER', careerCenter: toGlobalId('CareerCenter', chosen.id),
  fullName: { surname: 'Жанұзақова', givenName: 'Айгерім' }, phone: '+77017774411', email: 'aigerim@example.kz',
  address: { region: 'KZ-75', district: 'KZ-75-002', settlement: 'Алматы', street: 'Сейфуллин даңғылы', house: '12' }, ...changes,
});

async function apply(iin: string, changes: Record<string, unknown> = {}) {
  const { status, body } = await api.post(APPLY, { input: application(changes) }, citizen(iin));
  expect({ status, errors: body.errors }).toEqual({ status: 200, errors: undefined });
  return body.data.cardApply;
}
const mine = async (iin: string) => (await api.post(MINE, { iin }, citizen(iin))).body.data.cardByIin;
const queue = async (caller: Caller, variables: Record<string, unknown> = {}) => {
  const { body } = await api.post(QUEUE, { first: 100, ...variables }, caller);
  expect(body.errors).toBeUndefined();
  return body.data.applications.edges as { node: { id: string; status: string; appliedOn: string }; card: { id: string; careerCenter: { code: string } } }[];
};
const inQueue = async (caller: Caller, id: string, status?: string) => (await queue(caller, { status })).some((edge) => edge.node.id === id);
const versionOf = async (iin: string) => (await mine(iin)).version as number;

describe('the reviewer\'s findings', () => {
  it('a citizen applying from the app is accepted (it was refused: "A CITIZEN may not change cards")', async () => {
    const iin = nextIin('1995-02-14', 'FEMALE');
    const payload = await apply(iin);
    expect(payload).toEqual({
      application: { id: expect.any(String), kind: 'JOB_SEEKER', status: 'APPLIED', appliedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) },
      registrationStatus: 'NONE', userErrors: [],
    });
  });

  it('a public-works referral (§16.3) on a card with no registration at all (status NONE) is refused, and so is a §14 referral', async () => {
    const card = await aCard({ iin: nextIin('1988-08-08') }).save(api.db.orm.em.fork(), chosen);
    const cardId = toGlobalId('Card', card.id);
    const publicWorks = await api.post(`mutation($cardId: ID!, $input: SubsidizedJobInput!) { subsidizedJobCreate(cardId: $cardId, version: 1, input: $input) {
      activeMeasure { __typename } userErrors { field code } } }`, { cardId, input: { referredOn: '2026-03-01', jobType: 'PUBLIC_WORKS', employerName: 'ГКП «Тазалық»', position: 'рабочий' } }, caseworker);
    expect(publicWorks.body.data.subsidizedJobCreate).toEqual({ activeMeasure: null, userErrors: [{ field: ['input', 'referredOn'], code: 'REGISTRATION_REQUIRED' }] });
    const referral = await api.post(`mutation($cardId: ID!, $input: ReferralInput!) { referralCreate(cardId: $cardId, version: 1, input: $input) {
      referral { id } userErrors { field code } } }`, { cardId, input: { referredOn: '2026-03-01', employerName: 'ТОО «Береке»', position: 'бухгалтер' } }, caseworker);
    expect(referral.body.data.referralCreate).toEqual({ referral: null, userErrors: [{ field: ['input', 'referredOn'], code: 'REGISTRATION_REQUIRED' }] });
    expect((await api.post('query($id: ID!) { card(id: $id) { version registrationStatus } }', { id: cardId }, caseworker)).body.data.card).toEqual({ version: 1, registrationStatus: 'NONE' });
  });
});

describe('a person applies from the app', () => {
  it('with no card: the card opens at the chosen center with the application\'s §1, §7–9; it waits in that center\'s queue only; a caseworker registers it; the person sees REGISTERED', async () => {
    const iin = nextIin('1993-03-03', 'FEMALE');
    const { application: applied } = await apply(iin);

    const card = await mine(iin);
    expect(card).toMatchObject({
      version: 1, registrationStatus: 'NONE', careerCenter: { code: chosen.code }, phone: '+77017774411', email: 'aigerim@example.kz',
      jobSeekerRegistrations: [{ id: applied.id, status: 'APPLIED', appliedOn: applied.appliedOn, registeredOn: null, withdrawnOn: null }],
      unemployedRegistrations: [],
    });
    // The history names the person as who applied.
    const history = (await api.post(HISTORY, { id: card.id }, caseworker)).body.data.card.history.edges.map((e: any) => e.node);
    expect(history).toEqual(expect.arrayContaining([{ action: 'cardApply', part: 'registration', actor: iin }, { action: 'cardApply', part: 'identity', actor: iin }]));
    expect(history.map((h: any) => h.part)).not.toContain('executor');

    const edge = (await queue(caseworker)).find((e) => e.node.id === applied.id);
    expect(edge).toEqual({ cursor: expect.any(String), node: { id: applied.id, kind: 'JOB_SEEKER', status: 'APPLIED', appliedOn: applied.appliedOn }, card: { id: card.id, fullName: { surname: 'Жанұзақова' }, careerCenter: { code: chosen.code } } });
    expect(await inQueue(head, applied.id)).toBe(true);
    expect(await inQueue(otherCaseworker, applied.id)).toBe(false);
    expect(await queue(analyst)).toEqual([]);
    expect(await queue(citizen(iin))).toEqual([]);

    const registered = await api.post(REGISTER, { id: applied.id, version: card.version, input: { registeredOn: applied.appliedOn } }, caseworker);
    expect(registered.body.data.registrationRegister).toEqual({ registration: { status: 'REGISTERED', registeredOn: applied.appliedOn }, userErrors: [] });
    expect(await mine(iin)).toMatchObject({ registrationStatus: 'JOB_SEEKER', jobSeekerRegistrations: [{ id: applied.id, status: 'REGISTERED', registeredOn: applied.appliedOn }] });
    expect(await inQueue(caseworker, applied.id)).toBe(false);
    expect(await inQueue(caseworker, applied.id, 'REGISTERED')).toBe(true);
  });

  it('with a card kept by another center: the card moves to the chosen center (a transfer on record), the application waits there; §1 is not asked', async () => {
    const iin = nextIin('1980-01-21');
    const kept = await aCard({ iin, phone: '+77015550101' })
      .withRegistration('JOB_SEEKER', { appliedOn: '2026-02-01', registeredOn: '2026-02-02', deregistration: { deregisteredOn: '2026-06-01', reason: 'EMPLOYED' } })
      .save(api.db.orm.em.fork(), other);
    const cardId = toGlobalId('Card', kept.id);
    const payload = await apply(iin, { kind: 'UNEMPLOYED', fullName: undefined, phone: '+77015550202', address: undefined, email: undefined });
    expect(payload).toEqual({ application: { id: expect.any(String), kind: 'UNEMPLOYED', status: 'APPLIED', appliedOn: expect.any(String) }, registrationStatus: 'NONE', userErrors: [] });

    expect(await mine(iin)).toMatchObject({ id: cardId, careerCenter: { code: chosen.code }, phone: '+77015550202', email: 'nurlan@example.kz', unemployedRegistrations: [{ id: payload.application.id, status: 'APPLIED' }] });
    expect(await inQueue(caseworker, payload.application.id)).toBe(true);
    expect(await inQueue(otherCaseworker, payload.application.id)).toBe(false);
    const transfers = (await api.post('{ cardTransfers(first: 100) { edges { node { from { code } to { code } ground role transferredBy card { id } } } } }', {}, head)).body.data.cardTransfers.edges;
    expect(transfers.map((e: any) => e.node)).toContainEqual({ from: { code: other.code }, to: { code: chosen.code }, ground: 'PERSON_APPLIED', role: 'CITIZEN', transferredBy: iin, card: { id: cardId } });
    // The center the card left reads it no more.
    expect((await api.post('query($id: ID!) { card(id: $id) { id } }', { id: cardId }, otherCaseworker)).body.data.card).toBeNull();
  });

  it('is refused while an application of that kind is open, and a first application needs the §1 full name; neither changes anything', async () => {
    const iin = nextIin('1991-11-11');
    expect((await apply(iin, { fullName: undefined })).userErrors).toEqual([{ field: ['input', 'fullName'], code: 'REQUIRED' }]);
    expect(await mine(iin)).toBeNull();
    await apply(iin);
    const version = await versionOf(iin);
    expect(await apply(iin)).toEqual({ application: null, registrationStatus: null, userErrors: [{ field: ['input', 'kind'], code: 'REGISTRATION_ALREADY_OPEN' }] });
    expect((await apply(iin, { careerCenter: toGlobalId('CareerCenter', '999999') })).userErrors).toEqual([{ field: ['input', 'careerCenter'], code: 'UNKNOWN_CODE' }]);
    expect(await versionOf(iin)).toBe(version);
  });

  it('the payload carries the application and the registration status only', async () => {
    const { body } = await api.post('{ __type(name: "CardApplyPayload") { fields { name } } }', {}, analyst);
    expect(body.data.__type.fields.map((f: { name: string }) => f.name).sort()).toEqual(['application', 'registrationStatus', 'userErrors']);
  });
});

describe('what a citizen may not do', () => {
  it('apply for someone else\'s IIN: the IIN is no argument, and cardOpen is not theirs', async () => {
    const mineIin = nextIin('1990-09-09');
    const someoneElse = nextIin('1990-09-10');
    const withIin = await api.post(APPLY, { input: { ...application(), iin: someoneElse } }, citizen(mineIin));
    expect(codesOf(withIin)).toEqual(['BAD_USER_INPUT']);
    const open = await api.post(`mutation($input: CardOpenInput!) { cardOpen(input: $input) { userErrors { code } } }`, {
      input: { iin: someoneElse, appliedOn: '2026-11-20', careerCenter: toGlobalId('CareerCenter', chosen.id), fullName: { surname: 'Другой', givenName: 'Человек' } },
    }, citizen(mineIin));
    expect(codesOf(open)).toEqual(['FORBIDDEN']);
    expect(await mine(someoneElse)).toBeNull();
    expect((await api.post(MINE, { iin: someoneElse }, citizen(mineIin))).body.data.cardByIin).toBeNull();
  });

  it('apply with a token whose subject is no valid IIN: refused, naming no field', async () => {
    const valid = nextIin('1990-09-11');
    const wrong = `${valid.slice(0, 11)}${(Number(valid[11]) + 1) % 10}`;
    const { body } = await api.post(APPLY, { input: application() }, citizen(wrong));
    expect(body.data.cardApply.userErrors).toEqual([{ field: null, code: 'INVALID_VALUE' }]);
  });

  it('change other sections of their own card, decide their own application, or withdraw someone else\'s', async () => {
    const iin = nextIin('1992-12-12');
    const { application: applied } = await apply(iin);
    const card = await mine(iin);
    const referral = await api.post(`mutation($cardId: ID!, $version: Int!) { referralCreate(cardId: $cardId, version: $version, input: { employerName: "ТОО", position: "кассир", referredOn: "2026-11-01" }) { userErrors { code } } }`, { cardId: card.id, version: card.version }, citizen(iin));
    expect(codesOf(referral)).toEqual(['FORBIDDEN']);
    const register = await api.post(REGISTER, { id: applied.id, version: card.version, input: { registeredOn: applied.appliedOn } }, citizen(iin));
    expect(codesOf(register)).toEqual(['FORBIDDEN']);
    const update = await api.post(`mutation($id: ID!, $version: Int!) { cardUpdateFooter(id: $id, version: $version, input: { organisation: { name: "Моя" } }) { userErrors { code } } }`, { id: card.id, version: card.version }, citizen(iin));
    expect(codesOf(update)).toEqual(['FORBIDDEN']);

    const stranger = nextIin('1992-12-13');
    const foreign = await api.post(WITHDRAW, { id: applied.id, version: card.version }, citizen(stranger));
    expect(foreign.body.data.registrationWithdraw).toEqual({ registration: null, userErrors: [{ field: ['id'], code: 'NOT_FOUND' }] });
    expect(await versionOf(iin)).toBe(card.version);
  });
});

describe('withdrawing an application', () => {
  it('before the decision: WITHDRAWN, dated today, recorded with the person as actor, kept; out of the queue; the person may apply again', async () => {
    const iin = nextIin('1987-07-07', 'FEMALE');
    const { application: applied } = await apply(iin);
    const card = await mine(iin);
    const { body } = await api.post(WITHDRAW, { id: applied.id, version: card.version }, citizen(iin));
    expect(body.data.registrationWithdraw).toEqual({ registration: { id: applied.id, status: 'WITHDRAWN', withdrawnOn: applied.appliedOn }, userErrors: [] });
    expect((await mine(iin)).jobSeekerRegistrations).toEqual([{ id: applied.id, status: 'WITHDRAWN', appliedOn: applied.appliedOn, registeredOn: null, withdrawnOn: applied.appliedOn }]);
    const history = (await api.post(HISTORY, { id: card.id }, caseworker)).body.data.card.history.edges.map((e: any) => e.node);
    expect(history.at(-1)).toEqual({ action: 'registrationWithdraw', part: 'registration', actor: iin });
    expect(await inQueue(caseworker, applied.id)).toBe(false);
    expect(await inQueue(caseworker, applied.id, 'WITHDRAWN')).toBe(true);

    const again = await api.post(WITHDRAW, { id: applied.id, version: card.version + 1 }, citizen(iin));
    expect(again.body.data.registrationWithdraw.userErrors).toEqual([{ field: ['id'], code: 'INVALID_TRANSITION' }]);
    expect((await apply(iin)).application.status).toBe('APPLIED');
    // The same contacts and address again change nothing of §7–9: the new application is all it records.
    const after = (await api.post(HISTORY, { id: card.id }, caseworker)).body.data.card.history.edges.map((e: any) => e.node);
    expect(after.slice(history.length)).toEqual([{ action: 'cardApply', part: 'registration', actor: iin }]);
  });

  it('a withdrawn application is on the printed card (its own column) and counted apart in the statistics', async () => {
    const iin = nextIin('1989-04-04', 'FEMALE');
    const { application: applied } = await apply(iin);
    const card = await mine(iin);
    await api.post(WITHDRAW, { id: applied.id, version: card.version }, citizen(iin));
    const printed = await api.get(`/cards/${card.id}.pdf?language=ru`, caseworker);
    expect(printed.status).toBe(200);
    const text = squeezed((await pdfPages(new Uint8Array(await printed.arrayBuffer()))).join(''));
    const [year, month, day] = applied.appliedOn.split('-');
    expect(text).toContain(squeezed('Дата отзыва заявления'));
    expect(text).toContain(`${day}.${month}.${year}`);
    const { body } = await api.post(`query($period: StatisticsPeriod!) { statistics(period: $period) { registrations { kind applied withdrawn } } }`,
      { period: { from: applied.appliedOn, to: applied.appliedOn } }, caseworker);
    const jobSeekers = body.data.statistics.registrations.find((row: { kind: string }) => row.kind === 'JOB_SEEKER');
    expect(jobSeekers.withdrawn).toBeGreaterThanOrEqual(1);
    expect(jobSeekers.applied).toBeGreaterThanOrEqual(jobSeekers.withdrawn);
  });

  it('a correction may record a withdrawal, never beside a registration or refusal', async () => {
    const card = await aCard({ iin: nextIin('1984-02-02') }).withRegistration('UNEMPLOYED', { appliedOn: '2026-05-01', registeredOn: null }).save(api.db.orm.em.fork(), chosen);
    const { unemployedRegistrations: [episode], version: v } = (await api.post(`query($id: ID!) { card(id: $id) { version unemployedRegistrations { id } } }`, { id: toGlobalId('Card', card.id) }, caseworker)).body.data.card;
    const CORRECT = `mutation($id: ID!, $version: Int!, $input: RegistrationCorrectInput!) { registrationCorrect(id: $id, version: $version, input: $input) {
      registration { status withdrawnOn } userErrors { field code } } }`;
    const both = await api.post(CORRECT, { id: episode.id, version: v, input: { appliedOn: '2026-05-01', registeredOn: '2026-05-02', withdrawnOn: '2026-05-03' } }, caseworker);
    expect(both.body.data.registrationCorrect.userErrors).toEqual([{ field: ['input', 'withdrawnOn'], code: 'INVALID_TRANSITION' }]);
    const early = await api.post(CORRECT, { id: episode.id, version: v, input: { appliedOn: '2026-05-01', withdrawnOn: '2026-04-30' } }, caseworker);
    expect(early.body.data.registrationCorrect.userErrors).toEqual([{ field: ['input', 'withdrawnOn'], code: 'DATE_ORDER' }]);
    const withdrawn = await api.post(CORRECT, { id: episode.id, version: v, input: { appliedOn: '2026-05-01', withdrawnOn: '2026-05-03' } }, caseworker);
    expect(withdrawn.body.data.registrationCorrect).toEqual({ registration: { status: 'WITHDRAWN', withdrawnOn: '2026-05-03' }, userErrors: [] });
  });

  it('after the decision: refused with INVALID_TRANSITION, nothing changes', async () => {
    const iin = nextIin('1986-06-06');
    const { application: applied } = await apply(iin);
    const version = await versionOf(iin);
    await api.post(REGISTER, { id: applied.id, version, input: { registeredOn: applied.appliedOn } }, caseworker);
    const { body } = await api.post(WITHDRAW, { id: applied.id, version: version + 1 }, citizen(iin));
    expect(body.data.registrationWithdraw).toEqual({ registration: null, userErrors: [{ field: ['id'], code: 'INVALID_TRANSITION' }] });
    expect(await mine(iin)).toMatchObject({ version: version + 1, registrationStatus: 'JOB_SEEKER' });
  });
});

describe('the queue', () => {
  it('pages oldest application first with cursors', async () => {
    const center = await aCareerCenter(api.db.orm.em.fork());
    const desk: Caller = { role: 'CASEWORKER', subject: 'desk', careerCenter: center.code };
    for (const [appliedOn, birth] of [['2026-05-03', '1970-01-01'], ['2026-05-01', '1970-01-02'], ['2026-05-02', '1970-01-03']] as const) {
      await aCard({ iin: nextIin(birth) }).withRegistration('JOB_SEEKER', { appliedOn, registeredOn: null }).save(api.db.orm.em.fork(), center);
    }
    await aCard({ iin: nextIin('1970-01-04') }).withRegistration('JOB_SEEKER', { appliedOn: '2026-04-01', registeredOn: null, voidedAt: new Date(), voidedBy: 'x', voidReason: 'wrong' })
      .save(api.db.orm.em.fork(), center);
    const first = (await api.post(QUEUE, { first: 2 }, desk)).body.data.applications;
    expect(first.edges.map((e: any) => e.node.appliedOn)).toEqual(['2026-05-01', '2026-05-02']);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = (await api.post(QUEUE, { first: 2, after: first.pageInfo.endCursor }, desk)).body.data.applications;
    expect(rest.edges.map((e: any) => e.node.appliedOn)).toEqual(['2026-05-03']);
    expect(rest.pageInfo.hasNextPage).toBe(false);
  });
});

describe('who may receive what (§14, §16): an open registration on the entry\'s date', () => {
  const onCard = (name: string, input: string) => `mutation($cardId: ID!, $version: Int!, $input: ${input}!) { ${name}(cardId: $cardId, version: $version, input: $input) { userErrors { field code } } }`;
  const KINDS: Record<string, { document: string; input: (on: string) => Record<string, unknown> }> = {
    '§14 referral': { document: onCard('referralCreate', 'ReferralInput'), input: (on) => ({ referredOn: on, employerName: 'ТОО «Береке»', position: 'бухгалтер' }) },
    '§16.1 professional training': {
      document: onCard('professionalTrainingCreate', 'ProfessionalTrainingInput'), input: (on) => ({ referredOn: on, trainingType: 'SHORT_TERM', providerName: 'Колледж' }),
    },
    '§16.2 entrepreneurship support': {
      document: onCard('entrepreneurshipSupportCreate', 'EntrepreneurshipSupportInput'), input: (on) => ({ referredOn: on, basicsTraining: { startedOn: on } }),
    },
    '§16.3 subsidized job of students (STUDENT_WORK)': {
      document: onCard('subsidizedJobCreate', 'SubsidizedJobInput'), input: (on) => ({ referredOn: on, jobType: 'STUDENT_WORK', employerName: 'ТОО «Жаз»', position: 'помощник' }),
    },
    '§16.4 relocation': {
      document: onCard('relocationCreate', 'RelocationInput'), input: (on) => ({ referredOn: on, familyMembers: [], destination: { region: 'KZ-75' }, materialAssistance: {} }),
    },
  };
  const publicWorks = (on: string) => ({ referredOn: on, jobType: 'PUBLIC_WORKS', employerName: 'ГКП «Тазалық»', position: 'рабочий' });

  /** A card registered as a job seeker from 2026-03-01, deregistered on 2026-06-01; `unemployedFrom` adds an open §15 registration. */
  async function registeredCard(unemployedFrom?: string) {
    let builder = aCard({ iin: nextIin('1985-05-05') })
      .withRegistration('JOB_SEEKER', { appliedOn: '2026-03-01', registeredOn: '2026-03-01', deregistration: { deregisteredOn: '2026-06-01', reason: 'OWN_REQUEST' } });
    if (unemployedFrom) builder = builder.withRegistration('UNEMPLOYED', { appliedOn: unemployedFrom, registeredOn: unemployedFrom });
    const card = await builder.save(api.db.orm.em.fork(), chosen);
    return toGlobalId('Card', card.id);
  }
  const version = async (cardId: string) => (await api.post('query($id: ID!) { card(id: $id) { version } }', { id: cardId }, caseworker)).body.data.card.version as number;
  async function create(cardId: string, document: string, input: Record<string, unknown>) {
    const { body } = await api.post(document, { cardId, version: await version(cardId), input }, caseworker);
    expect(body.errors).toBeUndefined();
    return (Object.values(body.data)[0] as { userErrors: { field: string[]; code: string }[] }).userErrors;
  }
  const REQUIRED = [{ field: ['input', 'referredOn'], code: 'REGISTRATION_REQUIRED' }];

  for (const [kind, { document, input }] of Object.entries(KINDS)) {
    it(`${kind}: refused before the registration and from the day of the deregistration, accepted from the registration's day to the day before`, async () => {
      const cardId = await registeredCard();
      expect(await create(cardId, document, input('2026-02-28'))).toEqual(REQUIRED);
      expect(await create(cardId, document, input('2026-06-01'))).toEqual(REQUIRED);
      expect(await create(cardId, document, input('2026-03-01'))).toEqual([]);
      expect(await create(cardId, document, input('2026-05-31'))).toEqual([]);
    });
  }

  it('§16.3 public works and the other subsidized jobs are for the unemployed (§15): a job seeker only is refused', async () => {
    const seeker = await registeredCard();
    expect(await create(seeker, onCard('subsidizedJobCreate', 'SubsidizedJobInput'), publicWorks('2026-04-01'))).toEqual(REQUIRED);
    const unemployed = await registeredCard('2026-04-01');
    expect(await create(unemployed, onCard('subsidizedJobCreate', 'SubsidizedJobInput'), publicWorks('2026-03-31'))).toEqual(REQUIRED);
    expect(await create(unemployed, onCard('subsidizedJobCreate', 'SubsidizedJobInput'), { ...publicWorks('2026-04-01'), jobType: 'SOCIAL_WORKPLACE' })).toEqual([]);
    expect(await create(unemployed, onCard('subsidizedJobCreate', 'SubsidizedJobInput'), publicWorks('2026-07-01'))).toEqual([]);
  });

  it('corrections: a referral moved outside the registration, a registration corrected or voided, or a deregistration dated before a referral, are refused', async () => {
    const cardId = await registeredCard();
    expect(await create(cardId, KINDS['§14 referral']!.document, KINDS['§14 referral']!.input('2026-04-01'))).toEqual([]);
    const card = (await api.post(`query($id: ID!) { card(id: $id) { version referrals(first: 1) { edges { node { id } } } jobSeekerRegistrations { id } } }`, { id: cardId }, caseworker)).body.data.card;
    const referralId = card.referrals.edges[0].node.id;
    const registrationId = card.jobSeekerRegistrations[0].id;

    const moved = await api.post(`mutation($id: ID!, $version: Int!, $input: ReferralInput!) { referralCorrect(id: $id, version: $version, input: $input) { userErrors { field code } } }`,
      { id: referralId, version: card.version, input: KINDS['§14 referral']!.input('2026-07-01') }, caseworker);
    expect(moved.body.data.referralCorrect.userErrors).toEqual(REQUIRED);

    const corrected = await api.post(`mutation($id: ID!, $version: Int!, $input: RegistrationCorrectInput!) { registrationCorrect(id: $id, version: $version, input: $input) { userErrors { field code } } }`,
      { id: registrationId, version: card.version, input: { appliedOn: '2026-03-01', registeredOn: '2026-03-01', deregistration: { deregisteredOn: '2026-03-15', reason: 'OWN_REQUEST' } } }, caseworker);
    expect(corrected.body.data.registrationCorrect.userErrors).toEqual([{ field: ['input'], code: 'REGISTRATION_REQUIRED' }]);

    const voided = await api.post(`mutation($id: ID!, $version: Int!) { cardEntryVoid(id: $id, version: $version, reason: "ошибка") { userErrors { field code } } }`,
      { id: registrationId, version: card.version }, caseworker);
    expect(voided.body.data.cardEntryVoid.userErrors).toEqual([{ field: ['id'], code: 'REGISTRATION_REQUIRED' }]);
    expect(await version(cardId)).toBe(card.version);
  });

  it('a deregistration dated before a referral of the open registration is refused', async () => {
    const card = await aCard({ iin: nextIin('1983-03-03') }).registered('JOB_SEEKER', '2026-03-01').save(api.db.orm.em.fork(), chosen);
    const cardId = toGlobalId('Card', card.id);
    expect(await create(cardId, KINDS['§14 referral']!.document, KINDS['§14 referral']!.input('2026-04-01'))).toEqual([]);
    const { jobSeekerRegistrations: [registration], version: v } = (await api.post(`query($id: ID!) { card(id: $id) { version jobSeekerRegistrations { id } } }`, { id: cardId }, caseworker)).body.data.card;
    const early = await api.post(`mutation($id: ID!, $version: Int!, $input: RegistrationDeregisterInput!) { registrationDeregister(id: $id, version: $version, input: $input) { userErrors { field code } } }`,
      { id: registration.id, version: v, input: { deregisteredOn: '2026-03-20', reason: 'OWN_REQUEST' } }, caseworker);
    expect(early.body.data.registrationDeregister.userErrors).toEqual([{ field: ['input', 'deregisteredOn'], code: 'REGISTRATION_REQUIRED' }]);
    const later = await api.post(`mutation($id: ID!, $version: Int!, $input: RegistrationDeregisterInput!) { registrationDeregister(id: $id, version: $version, input: $input) { userErrors { field code } } }`,
      { id: registration.id, version: v, input: { deregisteredOn: '2026-04-02', reason: 'OWN_REQUEST' } }, caseworker);
    expect(later.body.data.registrationDeregister.userErrors).toEqual([]);
  });
});
