import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parseGlobalId, toGlobalId } from '../../src/api/relay.ts';
import { createTestApi, dataOf, TODAY, type GraphQLResult, type TestApi } from '../support/api.ts';
import { aCard, type CardBuilder } from '../support/builders.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { accepted, BEFORE_BIRTH, BIRTH, MALFORMED, PAYLOAD_ERRORS, rejects, TOMORROW, UNKNOWN, wholeCard } from '../support/keeping.ts';

// The mutations that keep §10–11, §13–14, §17–20 and the footer, through GraphQL: each happy path
// bumps the version by one and reads back exactly what was given; each invariant rejects the
// change and leaves the whole card (every section and its history) as it was.

let db: TestDatabase;
let api: TestApi;
beforeAll(async () => {
  db = await createTestDatabase();
  api = await createTestApi(db.orm);
});
afterAll(() => db.close());


// ---------------------------------------------------------------------------------------------
// Client documents

const MAIN = 'id institutionName level studyPeriod { start end } specialty';
const ADDITIONAL = 'id organisationName kind studyPeriod { start end } specialty';
const LAST_JOB = 'employerName hiredOn dismissedOn position';
const GUIDANCE = 'id bodyName heldOn result';
const REFERRAL = 'id employerName position referredOn outcome { __typename ... on HiringAct { orderDate orderNumber position } ... on ReferralRefusal { refusedBy refusedOn reason } }';
const SPECIAL = 'id employerName referredOn participationPeriod { start end } position hiringAct { orderDate orderNumber position }';
const VISIT = 'id rowNumber plannedOn attendedOn note';
const EXPECTATIONS = 'wage { desired sufficientToStart minimum } workplace { region { code } district { code } settlement } preferredPosition lessSuitablePosition searchTime';
const PLAN_ROW = 'id rowNumber measure execution executedOn nonExecutionReason';
const FOOTER = 'organisation { name address phone email } executor { fullName } head { fullName } filledOn';

function mutation(name: string, args: Record<string, string>, selection: string): string {
  const declared = Object.entries(args).map(([arg, type]) => `$${arg}: ${type}`).join(', ');
  const passed = Object.keys(args).map((arg) => `${arg}: $${arg}`).join(', ');
  return `mutation(${declared}) { ${name}(${passed}) { ${selection} ${PAYLOAD_ERRORS} } }`;
}
const onCard = (input: string) => ({ cardId: 'ID!', version: 'Int!', input });
const onEntry = (input: string) => ({ id: 'ID!', version: 'Int!', input });

const DOCS = {
  mainEducationAdd: mutation('mainEducationAdd', onCard('MainEducationInput!'), `card { id version education { main { ${MAIN} } } } entry { ${MAIN} }`),
  mainEducationCorrect: mutation('mainEducationCorrect', onEntry('MainEducationInput!'), `card { id version education { main { ${MAIN} } } } entry { ${MAIN} }`),
  additionalEducationAdd: mutation('additionalEducationAdd', onCard('AdditionalEducationInput!'), `card { id version education { additional { ${ADDITIONAL} } } } entry { ${ADDITIONAL} }`),
  additionalEducationCorrect: mutation('additionalEducationCorrect', onEntry('AdditionalEducationInput!'), `card { id version education { additional { ${ADDITIONAL} } } } entry { ${ADDITIONAL} }`),
  cardSetLastJob: mutation('cardSetLastJob', onEntry('LastJobInput'), `card { id version lastJob { ${LAST_JOB} } }`),
  careerGuidanceAdd: mutation('careerGuidanceAdd', onCard('CareerGuidanceInput!'), `card { id version careerGuidance { ${GUIDANCE} } } careerGuidance { ${GUIDANCE} }`),
  careerGuidanceCorrect: mutation('careerGuidanceCorrect', onEntry('CareerGuidanceInput!'), `card { id version careerGuidance { ${GUIDANCE} } } careerGuidance { ${GUIDANCE} }`),
  referralCreate: mutation('referralCreate', onCard('ReferralInput!'), `card { id version referrals(first: 100) { totalCount } } referral { ${REFERRAL} }`),
  referralRecordHiring: mutation('referralRecordHiring', onEntry('HiringActInput!'), `card { id version } referral { ${REFERRAL} }`),
  referralRecordRefusal: mutation('referralRecordRefusal', onEntry('ReferralRefusalInput!'), `card { id version } referral { ${REFERRAL} }`),
  referralCorrect: mutation('referralCorrect', onEntry('ReferralInput!'), `card { id version } referral { ${REFERRAL} }`),
  specialWorkplaceCreate: mutation('specialWorkplaceCreate', onCard('SpecialWorkplaceInput!'), `card { id version specialWorkplaces { ${SPECIAL} } } specialWorkplace { ${SPECIAL} }`),
  specialWorkplaceRecordHiring: mutation('specialWorkplaceRecordHiring', onEntry('HiringActInput!'), `card { id version } specialWorkplace { ${SPECIAL} }`),
  specialWorkplaceCorrect: mutation('specialWorkplaceCorrect', onEntry('SpecialWorkplaceInput!'), `card { id version } specialWorkplace { ${SPECIAL} }`),
  visitPlan: mutation('visitPlan', onCard('VisitPlanInput!'), `card { id version visits(first: 100) { totalCount } } visit { ${VISIT} }`),
  visitRecord: mutation('visitRecord', onEntry('VisitRecordInput!'), `card { id version } visit { ${VISIT} }`),
  visitCorrect: mutation('visitCorrect', onEntry('VisitCorrectInput!'), `card { id version } visit { ${VISIT} }`),
  cardSetExpectations: mutation('cardSetExpectations', onEntry('ExpectationsInput'), `card { id version expectations { ${EXPECTATIONS} } }`),
  employmentPlanRowAdd: mutation('employmentPlanRowAdd', onCard('EmploymentPlanRowInput!'), `card { id version employmentPlan { ${PLAN_ROW} } } row { ${PLAN_ROW} }`),
  employmentPlanRowRecordExecution: mutation('employmentPlanRowRecordExecution', onEntry('EmploymentPlanExecutionInput!'), `card { id version } row { ${PLAN_ROW} }`),
  employmentPlanRowRecordNonExecution: mutation('employmentPlanRowRecordNonExecution', onEntry('EmploymentPlanNonExecutionInput!'), `card { id version } row { ${PLAN_ROW} }`),
  employmentPlanRowCorrect: mutation('employmentPlanRowCorrect', onEntry('EmploymentPlanRowCorrectInput!'), `card { id version } row { ${PLAN_ROW} }`),
  cardUpdateFooter: mutation('cardUpdateFooter', onEntry('FooterInput!'), `card { id version footer { ${FOOTER} } }`),
  cardEntryVoid: mutation('cardEntryVoid', { id: 'ID!', version: 'Int!', reason: 'String!' }, 'card { id version }'),
};
type Name = keyof typeof DOCS;

const call = (name: Name, variables: Record<string, unknown>) => api.execute(DOCS[name], variables);
/** Runs a mutation that must succeed and returns its payload. */
const apply = async (name: Name, variables: Record<string, unknown>) => accepted<any>(await call(name, variables), name);

// ---------------------------------------------------------------------------------------------
// Helpers

async function newCard(builder: CardBuilder = aCard()): Promise<string> {
  const card = await builder.save(db.orm.em.fork());
  return toGlobalId('Card', card.id);
}

async function versionOf(cardId: string): Promise<number> {
  const { card } = dataOf(await api.execute('query($id: ID!) { card(id: $id) { version } }', { id: cardId }));
  return card.version;
}

interface HistoryRecord {
  at: string;
  action: string;
  part: string;
  entryId: string | null;
  actor: string;
  oldValue: any;
  newValue: any;
}

async function historyOf(cardId: string): Promise<HistoryRecord[]> {
  const { card } = dataOf(await api.execute(`query($id: ID!) { card(id: $id) {
    history(first: 100) { edges { node { at action part entryId actor oldValue newValue } } } } }`, { id: cardId }));
  return card.history.edges.map((edge: { node: HistoryRecord }) => edge.node);
}

/** The history records the last change added (they share its moment), oldest first, without `at`. */
async function lastChange(cardId: string): Promise<Omit<HistoryRecord, 'at'>[]> {
  const records = await historyOf(cardId);
  const at = records.at(-1)!.at;
  return records.filter((record) => record.at === at).map(({ at: _, ...record }) => record);
}

/** Another change of the card, so that the version a caller read is stale. */
async function bump(cardId: string): Promise<void> {
  const version = await versionOf(cardId);
  await apply('cardUpdateFooter', { id: cardId, version, input: { executorName: `Исполнитель ${version}` } });
}

/** A request refused as a GraphQL BAD_USER_INPUT error naming `argument`, with the card unchanged. */
async function refusedInput(cardId: string, run: () => Promise<GraphQLResult>, argument: string): Promise<void> {
  const before = await wholeCard(api, cardId);
  const result = await run();
  expect(result.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', argument }) })]);
  expect(result.data ?? null).toBeNull();
  expect(await wholeCard(api, cardId)).toEqual(before);
}

/**
 * The id checks of an entry mutation: a global id of another type or a malformed one is
 * BAD_USER_INPUT; a well-formed id of the right type that names nothing is NOT_FOUND.
 */
async function entryIdChecks(cardId: string, name: Name, variables: (id: string) => Record<string, unknown>, type: string, otherTypeId: string) {
  await refusedInput(cardId, () => call(name, variables(otherTypeId)), 'id');
  await refusedInput(cardId, () => call(name, variables(MALFORMED)), 'id');
  await rejects(api, cardId, () => call(name, variables(toGlobalId(type, UNKNOWN))), name, 'NOT_FOUND', ['id']);
}

/** A stale version: the card changed after the caller read `version`. */
async function staleCheck(cardId: string, name: Name, variables: (version: number) => Record<string, unknown>) {
  const read = await versionOf(cardId);
  await bump(cardId);
  await rejects(api, cardId, () => call(name, variables(read)), name, 'STALE_CARD', ['version']);
}

const dbId = (globalId: string) => parseGlobalId(globalId)!.id;

// ---------------------------------------------------------------------------------------------
// §10 education

describe('§10.1 main education', () => {
  let cardId: string;
  let first: any;
  let second: any;
  const university = { institutionName: 'Сәтбаев университеті', level: 'HIGHER', studyPeriod: { start: '2008-09-01', end: '2012-06-30' }, specialty: 'Информатика' };
  const input = (data: object = {}) => ({ ...university, ...data });

  beforeAll(async () => {
    cardId = await newCard();
  });

  it('mainEducationAdd adds an entry: version + 1, the entry, and the card reads back exactly the values given', async () => {
    const payload = await apply('mainEducationAdd', { cardId, version: 1, input: university });
    first = payload.entry;
    expect(first).toEqual({ id: expect.any(String), ...university });
    expect(parseGlobalId(first.id)?.type).toBe('MainEducation');
    expect(payload.card).toEqual({ id: cardId, version: 2, education: { main: [first] } });
    const card = await wholeCard(api, cardId);
    expect(card.version).toBe(2);
    expect(card.education).toEqual({ main: [first], additional: [] });
    expect(await lastChange(cardId)).toEqual([{
      action: 'mainEducationAdd', part: 'education', entryId: first.id, actor: 'caseworker-7', oldValue: null,
      newValue: expect.objectContaining({ section: 'MAIN', institutionName: 'Сәтбаев университеті', level: 'HIGHER', specialty: 'Информатика' }),
    }]);
  });

  it('mainEducationAdd takes a study period still going on and no specialty; the list stays chronological', async () => {
    const payload = await apply('mainEducationAdd', {
      cardId, version: 2,
      input: { institutionName: 'Алматы политехникалық колледжі', level: 'TECHNICAL_VOCATIONAL', studyPeriod: { start: '2025-09-01' } },
    });
    second = payload.entry;
    expect(second).toEqual({
      id: expect.any(String), institutionName: 'Алматы политехникалық колледжі', level: 'TECHNICAL_VOCATIONAL',
      studyPeriod: { start: '2025-09-01', end: null }, specialty: null,
    });
    expect(payload.card.version).toBe(3);
    expect((await wholeCard(api, cardId)).education.main).toEqual([first, second]);
  });

  it('mainEducationCorrect corrects an entry, the earlier value staying in the history', async () => {
    const corrected = { institutionName: 'Жалпы білім беретін №25 мектеп', level: 'GENERAL_SECONDARY', studyPeriod: { start: '1997-09-01', end: '2008-05-25' }, specialty: null };
    const payload = await apply('mainEducationCorrect', { id: second.id, version: 3, input: corrected });
    expect(payload.entry).toEqual({ id: second.id, ...corrected });
    expect(payload.card.version).toBe(4);
    // Chronological: the school (1997) now comes before the university (2008).
    expect((await wholeCard(api, cardId)).education.main).toEqual([{ id: second.id, ...corrected }, first]);
    expect(await lastChange(cardId)).toEqual([{
      action: 'mainEducationCorrect', part: 'education', entryId: second.id, actor: 'caseworker-7',
      oldValue: expect.objectContaining({ institutionName: 'Алматы политехникалық колледжі', level: 'TECHNICAL_VOCATIONAL' }),
      newValue: expect.objectContaining({ institutionName: 'Жалпы білім беретін №25 мектеп', level: 'GENERAL_SECONDARY' }),
    }]);
  });

  it('mainEducationCorrect can remove the study period and the specialty', async () => {
    const version = await versionOf(cardId);
    const payload = await apply('mainEducationCorrect', { id: first.id, version, input: { institutionName: 'ҚазҰТУ', level: 'HIGHER' } });
    expect(payload.entry).toEqual({ id: first.id, institutionName: 'ҚазҰТУ', level: 'HIGHER', studyPeriod: null, specialty: null });
    expect((await wholeCard(api, cardId)).education.main).toContainEqual({ id: first.id, institutionName: 'ҚазҰТУ', level: 'HIGHER', studyPeriod: null, specialty: null });
    first = payload.entry;
  });

  const add = (data: object, version?: number) => async () => call('mainEducationAdd', { cardId, version: version ?? await versionOf(cardId), input: input(data) });
  const correct = (data: object) => async () => call('mainEducationCorrect', { id: first.id, version: await versionOf(cardId), input: input(data) });

  it('rejects a study period that ends before it starts (DATE_ORDER)', async () => {
    await rejects(api, cardId, add({ studyPeriod: { start: '2012-09-01', end: '2012-08-31' } }), 'mainEducationAdd', 'DATE_ORDER', ['input', 'studyPeriod', 'end']);
    await rejects(api, cardId, correct({ studyPeriod: { start: '2012-09-01', end: '2010-06-30' } }), 'mainEducationCorrect', 'DATE_ORDER', ['input', 'studyPeriod', 'end']);
  });

  it('rejects a study period in the future (IN_FUTURE)', async () => {
    await rejects(api, cardId, add({ studyPeriod: { start: TOMORROW } }), 'mainEducationAdd', 'IN_FUTURE', ['input', 'studyPeriod', 'start']);
    await rejects(api, cardId, correct({ studyPeriod: { start: '2020-09-01', end: TOMORROW } }), 'mainEducationCorrect', 'IN_FUTURE', ['input', 'studyPeriod', 'end']);
  });

  it('rejects a study period before the birth date (BEFORE_BIRTH)', async () => {
    await rejects(api, cardId, add({ studyPeriod: { start: BEFORE_BIRTH, end: '1995-06-01' } }), 'mainEducationAdd', 'BEFORE_BIRTH', ['input', 'studyPeriod', 'start']);
    await rejects(api, cardId, correct({ studyPeriod: { start: '1980-09-01', end: '1985-06-01' } }), 'mainEducationCorrect', 'BEFORE_BIRTH', ['input', 'studyPeriod', 'start']);
  });

  it('accepts a study period starting on the birth date and ending today', async () => {
    const version = await versionOf(cardId);
    const payload = await apply('mainEducationAdd', { cardId, version, input: input({ studyPeriod: { start: BIRTH, end: TODAY } }) });
    expect(payload.entry.studyPeriod).toEqual({ start: BIRTH, end: TODAY });
    expect(payload.card.version).toBe(version + 1);
  });

  it('rejects empty texts (INVALID_VALUE)', async () => {
    await rejects(api, cardId, add({ institutionName: '   ' }), 'mainEducationAdd', 'INVALID_VALUE', ['input', 'institutionName']);
    await rejects(api, cardId, add({ specialty: '' }), 'mainEducationAdd', 'INVALID_VALUE', ['input', 'specialty']);
    await rejects(api, cardId, correct({ institutionName: '' }), 'mainEducationCorrect', 'INVALID_VALUE', ['input', 'institutionName']);
    await rejects(api, cardId, correct({ specialty: ' \t ' }), 'mainEducationCorrect', 'INVALID_VALUE', ['input', 'specialty']);
  });

  it('rejects a stale version (STALE_CARD)', async () => {
    await staleCheck(cardId, 'mainEducationAdd', (version) => ({ cardId, version, input: university }));
    await staleCheck(cardId, 'mainEducationCorrect', (version) => ({ id: first.id, version, input: university }));
  });

  it('mainEducationCorrect: an id of another type or malformed is BAD_USER_INPUT; an unknown one is NOT_FOUND', async () => {
    const version = await versionOf(cardId);
    const additional = (await apply('additionalEducationAdd', { cardId, version, input: { organisationName: 'Курсы', kind: 'UPSKILLING' } })).entry;
    await entryIdChecks(cardId, 'mainEducationCorrect', (id) => ({ id, version: version + 1, input: university }), 'MainEducation', additional.id);
    // A MainEducation id of an additional-education row names no main-education entry.
    await rejects(api, cardId, () => call('mainEducationCorrect', { id: toGlobalId('MainEducation', dbId(additional.id)), version: version + 1, input: university }),
      'mainEducationCorrect', 'NOT_FOUND', ['id']);
  });
});

describe('§10.2 additional education', () => {
  let cardId: string;
  let entry: any;
  const course = { organisationName: 'ТОО «Учебный центр Профи»', kind: 'RETRAINING', studyPeriod: { start: '2024-02-01', end: '2024-05-31' }, specialty: 'Бухгалтер 1С' };
  const input = (data: object = {}) => ({ ...course, ...data });

  beforeAll(async () => {
    cardId = await newCard(aCard().withMainEducation());
  });

  it('additionalEducationAdd adds an entry: version + 1, the entry, and the card reads back exactly the values given', async () => {
    const before = await wholeCard(api, cardId);
    const payload = await apply('additionalEducationAdd', { cardId, version: 1, input: course });
    entry = payload.entry;
    expect(entry).toEqual({ id: expect.any(String), ...course });
    expect(parseGlobalId(entry.id)?.type).toBe('AdditionalEducation');
    expect(payload.card).toEqual({ id: cardId, version: 2, education: { additional: [entry] } });
    const card = await wholeCard(api, cardId);
    expect(card.education).toEqual({ main: before.education.main, additional: [entry] });
    expect(await lastChange(cardId)).toEqual([expect.objectContaining({ action: 'additionalEducationAdd', part: 'education', entryId: entry.id, oldValue: null })]);
  });

  it('additionalEducationCorrect corrects an entry, the earlier value staying in the history', async () => {
    const corrected = { organisationName: 'АО «Қазақтелеком»', kind: 'UPSKILLING', studyPeriod: { start: '2023-10-02', end: null }, specialty: null };
    const payload = await apply('additionalEducationCorrect', { id: entry.id, version: 2, input: corrected });
    expect(payload.entry).toEqual({ id: entry.id, ...corrected });
    expect(payload.card).toEqual({ id: cardId, version: 3, education: { additional: [{ id: entry.id, ...corrected }] } });
    expect((await wholeCard(api, cardId)).education.additional).toEqual([{ id: entry.id, ...corrected }]);
    expect(await lastChange(cardId)).toEqual([expect.objectContaining({
      action: 'additionalEducationCorrect', part: 'education', entryId: entry.id,
      oldValue: expect.objectContaining({ institutionName: 'ТОО «Учебный центр Профи»', additionalKind: 'RETRAINING' }),
      newValue: expect.objectContaining({ institutionName: 'АО «Қазақтелеком»', additionalKind: 'UPSKILLING' }),
    })]);
    entry = payload.entry;
  });

  const add = (data: object) => async () => call('additionalEducationAdd', { cardId, version: await versionOf(cardId), input: input(data) });
  const correct = (data: object) => async () => call('additionalEducationCorrect', { id: entry.id, version: await versionOf(cardId), input: input(data) });

  it('rejects an end before the start (DATE_ORDER), a future (IN_FUTURE) or pre-birth (BEFORE_BIRTH) period', async () => {
    await rejects(api, cardId, add({ studyPeriod: { start: '2024-02-01', end: '2024-01-31' } }), 'additionalEducationAdd', 'DATE_ORDER', ['input', 'studyPeriod', 'end']);
    await rejects(api, cardId, correct({ studyPeriod: { start: '2024-02-01', end: '2023-01-31' } }), 'additionalEducationCorrect', 'DATE_ORDER', ['input', 'studyPeriod', 'end']);
    await rejects(api, cardId, add({ studyPeriod: { start: TOMORROW } }), 'additionalEducationAdd', 'IN_FUTURE', ['input', 'studyPeriod', 'start']);
    await rejects(api, cardId, correct({ studyPeriod: { start: '2026-11-01', end: '2027-01-01' } }), 'additionalEducationCorrect', 'IN_FUTURE', ['input', 'studyPeriod', 'end']);
    await rejects(api, cardId, add({ studyPeriod: { start: '1989-01-01', end: '1989-02-01' } }), 'additionalEducationAdd', 'BEFORE_BIRTH', ['input', 'studyPeriod', 'start']);
  });

  it('rejects empty texts (INVALID_VALUE)', async () => {
    await rejects(api, cardId, add({ organisationName: ' ' }), 'additionalEducationAdd', 'INVALID_VALUE', ['input', 'organisationName']);
    await rejects(api, cardId, add({ specialty: '  ' }), 'additionalEducationAdd', 'INVALID_VALUE', ['input', 'specialty']);
    await rejects(api, cardId, correct({ organisationName: '' }), 'additionalEducationCorrect', 'INVALID_VALUE', ['input', 'organisationName']);
  });

  it('rejects a stale version (STALE_CARD)', async () => {
    await staleCheck(cardId, 'additionalEducationAdd', (version) => ({ cardId, version, input: course }));
    await staleCheck(cardId, 'additionalEducationCorrect', (version) => ({ id: entry.id, version, input: course }));
  });

  it('additionalEducationCorrect: an id of another type or malformed is BAD_USER_INPUT; an unknown one is NOT_FOUND', async () => {
    const version = await versionOf(cardId);
    const main = (await wholeCard(api, cardId)).education.main[0];
    await entryIdChecks(cardId, 'additionalEducationCorrect', (id) => ({ id, version, input: course }), 'AdditionalEducation', main.id);
    // An AdditionalEducation id of a main-education row names no additional-education entry.
    await rejects(api, cardId, () => call('additionalEducationCorrect', { id: toGlobalId('AdditionalEducation', dbId(main.id)), version, input: course }),
      'additionalEducationCorrect', 'NOT_FOUND', ['id']);
  });
});

// ---------------------------------------------------------------------------------------------
// §11 last place of work

describe('§11 cardSetLastJob', () => {
  let cardId: string;
  const job = { employerName: 'ТОО «Алатау Сервис»', hiredOn: '2015-03-01', dismissedOn: '2025-12-20', position: 'бухгалтер' };
  const set = (data: object | null) => async () => call('cardSetLastJob', { id: cardId, version: await versionOf(cardId), input: data && { ...job, ...data } });

  beforeAll(async () => {
    cardId = await newCard();
  });

  it('sets the last job: version + 1 and the card reads back exactly the values given', async () => {
    const payload = await apply('cardSetLastJob', { id: cardId, version: 1, input: job });
    expect(payload.card).toEqual({ id: cardId, version: 2, lastJob: job });
    const card = await wholeCard(api, cardId);
    expect(card.lastJob).toEqual(job);
    expect(card.version).toBe(2);
    expect(await lastChange(cardId)).toEqual([{ action: 'cardSetLastJob', part: 'lastJob', entryId: null, actor: 'caseworker-7', oldValue: null, newValue: job }]);
  });

  it('corrects it (hired and dismissed on one day, position left out), the earlier value staying in the history', async () => {
    const corrected = { employerName: 'ИП «Берік»', hiredOn: '2026-01-05', dismissedOn: '2026-01-05' };
    const payload = await apply('cardSetLastJob', { id: cardId, version: 2, input: corrected });
    expect(payload.card).toEqual({ id: cardId, version: 3, lastJob: { ...corrected, position: null } });
    expect((await wholeCard(api, cardId)).lastJob).toEqual({ ...corrected, position: null });
    expect(await lastChange(cardId)).toEqual([expect.objectContaining({ part: 'lastJob', oldValue: job, newValue: { ...corrected, position: null } })]);
  });

  it('clears it with null, the earlier value staying in the history', async () => {
    const payload = await apply('cardSetLastJob', { id: cardId, version: 3, input: null });
    expect(payload.card).toEqual({ id: cardId, version: 4, lastJob: null });
    expect((await wholeCard(api, cardId)).lastJob).toBeNull();
    expect(await lastChange(cardId)).toEqual([expect.objectContaining({
      action: 'cardSetLastJob', part: 'lastJob', oldValue: expect.objectContaining({ employerName: 'ИП «Берік»' }), newValue: null,
    })]);
    // Set again for the checks below, which must leave it untouched.
    await apply('cardSetLastJob', { id: cardId, version: 4, input: job });
  });

  it('rejects a dismissal before the hire (DATE_ORDER)', async () => {
    await rejects(api, cardId, set({ hiredOn: '2020-06-01', dismissedOn: '2020-05-31' }), 'cardSetLastJob', 'DATE_ORDER', ['input', 'dismissedOn']);
  });

  it('rejects a hire or dismissal in the future (IN_FUTURE) or before the birth date (BEFORE_BIRTH)', async () => {
    await rejects(api, cardId, set({ hiredOn: TOMORROW, dismissedOn: null }), 'cardSetLastJob', 'IN_FUTURE', ['input', 'hiredOn']);
    await rejects(api, cardId, set({ dismissedOn: TOMORROW }), 'cardSetLastJob', 'IN_FUTURE', ['input', 'dismissedOn']);
    await rejects(api, cardId, set({ hiredOn: BEFORE_BIRTH }), 'cardSetLastJob', 'BEFORE_BIRTH', ['input', 'hiredOn']);
  });

  it('rejects empty texts (INVALID_VALUE)', async () => {
    await rejects(api, cardId, set({ employerName: '  ' }), 'cardSetLastJob', 'INVALID_VALUE', ['input', 'employerName']);
    await rejects(api, cardId, set({ position: '' }), 'cardSetLastJob', 'INVALID_VALUE', ['input', 'position']);
  });

  it('rejects a stale version (STALE_CARD), including a clearing', async () => {
    await staleCheck(cardId, 'cardSetLastJob', (version) => ({ id: cardId, version, input: { employerName: 'ТОО «Новый»' } }));
    await staleCheck(cardId, 'cardSetLastJob', (version) => ({ id: cardId, version, input: null }));
  });

  it('an id of another type or malformed is BAD_USER_INPUT; an unknown card is NOT_FOUND', async () => {
    const version = await versionOf(cardId);
    await refusedInput(cardId, () => call('cardSetLastJob', { id: toGlobalId('Referral', dbId(cardId)), version, input: job }), 'id');
    await refusedInput(cardId, () => call('cardSetLastJob', { id: MALFORMED, version, input: job }), 'id');
    await rejects(api, cardId, () => call('cardSetLastJob', { id: toGlobalId('Card', UNKNOWN), version, input: job }), 'cardSetLastJob', 'NOT_FOUND', ['id']);
  });
});

// ---------------------------------------------------------------------------------------------
// §13 career guidance

describe('§13 career guidance', () => {
  let cardId: string;
  let entry: any;
  const session = { bodyName: 'Центр карьеры Алмалинского района', heldOn: TODAY, result: 'рекомендовано обучение 1С' };
  const add = (data: object) => async () => call('careerGuidanceAdd', { cardId, version: await versionOf(cardId), input: { ...session, ...data } });
  const correct = (data: object) => async () => call('careerGuidanceCorrect', { id: entry.id, version: await versionOf(cardId), input: { ...session, ...data } });

  beforeAll(async () => {
    cardId = await newCard(aCard().withCareerGuidance());
  });

  it('careerGuidanceAdd records a session held today: version + 1, the entry, and the card reads back exactly the values given', async () => {
    const existing = (await wholeCard(api, cardId)).careerGuidance;
    const payload = await apply('careerGuidanceAdd', { cardId, version: 1, input: session });
    entry = payload.careerGuidance;
    expect(entry).toEqual({ id: expect.any(String), ...session });
    expect(parseGlobalId(entry.id)?.type).toBe('CareerGuidance');
    expect(payload.card).toEqual({ id: cardId, version: 2, careerGuidance: [...existing, entry] });
    expect((await wholeCard(api, cardId)).careerGuidance).toEqual([...existing, entry]);
    expect(await lastChange(cardId)).toEqual([expect.objectContaining({ action: 'careerGuidanceAdd', part: 'careerGuidance', entryId: entry.id, oldValue: null })]);
  });

  it('careerGuidanceCorrect corrects a session, the earlier value staying in the history', async () => {
    const corrected = { bodyName: 'Мансап орталығы', heldOn: '2026-02-10', result: 'сварщик' };
    const payload = await apply('careerGuidanceCorrect', { id: entry.id, version: 2, input: corrected });
    expect(payload.careerGuidance).toEqual({ id: entry.id, ...corrected });
    expect(payload.card.version).toBe(3);
    expect((await wholeCard(api, cardId)).careerGuidance).toContainEqual({ id: entry.id, ...corrected });
    expect(await lastChange(cardId)).toEqual([expect.objectContaining({
      action: 'careerGuidanceCorrect', entryId: entry.id,
      oldValue: expect.objectContaining({ heldOn: TODAY, result: 'рекомендовано обучение 1С' }),
      newValue: expect.objectContaining({ heldOn: '2026-02-10', result: 'сварщик' }),
    })]);
  });

  it('rejects a session in the future (IN_FUTURE) or before the birth date (BEFORE_BIRTH)', async () => {
    await rejects(api, cardId, add({ heldOn: TOMORROW }), 'careerGuidanceAdd', 'IN_FUTURE', ['input', 'heldOn']);
    await rejects(api, cardId, correct({ heldOn: '2027-01-01' }), 'careerGuidanceCorrect', 'IN_FUTURE', ['input', 'heldOn']);
    await rejects(api, cardId, add({ heldOn: BEFORE_BIRTH }), 'careerGuidanceAdd', 'BEFORE_BIRTH', ['input', 'heldOn']);
    await rejects(api, cardId, correct({ heldOn: '1970-01-01' }), 'careerGuidanceCorrect', 'BEFORE_BIRTH', ['input', 'heldOn']);
  });

  it('rejects empty texts (INVALID_VALUE)', async () => {
    await rejects(api, cardId, add({ bodyName: '' }), 'careerGuidanceAdd', 'INVALID_VALUE', ['input', 'bodyName']);
    await rejects(api, cardId, add({ result: '   ' }), 'careerGuidanceAdd', 'INVALID_VALUE', ['input', 'result']);
    await rejects(api, cardId, correct({ result: '' }), 'careerGuidanceCorrect', 'INVALID_VALUE', ['input', 'result']);
  });

  it('rejects a stale version (STALE_CARD)', async () => {
    await staleCheck(cardId, 'careerGuidanceAdd', (version) => ({ cardId, version, input: session }));
    await staleCheck(cardId, 'careerGuidanceCorrect', (version) => ({ id: entry.id, version, input: session }));
  });

  it('careerGuidanceCorrect: an id of another type or malformed is BAD_USER_INPUT; an unknown one is NOT_FOUND', async () => {
    const version = await versionOf(cardId);
    await entryIdChecks(cardId, 'careerGuidanceCorrect', (id) => ({ id, version, input: session }), 'CareerGuidance', toGlobalId('Visit', dbId(entry.id)));
  });
});

// ---------------------------------------------------------------------------------------------
// §14 referrals

describe('§14 referrals', () => {
  let cardId: string;
  const referral = { employerName: 'ТОО «Береке»', position: 'бухгалтер', referredOn: '2026-10-01' };
  const hiring = { orderDate: '2026-10-05', orderNumber: '45-к', position: 'бухгалтер' };
  const refusal = { refusedBy: 'EMPLOYER', refusedOn: '2026-10-03', reason: 'нет опыта' };
  const referrals = async () => (await wholeCard(api, cardId)).referrals.edges.map((edge: any) => edge.node);
  /** A new referral without outcome. */
  const open = async (data: object = {}) => {
    const payload = await apply('referralCreate', { cardId, version: await versionOf(cardId), input: { ...referral, ...data } });
    return payload.referral;
  };

  beforeAll(async () => {
    cardId = await newCard();
  });

  it('referralCreate issues a referral with no outcome: version + 1, the referral, and the card reads it back', async () => {
    const payload = await apply('referralCreate', { cardId, version: 1, input: referral });
    expect(payload.referral).toEqual({ id: expect.any(String), ...referral, outcome: null });
    expect(parseGlobalId(payload.referral.id)?.type).toBe('Referral');
    expect(payload.card).toEqual({ id: cardId, version: 2, referrals: { totalCount: 1 } });
    expect(await referrals()).toEqual([payload.referral]);
    expect(await lastChange(cardId)).toEqual([expect.objectContaining({ action: 'referralCreate', part: 'referral', entryId: payload.referral.id, oldValue: null })]);
  });

  it('referralRecordHiring records the employer\'s act of hiring', async () => {
    const created = await open({ referredOn: '2026-10-02' });
    const version = await versionOf(cardId);
    const payload = await apply('referralRecordHiring', { id: created.id, version, input: hiring });
    const expected = { ...created, outcome: { __typename: 'HiringAct', ...hiring } };
    expect(payload.referral).toEqual(expected);
    expect(payload.card).toEqual({ id: cardId, version: version + 1 });
    expect(await referrals()).toContainEqual(expected);
    expect(await lastChange(cardId)).toEqual([expect.objectContaining({
      action: 'referralRecordHiring', part: 'referral', entryId: created.id,
      oldValue: expect.objectContaining({ hiringAct: null, refusal: null }), newValue: expect.objectContaining({ hiringAct: hiring, refusal: null }),
    })]);
  });

  it('referralRecordRefusal records a refusal by the EMPLOYER', async () => {
    const created = await open({ referredOn: '2026-10-03' });
    const version = await versionOf(cardId);
    const payload = await apply('referralRecordRefusal', { id: created.id, version, input: refusal });
    const expected = { ...created, outcome: { __typename: 'ReferralRefusal', ...refusal } };
    expect(payload.referral).toEqual(expected);
    expect(payload.card.version).toBe(version + 1);
    expect(await referrals()).toContainEqual(expected);
    expect((await lastChange(cardId))[0]).toMatchObject({ action: 'referralRecordRefusal', entryId: created.id });
  });

  it('referralRecordRefusal records a refusal by the APPLICANT, dated the day of the referral', async () => {
    const created = await open({ referredOn: '2026-11-20' });
    const version = await versionOf(cardId);
    const applicant = { refusedBy: 'APPLICANT', refusedOn: '2026-11-20', reason: 'удалённость от дома' };
    const payload = await apply('referralRecordRefusal', { id: created.id, version, input: applicant });
    expect(payload.referral).toEqual({ ...created, outcome: { __typename: 'ReferralRefusal', ...applicant } });
    expect(payload.card.version).toBe(version + 1);
    expect(await referrals()).toContainEqual({ ...created, outcome: { __typename: 'ReferralRefusal', ...applicant } });
  });

  it('referralCorrect corrects a referral with its outcome: hiring to refusal, then outcome removed', async () => {
    const created = await open({ referredOn: '2026-09-01' });
    let version = await versionOf(cardId);
    await apply('referralRecordHiring', { id: created.id, version, input: { ...hiring, orderDate: '2026-09-10' } });
    const corrected = {
      employerName: 'АО «Самұрық»', position: 'экономист', referredOn: '2026-09-02',
      outcome: { refusal: { refusedBy: 'APPLICANT', refusedOn: '2026-09-04', reason: 'низкая зарплата' } },
    };
    version = await versionOf(cardId);
    const payload = await apply('referralCorrect', { id: created.id, version, input: corrected });
    const expected = { id: created.id, employerName: 'АО «Самұрық»', position: 'экономист', referredOn: '2026-09-02', outcome: { __typename: 'ReferralRefusal', ...corrected.outcome.refusal } };
    expect(payload.referral).toEqual(expected);
    expect(payload.card.version).toBe(version + 1);
    expect(await referrals()).toContainEqual(expected);
    expect(await lastChange(cardId)).toEqual([expect.objectContaining({
      action: 'referralCorrect', entryId: created.id,
      oldValue: expect.objectContaining({ employerName: 'ТОО «Береке»', hiringAct: expect.objectContaining({ orderDate: '2026-09-10' }), refusal: null }),
      newValue: expect.objectContaining({ employerName: 'АО «Самұрық»', hiringAct: null, refusal: expect.objectContaining({ refusedBy: 'APPLICANT' }) }),
    })]);

    const cleared = await apply('referralCorrect', { id: created.id, version: version + 1, input: { ...referral, referredOn: '2026-09-02' } });
    expect(cleared.referral).toEqual({ id: created.id, ...referral, referredOn: '2026-09-02', outcome: null });
    expect(await referrals()).toContainEqual({ id: created.id, ...referral, referredOn: '2026-09-02', outcome: null });
  });

  it('referralCorrect can record a hiring as the outcome', async () => {
    const created = await open({ referredOn: '2026-08-01' });
    const version = await versionOf(cardId);
    const payload = await apply('referralCorrect', { id: created.id, version, input: { ...referral, referredOn: '2026-08-01', outcome: { hiring: { ...hiring, orderDate: '2026-08-01' } } } });
    expect(payload.referral.outcome).toEqual({ __typename: 'HiringAct', ...hiring, orderDate: '2026-08-01' });
    expect(await referrals()).toContainEqual({ id: created.id, ...referral, referredOn: '2026-08-01', outcome: { __typename: 'HiringAct', ...hiring, orderDate: '2026-08-01' } });
  });

  it('referralCreate rejects an outcome given with the new referral (INVALID_VALUE)', async () => {
    const create = (outcome: object) => async () => call('referralCreate', { cardId, version: await versionOf(cardId), input: { ...referral, outcome } });
    await rejects(api, cardId, create({ hiring }), 'referralCreate', 'INVALID_VALUE', ['input', 'outcome']);
    await rejects(api, cardId, create({ refusal }), 'referralCreate', 'INVALID_VALUE', ['input', 'outcome']);
  });

  it('referralCreate rejects a future or pre-birth referral date and empty texts', async () => {
    const create = (data: object) => async () => call('referralCreate', { cardId, version: await versionOf(cardId), input: { ...referral, ...data } });
    await rejects(api, cardId, create({ referredOn: TOMORROW }), 'referralCreate', 'IN_FUTURE', ['input', 'referredOn']);
    await rejects(api, cardId, create({ referredOn: BEFORE_BIRTH }), 'referralCreate', 'BEFORE_BIRTH', ['input', 'referredOn']);
    await rejects(api, cardId, create({ employerName: '  ' }), 'referralCreate', 'INVALID_VALUE', ['input', 'employerName']);
    await rejects(api, cardId, create({ position: '' }), 'referralCreate', 'INVALID_VALUE', ['input', 'position']);
  });

  it('referralRecordHiring rejects an order dated before the referral (DATE_ORDER), in the future (IN_FUTURE), or with empty texts', async () => {
    const created = await open({ referredOn: '2026-10-10' });
    const record = (data: object) => async () => call('referralRecordHiring', { id: created.id, version: await versionOf(cardId), input: { ...hiring, ...data } });
    await rejects(api, cardId, record({ orderDate: '2026-10-09' }), 'referralRecordHiring', 'DATE_ORDER', ['input', 'orderDate']);
    await rejects(api, cardId, record({ orderDate: TOMORROW }), 'referralRecordHiring', 'IN_FUTURE', ['input', 'orderDate']);
    await rejects(api, cardId, record({ orderDate: '2026-10-11', orderNumber: ' ' }), 'referralRecordHiring', 'INVALID_VALUE', ['input', 'orderNumber']);
    await rejects(api, cardId, record({ orderDate: '2026-10-11', position: '' }), 'referralRecordHiring', 'INVALID_VALUE', ['input', 'position']);
  });

  it('referralRecordRefusal rejects a refusal dated before the referral (DATE_ORDER), in the future (IN_FUTURE), or without a reason', async () => {
    const created = await open({ referredOn: '2026-10-10' });
    const record = (data: object) => async () => call('referralRecordRefusal', { id: created.id, version: await versionOf(cardId), input: { ...refusal, ...data } });
    await rejects(api, cardId, record({ refusedOn: '2026-10-09' }), 'referralRecordRefusal', 'DATE_ORDER', ['input', 'refusedOn']);
    await rejects(api, cardId, record({ refusedBy: 'APPLICANT', refusedOn: '2026-10-01' }), 'referralRecordRefusal', 'DATE_ORDER', ['input', 'refusedOn']);
    await rejects(api, cardId, record({ refusedOn: TOMORROW }), 'referralRecordRefusal', 'IN_FUTURE', ['input', 'refusedOn']);
    await rejects(api, cardId, record({ refusedOn: '2026-10-12', reason: '   ' }), 'referralRecordRefusal', 'INVALID_VALUE', ['input', 'reason']);
  });

  it('rejects an outcome recorded twice (OUTCOME_ALREADY_RECORDED), whichever kind came first', async () => {
    const hired = await open({ referredOn: '2026-10-01' });
    await apply('referralRecordHiring', { id: hired.id, version: await versionOf(cardId), input: hiring });
    const refused = await open({ referredOn: '2026-10-01' });
    await apply('referralRecordRefusal', { id: refused.id, version: await versionOf(cardId), input: refusal });
    const again = (name: Name, id: string, input: object) => async () => call(name, { id, version: await versionOf(cardId), input });
    await rejects(api, cardId, again('referralRecordHiring', hired.id, { ...hiring, orderNumber: '46-к' }), 'referralRecordHiring', 'OUTCOME_ALREADY_RECORDED', ['id']);
    await rejects(api, cardId, again('referralRecordRefusal', hired.id, refusal), 'referralRecordRefusal', 'OUTCOME_ALREADY_RECORDED', ['id']);
    await rejects(api, cardId, again('referralRecordRefusal', refused.id, { ...refusal, refusedBy: 'APPLICANT' }), 'referralRecordRefusal', 'OUTCOME_ALREADY_RECORDED', ['id']);
    await rejects(api, cardId, again('referralRecordHiring', refused.id, hiring), 'referralRecordHiring', 'OUTCOME_ALREADY_RECORDED', ['id']);
  });

  it('referralCorrect rejects both hiring and refusal, or neither, as the outcome (INVALID_VALUE)', async () => {
    const created = await open();
    const correct = (outcome: object) => async () => call('referralCorrect', { id: created.id, version: await versionOf(cardId), input: { ...referral, outcome } });
    await rejects(api, cardId, correct({ hiring, refusal }), 'referralCorrect', 'INVALID_VALUE', ['input', 'outcome']);
    await rejects(api, cardId, correct({}), 'referralCorrect', 'INVALID_VALUE', ['input', 'outcome']);
  });

  it('referralCorrect rejects an outcome dated before the referral (DATE_ORDER), a future date, and empty texts', async () => {
    const created = await open();
    const correct = (data: object) => async () => call('referralCorrect', { id: created.id, version: await versionOf(cardId), input: { ...referral, ...data } });
    await rejects(api, cardId, correct({ outcome: { hiring: { ...hiring, orderDate: '2026-09-30' } } }), 'referralCorrect', 'DATE_ORDER', ['input', 'outcome', 'hiring', 'orderDate']);
    await rejects(api, cardId, correct({ outcome: { refusal: { ...refusal, refusedOn: '2026-09-30' } } }), 'referralCorrect', 'DATE_ORDER', ['input', 'outcome', 'refusal', 'refusedOn']);
    // Moving the referral after its outcome is the same disorder.
    await rejects(api, cardId, correct({ referredOn: '2026-10-06', outcome: { hiring } }), 'referralCorrect', 'DATE_ORDER', ['input', 'outcome', 'hiring', 'orderDate']);
    await rejects(api, cardId, correct({ referredOn: TOMORROW }), 'referralCorrect', 'IN_FUTURE', ['input', 'referredOn']);
    await rejects(api, cardId, correct({ employerName: '' }), 'referralCorrect', 'INVALID_VALUE', ['input', 'employerName']);
    await rejects(api, cardId, correct({ outcome: { refusal: { ...refusal, reason: ' ' } } }), 'referralCorrect', 'INVALID_VALUE', ['input', 'outcome', 'refusal', 'reason']);
  });

  it('rejects a stale version (STALE_CARD)', async () => {
    const created = await open();
    await staleCheck(cardId, 'referralCreate', (version) => ({ cardId, version, input: referral }));
    await staleCheck(cardId, 'referralRecordHiring', (version) => ({ id: created.id, version, input: hiring }));
    await staleCheck(cardId, 'referralRecordRefusal', (version) => ({ id: created.id, version, input: refusal }));
    await staleCheck(cardId, 'referralCorrect', (version) => ({ id: created.id, version, input: { ...referral, employerName: 'ТОО «Другой»' } }));
  });

  it('an entry id of another type or malformed is BAD_USER_INPUT; an unknown one is NOT_FOUND', async () => {
    const created = await open();
    const version = await versionOf(cardId);
    const other = toGlobalId('SpecialWorkplace', dbId(created.id));
    await entryIdChecks(cardId, 'referralRecordHiring', (id) => ({ id, version, input: hiring }), 'Referral', other);
    await entryIdChecks(cardId, 'referralRecordRefusal', (id) => ({ id, version, input: refusal }), 'Referral', other);
    await entryIdChecks(cardId, 'referralCorrect', (id) => ({ id, version, input: referral }), 'Referral', other);
  });
});

// ---------------------------------------------------------------------------------------------
// §17 special workplaces

describe('§17 special workplaces', () => {
  let cardId: string;
  const workplace = { employerName: 'ТОО «Инва Цех»', referredOn: '2026-10-01', participationPeriod: { start: '2026-10-05', end: null }, position: 'оператор' };
  const hiring = { orderDate: '2026-10-05', orderNumber: '7-ЛС', position: 'оператор' };
  const workplaces = async () => (await wholeCard(api, cardId)).specialWorkplaces;
  const create = async (data: object = {}) =>
    (await apply('specialWorkplaceCreate', { cardId, version: await versionOf(cardId), input: { ...workplace, ...data } })).specialWorkplace;

  beforeAll(async () => {
    cardId = await newCard();
  });

  it('specialWorkplaceCreate refers the person: version + 1, the entry, and the card reads back exactly the values given', async () => {
    const payload = await apply('specialWorkplaceCreate', { cardId, version: 1, input: workplace });
    const entry = payload.specialWorkplace;
    expect(entry).toEqual({ id: expect.any(String), ...workplace, hiringAct: null });
    expect(parseGlobalId(entry.id)?.type).toBe('SpecialWorkplace');
    expect(payload.card).toEqual({ id: cardId, version: 2, specialWorkplaces: [entry] });
    expect(await workplaces()).toEqual([entry]);
    expect(await lastChange(cardId)).toEqual([expect.objectContaining({ action: 'specialWorkplaceCreate', part: 'specialWorkplace', entryId: entry.id, oldValue: null })]);
  });

  it('specialWorkplaceCreate takes the act of hiring when already known', async () => {
    const entry = await create({ referredOn: '2026-09-01', participationPeriod: { start: '2026-09-02', end: '2026-11-28' }, hiringAct: { ...hiring, orderDate: '2026-09-01' } });
    expect(entry).toEqual({
      id: expect.any(String), ...workplace, referredOn: '2026-09-01', participationPeriod: { start: '2026-09-02', end: '2026-11-28' },
      hiringAct: { ...hiring, orderDate: '2026-09-01' },
    });
    expect(await workplaces()).toContainEqual(entry);
  });

  it('specialWorkplaceRecordHiring records the employer\'s act of hiring', async () => {
    const entry = await create();
    const version = await versionOf(cardId);
    const payload = await apply('specialWorkplaceRecordHiring', { id: entry.id, version, input: hiring });
    expect(payload.specialWorkplace).toEqual({ ...entry, hiringAct: hiring });
    expect(payload.card).toEqual({ id: cardId, version: version + 1 });
    expect(await workplaces()).toContainEqual({ ...entry, hiringAct: hiring });
    expect(await lastChange(cardId)).toEqual([expect.objectContaining({
      action: 'specialWorkplaceRecordHiring', entryId: entry.id, oldValue: expect.objectContaining({ hiringAct: null }), newValue: expect.objectContaining({ hiringAct: hiring }),
    })]);
  });

  it('specialWorkplaceCorrect corrects an entry, the earlier value staying in the history', async () => {
    const entry = await create();
    const version = await versionOf(cardId);
    const corrected = { employerName: 'ИП «Шебер»', referredOn: '2026-08-03', participationPeriod: { start: '2026-08-10', end: '2026-10-10' }, position: 'швея', hiringAct: { orderDate: '2026-08-10', orderNumber: '3', position: 'швея' } };
    const payload = await apply('specialWorkplaceCorrect', { id: entry.id, version, input: corrected });
    expect(payload.specialWorkplace).toEqual({ id: entry.id, ...corrected });
    expect(payload.card.version).toBe(version + 1);
    expect(await workplaces()).toContainEqual({ id: entry.id, ...corrected });
    expect(await lastChange(cardId)).toEqual([expect.objectContaining({
      action: 'specialWorkplaceCorrect', entryId: entry.id,
      oldValue: expect.objectContaining({ employerName: 'ТОО «Инва Цех»', hiringAct: null }), newValue: expect.objectContaining({ employerName: 'ИП «Шебер»' }),
    })]);
    // And back without a period or act.
    const bare = { employerName: 'ИП «Шебер»', referredOn: '2026-08-03', position: 'швея' };
    const again = await apply('specialWorkplaceCorrect', { id: entry.id, version: version + 1, input: bare });
    expect(again.specialWorkplace).toEqual({ id: entry.id, ...bare, participationPeriod: null, hiringAct: null });
    expect(await workplaces()).toContainEqual({ id: entry.id, ...bare, participationPeriod: null, hiringAct: null });
  });

  it('rejects a participation period before the referral or ending before it starts, and an act before the referral (DATE_ORDER)', async () => {
    const entry = await create();
    const make = (data: object) => async () => call('specialWorkplaceCreate', { cardId, version: await versionOf(cardId), input: { ...workplace, ...data } });
    const correct = (data: object) => async () => call('specialWorkplaceCorrect', { id: entry.id, version: await versionOf(cardId), input: { ...workplace, ...data } });
    await rejects(api, cardId, make({ participationPeriod: { start: '2026-09-30' } }), 'specialWorkplaceCreate', 'DATE_ORDER', ['input', 'participationPeriod', 'start']);
    await rejects(api, cardId, make({ participationPeriod: { start: '2026-10-05', end: '2026-10-04' } }), 'specialWorkplaceCreate', 'DATE_ORDER', ['input', 'participationPeriod', 'end']);
    await rejects(api, cardId, make({ hiringAct: { ...hiring, orderDate: '2026-09-30' } }), 'specialWorkplaceCreate', 'DATE_ORDER', ['input', 'hiringAct', 'orderDate']);
    await rejects(api, cardId, correct({ participationPeriod: { start: '2026-09-01' } }), 'specialWorkplaceCorrect', 'DATE_ORDER', ['input', 'participationPeriod', 'start']);
    await rejects(api, cardId, correct({ hiringAct: { ...hiring, orderDate: '2026-09-30' } }), 'specialWorkplaceCorrect', 'DATE_ORDER', ['input', 'hiringAct', 'orderDate']);
    const record = async () => call('specialWorkplaceRecordHiring', { id: entry.id, version: await versionOf(cardId), input: { ...hiring, orderDate: '2026-09-30' } });
    await rejects(api, cardId, record, 'specialWorkplaceRecordHiring', 'DATE_ORDER', ['input', 'orderDate']);
  });

  it('accepts a participation period that lies ahead (arranged for later)', async () => {
    const entry = await create({ referredOn: TODAY, participationPeriod: { start: TOMORROW, end: '2027-05-31' } });
    expect(entry).toEqual({ id: expect.any(String), ...workplace, referredOn: TODAY, participationPeriod: { start: TOMORROW, end: '2027-05-31' }, hiringAct: null });
    expect(await workplaces()).toContainEqual(entry);
    const planned = { ...workplace, referredOn: TODAY, participationPeriod: { start: '2027-01-10', end: '2027-01-09' } };
    await rejects(api, cardId, async () => call('specialWorkplaceCreate', { cardId, version: await versionOf(cardId), input: planned }),
      'specialWorkplaceCreate', 'DATE_ORDER', ['input', 'participationPeriod', 'end']);
  });

  it('rejects future dates (IN_FUTURE), pre-birth dates (BEFORE_BIRTH) and empty texts (INVALID_VALUE)', async () => {
    const entry = await create();
    const make = (data: object) => async () => call('specialWorkplaceCreate', { cardId, version: await versionOf(cardId), input: { ...workplace, ...data } });
    await rejects(api, cardId, make({ referredOn: TOMORROW, participationPeriod: null }), 'specialWorkplaceCreate', 'IN_FUTURE', ['input', 'referredOn']);
    await rejects(api, cardId, make({ referredOn: BEFORE_BIRTH, participationPeriod: null }), 'specialWorkplaceCreate', 'BEFORE_BIRTH', ['input', 'referredOn']);
    await rejects(api, cardId, make({ employerName: ' ' }), 'specialWorkplaceCreate', 'INVALID_VALUE', ['input', 'employerName']);
    await rejects(api, cardId, make({ position: '' }), 'specialWorkplaceCreate', 'INVALID_VALUE', ['input', 'position']);
    const record = (data: object) => async () => call('specialWorkplaceRecordHiring', { id: entry.id, version: await versionOf(cardId), input: { ...hiring, ...data } });
    await rejects(api, cardId, record({ orderDate: TOMORROW }), 'specialWorkplaceRecordHiring', 'IN_FUTURE', ['input', 'orderDate']);
    await rejects(api, cardId, record({ orderNumber: '' }), 'specialWorkplaceRecordHiring', 'INVALID_VALUE', ['input', 'orderNumber']);
    const correct = (data: object) => async () => call('specialWorkplaceCorrect', { id: entry.id, version: await versionOf(cardId), input: { ...workplace, ...data } });
    await rejects(api, cardId, correct({ referredOn: '2027-01-01', participationPeriod: null }), 'specialWorkplaceCorrect', 'IN_FUTURE', ['input', 'referredOn']);
    await rejects(api, cardId, correct({ employerName: '' }), 'specialWorkplaceCorrect', 'INVALID_VALUE', ['input', 'employerName']);
  });

  it('rejects a hiring recorded twice (OUTCOME_ALREADY_RECORDED), also when it came with the referral', async () => {
    const recorded = await create();
    await apply('specialWorkplaceRecordHiring', { id: recorded.id, version: await versionOf(cardId), input: hiring });
    const hiredAtOnce = await create({ hiringAct: hiring });
    for (const entry of [recorded, hiredAtOnce]) {
      await rejects(api, cardId, async () => call('specialWorkplaceRecordHiring', { id: entry.id, version: await versionOf(cardId), input: { ...hiring, orderNumber: '8-ЛС' } }),
        'specialWorkplaceRecordHiring', 'OUTCOME_ALREADY_RECORDED', ['id']);
    }
  });

  it('rejects a stale version (STALE_CARD)', async () => {
    const entry = await create();
    await staleCheck(cardId, 'specialWorkplaceCreate', (version) => ({ cardId, version, input: workplace }));
    await staleCheck(cardId, 'specialWorkplaceRecordHiring', (version) => ({ id: entry.id, version, input: hiring }));
    await staleCheck(cardId, 'specialWorkplaceCorrect', (version) => ({ id: entry.id, version, input: { ...workplace, position: 'сборщик' } }));
  });

  it('an entry id of another type or malformed is BAD_USER_INPUT; an unknown one is NOT_FOUND', async () => {
    const entry = await create();
    const version = await versionOf(cardId);
    const other = toGlobalId('Referral', dbId(entry.id));
    await entryIdChecks(cardId, 'specialWorkplaceRecordHiring', (id) => ({ id, version, input: hiring }), 'SpecialWorkplace', other);
    await entryIdChecks(cardId, 'specialWorkplaceCorrect', (id) => ({ id, version, input: workplace }), 'SpecialWorkplace', other);
  });
});

// ---------------------------------------------------------------------------------------------
// §18 visits

describe('§18 visits', () => {
  let cardId: string;
  const visits = async (includeVoided = false) => {
    const { card } = dataOf(await api.execute(`query($id: ID!, $all: Boolean) { card(id: $id) { visits(first: 100, includeVoided: $all) { totalCount edges { node { ${VISIT} voided { reason } } } } } }`, { id: cardId, all: includeVoided }));
    return card.visits.edges.map((edge: any) => edge.node);
  };
  const plan = async (plannedOn: string) => (await apply('visitPlan', { cardId, version: await versionOf(cardId), input: { plannedOn } })).visit;

  beforeAll(async () => {
    // Two rows on paper already: 1 (attended) and 2 (planned).
    cardId = await newCard(aCard().withVisit().withVisit({ rowNumber: 2, plannedOn: '2026-03-15', attendedOn: null, note: null }));
  });

  it('visitPlan plans a visit in the future as the next row: version + 1, the row, and the card reads it back', async () => {
    const payload = await apply('visitPlan', { cardId, version: 1, input: { plannedOn: '2027-01-15' } });
    expect(payload.visit).toEqual({ id: expect.any(String), rowNumber: 3, plannedOn: '2027-01-15', attendedOn: null, note: null });
    expect(parseGlobalId(payload.visit.id)?.type).toBe('Visit');
    expect(payload.card).toEqual({ id: cardId, version: 2, visits: { totalCount: 3 } });
    const rows = (await wholeCard(api, cardId)).visits.edges.map((edge: any) => edge.node);
    expect(rows.map((row: any) => row.rowNumber)).toEqual([1, 2, 3]);
    expect(rows[2]).toEqual(payload.visit);
    expect(await lastChange(cardId)).toEqual([expect.objectContaining({ action: 'visitPlan', part: 'visit', entryId: payload.visit.id, oldValue: null })]);
  });

  it('visitPlan numbers rows after the last row even when planned earlier, and after a voided last row', async () => {
    const fourth = await plan('2026-04-01');
    expect(fourth.rowNumber).toBe(4);
    // Listed by planned date: row 4 (April) before row 3 (January 2027).
    expect((await visits()).map((row: any) => row.rowNumber)).toEqual([1, 2, 4, 3]);
    const fifth = await plan('2027-02-01');
    expect(fifth.rowNumber).toBe(5);
    await apply('cardEntryVoid', { id: fifth.id, version: await versionOf(cardId), reason: 'ошибочная запись' });
    const sixth = await plan('2027-03-01');
    expect(sixth).toEqual({ id: expect.any(String), rowNumber: 6, plannedOn: '2027-03-01', attendedOn: null, note: null });
    expect((await visits()).map((row: any) => row.rowNumber)).toEqual([1, 2, 4, 3, 6]);
    expect((await visits(true)).map((row: any) => row.rowNumber)).toEqual([1, 2, 4, 3, 5, 6]);
  });

  it('visitPlan accepts a planned date on the birth date', async () => {
    expect((await plan(BIRTH)).plannedOn).toBe(BIRTH);
  });

  it('visitRecord records the actual date and the note', async () => {
    const row = await plan('2026-11-25');
    const version = await versionOf(cardId);
    const payload = await apply('visitRecord', { id: row.id, version, input: { attendedOn: TODAY, note: 'выдано направление в ТОО «Береке»' } });
    const expected = { ...row, attendedOn: TODAY, note: 'выдано направление в ТОО «Береке»' };
    expect(payload.visit).toEqual(expected);
    expect(payload.card).toEqual({ id: cardId, version: version + 1 });
    expect((await wholeCard(api, cardId)).visits.edges.map((edge: any) => edge.node)).toContainEqual(expected);
    expect(await lastChange(cardId)).toEqual([expect.objectContaining({
      action: 'visitRecord', entryId: row.id, oldValue: expect.objectContaining({ attendedOn: null }), newValue: expect.objectContaining({ attendedOn: TODAY }),
    })]);
  });

  it('visitRecord records a visit without a note', async () => {
    const row = await plan('2026-11-20');
    const payload = await apply('visitRecord', { id: row.id, version: await versionOf(cardId), input: { attendedOn: '2026-11-21' } });
    expect(payload.visit).toEqual({ ...row, attendedOn: '2026-11-21', note: null });
  });

  it('visitCorrect corrects a row, the earlier value staying in the history', async () => {
    const row = await plan('2026-11-01');
    await apply('visitRecord', { id: row.id, version: await versionOf(cardId), input: { attendedOn: '2026-11-02', note: 'пришёл' } });
    const version = await versionOf(cardId);
    const payload = await apply('visitCorrect', { id: row.id, version, input: { plannedOn: '2026-12-20', attendedOn: null, note: null } });
    const expected = { id: row.id, rowNumber: row.rowNumber, plannedOn: '2026-12-20', attendedOn: null, note: null };
    expect(payload.visit).toEqual(expected);
    expect(payload.card.version).toBe(version + 1);
    expect((await wholeCard(api, cardId)).visits.edges.map((edge: any) => edge.node)).toContainEqual(expected);
    expect(await lastChange(cardId)).toEqual([expect.objectContaining({
      action: 'visitCorrect', entryId: row.id,
      oldValue: expect.objectContaining({ plannedOn: '2026-11-01', attendedOn: '2026-11-02', note: 'пришёл' }),
      newValue: expect.objectContaining({ plannedOn: '2026-12-20', attendedOn: null, note: null }),
    })]);
    const again = await apply('visitCorrect', { id: row.id, version: version + 1, input: { plannedOn: '2026-11-03', attendedOn: '2026-11-04', note: 'консультация' } });
    expect(again.visit).toEqual({ ...expected, plannedOn: '2026-11-03', attendedOn: '2026-11-04', note: 'консультация' });
  });

  it('rejects a planned date before the birth date (BEFORE_BIRTH)', async () => {
    const row = (await visits())[0];
    await rejects(api, cardId, async () => call('visitPlan', { cardId, version: await versionOf(cardId), input: { plannedOn: BEFORE_BIRTH } }), 'visitPlan', 'BEFORE_BIRTH', ['input', 'plannedOn']);
    await rejects(api, cardId, async () => call('visitCorrect', { id: row.id, version: await versionOf(cardId), input: { plannedOn: BEFORE_BIRTH } }), 'visitCorrect', 'BEFORE_BIRTH', ['input', 'plannedOn']);
  });

  it('rejects an actual date in the future (IN_FUTURE) or before the birth date (BEFORE_BIRTH), and an empty note', async () => {
    const row = await plan('2026-11-28');
    const record = (input: object) => async () => call('visitRecord', { id: row.id, version: await versionOf(cardId), input });
    await rejects(api, cardId, record({ attendedOn: TOMORROW }), 'visitRecord', 'IN_FUTURE', ['input', 'attendedOn']);
    await rejects(api, cardId, record({ attendedOn: BEFORE_BIRTH }), 'visitRecord', 'BEFORE_BIRTH', ['input', 'attendedOn']);
    await rejects(api, cardId, record({ attendedOn: '2026-11-28', note: '   ' }), 'visitRecord', 'INVALID_VALUE', ['input', 'note']);
    const correct = (input: object) => async () => call('visitCorrect', { id: row.id, version: await versionOf(cardId), input: { plannedOn: '2026-11-28', ...input } });
    await rejects(api, cardId, correct({ attendedOn: TOMORROW }), 'visitCorrect', 'IN_FUTURE', ['input', 'attendedOn']);
    await rejects(api, cardId, correct({ attendedOn: '2026-11-28', note: '' }), 'visitCorrect', 'INVALID_VALUE', ['input', 'note']);
  });

  it('rejects a visit recorded twice (OUTCOME_ALREADY_RECORDED)', async () => {
    const row = await plan('2026-11-10');
    await apply('visitRecord', { id: row.id, version: await versionOf(cardId), input: { attendedOn: '2026-11-10' } });
    await rejects(api, cardId, async () => call('visitRecord', { id: row.id, version: await versionOf(cardId), input: { attendedOn: '2026-11-11', note: 'повторно' } }),
      'visitRecord', 'OUTCOME_ALREADY_RECORDED', ['id']);
    // The row built as attended on paper too.
    const paper = (await visits()).find((r: any) => r.rowNumber === 1);
    await rejects(api, cardId, async () => call('visitRecord', { id: paper.id, version: await versionOf(cardId), input: { attendedOn: '2026-11-11' } }),
      'visitRecord', 'OUTCOME_ALREADY_RECORDED', ['id']);
  });

  it('rejects a stale version (STALE_CARD)', async () => {
    const row = await plan('2026-11-12');
    await staleCheck(cardId, 'visitPlan', (version) => ({ cardId, version, input: { plannedOn: '2027-05-01' } }));
    await staleCheck(cardId, 'visitRecord', (version) => ({ id: row.id, version, input: { attendedOn: '2026-11-12' } }));
    await staleCheck(cardId, 'visitCorrect', (version) => ({ id: row.id, version, input: { plannedOn: '2026-11-13' } }));
  });

  it('an entry id of another type or malformed is BAD_USER_INPUT; an unknown one is NOT_FOUND', async () => {
    const row = await plan('2026-11-14');
    const version = await versionOf(cardId);
    const other = toGlobalId('EmploymentPlanRow', dbId(row.id));
    await entryIdChecks(cardId, 'visitRecord', (id) => ({ id, version, input: { attendedOn: '2026-11-14' } }), 'Visit', other);
    await entryIdChecks(cardId, 'visitCorrect', (id) => ({ id, version, input: { plannedOn: '2026-11-15' } }), 'Visit', other);
  });
});

// ---------------------------------------------------------------------------------------------
// §19 expectations

describe('§19 cardSetExpectations', () => {
  let cardId: string;
  const expectations = {
    wage: { desired: '400000', sufficientToStart: '320000.5', minimum: '250000.05' },
    workplace: { region: 'KZ-75', district: 'KZ-75-002', settlement: 'Алматы' },
    preferredPosition: 'бухгалтер', lessSuitablePosition: 'кассир', searchTime: 'DECENT_OPTION',
  };
  const set = (data: object | null) => async () => call('cardSetExpectations', { id: cardId, version: await versionOf(cardId), input: data && { ...expectations, ...data } });

  beforeAll(async () => {
    cardId = await newCard();
  });

  it('sets the expectations: version + 1, money as exact 2-decimal strings, the card reads back exactly the values given', async () => {
    const payload = await apply('cardSetExpectations', { id: cardId, version: 1, input: expectations });
    const expected = {
      wage: { desired: '400000.00', sufficientToStart: '320000.50', minimum: '250000.05' },
      workplace: { region: { code: 'KZ-75' }, district: { code: 'KZ-75-002' }, settlement: 'Алматы' },
      preferredPosition: 'бухгалтер', lessSuitablePosition: 'кассир', searchTime: 'DECENT_OPTION',
    };
    expect(payload.card).toEqual({ id: cardId, version: 2, expectations: expected });
    const card = await wholeCard(api, cardId);
    expect(card.version).toBe(2);
    expect(card.expectations).toEqual({
      ...expected,
      workplace: {
        region: { code: 'KZ-75', kk: expect.any(String), ru: expect.any(String) },
        district: { code: 'KZ-75-002', kk: expect.any(String), ru: expect.any(String), region: { code: 'KZ-75' } }, settlement: 'Алматы',
      },
    });
    expect(await lastChange(cardId)).toEqual([{
      action: 'cardSetExpectations', part: 'expectations', entryId: null, actor: 'caseworker-7', oldValue: null,
      newValue: expect.objectContaining({ wage: { desired: '400000.00', sufficientToStart: '320000.50', minimum: '250000.05' }, searchTime: 'DECENT_OPTION' }),
    }]);
  });

  it('corrects them (minimum equal to desired, no workplace), the earlier value staying in the history', async () => {
    const corrected = { wage: { desired: '250000.5', minimum: '250000.50' }, searchTime: 'WORST_OPTION', preferredPosition: 'экономист' };
    const payload = await apply('cardSetExpectations', { id: cardId, version: 2, input: corrected });
    const expected = {
      wage: { desired: '250000.50', sufficientToStart: null, minimum: '250000.50' }, workplace: null,
      preferredPosition: 'экономист', lessSuitablePosition: null, searchTime: 'WORST_OPTION',
    };
    expect(payload.card).toEqual({ id: cardId, version: 3, expectations: expected });
    expect((await wholeCard(api, cardId)).expectations).toEqual(expected);
    expect(await lastChange(cardId)).toEqual([expect.objectContaining({
      part: 'expectations', oldValue: expect.objectContaining({ searchTime: 'DECENT_OPTION' }), newValue: expect.objectContaining({ searchTime: 'WORST_OPTION' }),
    })]);
  });

  it('clears them with null, the earlier value staying in the history', async () => {
    const payload = await apply('cardSetExpectations', { id: cardId, version: 3, input: null });
    expect(payload.card).toEqual({ id: cardId, version: 4, expectations: null });
    expect((await wholeCard(api, cardId)).expectations).toBeNull();
    expect(await lastChange(cardId)).toEqual([expect.objectContaining({ part: 'expectations', oldValue: expect.objectContaining({ searchTime: 'WORST_OPTION' }), newValue: null })]);
    await apply('cardSetExpectations', { id: cardId, version: 4, input: expectations });
  });

  it('rejects a minimum wage above the desired one, compared as exact amounts (WAGE_ORDER)', async () => {
    await rejects(api, cardId, set({ wage: { desired: '250000', minimum: '250000.01' } }), 'cardSetExpectations', 'WAGE_ORDER', ['input', 'wage', 'minimum']);
    // Not a text comparison: "99999.99" sorts after "100000" as text.
    await rejects(api, cardId, set({ wage: { desired: '99999.99', minimum: '100000' } }), 'cardSetExpectations', 'WAGE_ORDER', ['input', 'wage', 'minimum']);
  });

  it('rejects an unknown workplace region or district (UNKNOWN_CODE) and a district of another region (INVALID_VALUE)', async () => {
    await rejects(api, cardId, set({ workplace: { region: 'KZ-99', settlement: 'Нигде' } }), 'cardSetExpectations', 'UNKNOWN_CODE', ['input', 'workplace', 'region']);
    await rejects(api, cardId, set({ workplace: { region: 'KZ-75', district: 'KZ-75-999' } }), 'cardSetExpectations', 'UNKNOWN_CODE', ['input', 'workplace', 'district']);
    await rejects(api, cardId, set({ workplace: { region: 'KZ-75', district: 'KZ-59-001' } }), 'cardSetExpectations', 'INVALID_VALUE', ['input', 'workplace', 'district']);
  });

  it('rejects empty position texts (INVALID_VALUE)', async () => {
    await rejects(api, cardId, set({ preferredPosition: '  ' }), 'cardSetExpectations', 'INVALID_VALUE', ['input', 'preferredPosition']);
    await rejects(api, cardId, set({ lessSuitablePosition: '' }), 'cardSetExpectations', 'INVALID_VALUE', ['input', 'lessSuitablePosition']);
  });

  it('refuses money that is negative or not exact as BAD_USER_INPUT, changing nothing', async () => {
    const version = await versionOf(cardId);
    for (const desired of ['-1.00', '1.005', 0.1 + 0.2]) {
      await refusedInput(cardId, () => call('cardSetExpectations', { id: cardId, version, input: { ...expectations, wage: { desired } } }), 'input');
    }
    await refusedInput(cardId, () => api.execute(`mutation($id: ID!) { cardSetExpectations(id: $id, version: ${version}, input: { wage: { minimum: "-1.00" } }) { card { id } ${PAYLOAD_ERRORS} } }`, { id: cardId }),
      'input.wage.minimum');
  });

  it('rejects a stale version (STALE_CARD)', async () => {
    await staleCheck(cardId, 'cardSetExpectations', (version) => ({ id: cardId, version, input: { wage: { desired: '1000000' } } }));
    await staleCheck(cardId, 'cardSetExpectations', (version) => ({ id: cardId, version, input: null }));
  });

  it('an id of another type or malformed is BAD_USER_INPUT; an unknown card is NOT_FOUND', async () => {
    const version = await versionOf(cardId);
    await refusedInput(cardId, () => call('cardSetExpectations', { id: toGlobalId('Visit', dbId(cardId)), version, input: expectations }), 'id');
    await refusedInput(cardId, () => call('cardSetExpectations', { id: MALFORMED, version, input: expectations }), 'id');
    await rejects(api, cardId, () => call('cardSetExpectations', { id: toGlobalId('Card', UNKNOWN), version, input: expectations }), 'cardSetExpectations', 'NOT_FOUND', ['id']);
  });
});

// ---------------------------------------------------------------------------------------------
// §20 employment plan

describe('§20 employment plan', () => {
  let cardId: string;
  const rows = async () => (await wholeCard(api, cardId)).employmentPlan;
  const add = async (measure: string) => (await apply('employmentPlanRowAdd', { cardId, version: await versionOf(cardId), input: { measure } })).row;

  beforeAll(async () => {
    cardId = await newCard(aCard().withPlanRow());
  });

  it('employmentPlanRowAdd adds a measure as the next row: version + 1, the row, and the card reads it back', async () => {
    const existing = await rows();
    expect(existing.map((row: any) => row.rowNumber)).toEqual([1]);
    const payload = await apply('employmentPlanRowAdd', { cardId, version: 1, input: { measure: 'направление на профессиональное обучение' } });
    const row = { id: expect.any(String), rowNumber: 2, measure: 'направление на профессиональное обучение', execution: null, executedOn: null, nonExecutionReason: null };
    expect(payload.row).toEqual(row);
    expect(parseGlobalId(payload.row.id)?.type).toBe('EmploymentPlanRow');
    expect(payload.card).toEqual({ id: cardId, version: 2, employmentPlan: [...existing, payload.row] });
    expect(await rows()).toEqual([...existing, payload.row]);
    expect(await lastChange(cardId)).toEqual([expect.objectContaining({ action: 'employmentPlanRowAdd', part: 'employmentPlanRow', entryId: payload.row.id, oldValue: null })]);
  });

  it('employmentPlanRowRecordExecution records the execution', async () => {
    const row = await add('участие в ярмарке вакансий');
    const version = await versionOf(cardId);
    const payload = await apply('employmentPlanRowRecordExecution', { id: row.id, version, input: { executedOn: TODAY, execution: 'посетил ярмарку, 2 собеседования' } });
    const expected = { ...row, execution: 'посетил ярмарку, 2 собеседования', executedOn: TODAY };
    expect(payload.row).toEqual(expected);
    expect(payload.card).toEqual({ id: cardId, version: version + 1 });
    expect(await rows()).toContainEqual(expected);
    expect(await lastChange(cardId)).toEqual([expect.objectContaining({
      action: 'employmentPlanRowRecordExecution', entryId: row.id, oldValue: expect.objectContaining({ execution: null }), newValue: expect.objectContaining({ executedOn: TODAY }),
    })]);
  });

  it('employmentPlanRowRecordNonExecution records why a row was not executed', async () => {
    const row = await add('направление на субсидируемую работу');
    const version = await versionOf(cardId);
    const payload = await apply('employmentPlanRowRecordNonExecution', { id: row.id, version, input: { reason: 'отказ работодателя' } });
    const expected = { ...row, nonExecutionReason: 'отказ работодателя' };
    expect(payload.row).toEqual(expected);
    expect(payload.card).toEqual({ id: cardId, version: version + 1 });
    expect(await rows()).toContainEqual(expected);
    expect((await lastChange(cardId))[0]).toMatchObject({ action: 'employmentPlanRowRecordNonExecution', entryId: row.id });
  });

  it('employmentPlanRowCorrect corrects a row (executed → not executed → executed), the earlier value staying in the history', async () => {
    const row = await add('консультация психолога');
    await apply('employmentPlanRowRecordExecution', { id: row.id, version: await versionOf(cardId), input: { executedOn: '2026-11-01', execution: 'проведена' } });
    const version = await versionOf(cardId);
    const payload = await apply('employmentPlanRowCorrect', { id: row.id, version, input: { measure: 'консультация юриста', nonExecutionReason: 'неявка' } });
    const expected = { id: row.id, rowNumber: row.rowNumber, measure: 'консультация юриста', execution: null, executedOn: null, nonExecutionReason: 'неявка' };
    expect(payload.row).toEqual(expected);
    expect(payload.card.version).toBe(version + 1);
    expect(await rows()).toContainEqual(expected);
    expect(await lastChange(cardId)).toEqual([expect.objectContaining({
      action: 'employmentPlanRowCorrect', entryId: row.id,
      oldValue: expect.objectContaining({ measure: 'консультация психолога', execution: 'проведена', executedOn: '2026-11-01' }),
      newValue: expect.objectContaining({ measure: 'консультация юриста', execution: null, nonExecutionReason: 'неявка' }),
    })]);
    const again = await apply('employmentPlanRowCorrect', { id: row.id, version: version + 1, input: { measure: 'консультация юриста', execution: 'проведена', executedOn: '2026-11-05' } });
    expect(again.row).toEqual({ ...expected, execution: 'проведена', executedOn: '2026-11-05', nonExecutionReason: null });
    expect(await rows()).toContainEqual({ ...expected, execution: 'проведена', executedOn: '2026-11-05', nonExecutionReason: null });
  });

  it('rejects empty texts (INVALID_VALUE)', async () => {
    const row = await add('обучение');
    await rejects(api, cardId, async () => call('employmentPlanRowAdd', { cardId, version: await versionOf(cardId), input: { measure: '   ' } }), 'employmentPlanRowAdd', 'INVALID_VALUE', ['input', 'measure']);
    await rejects(api, cardId, async () => call('employmentPlanRowRecordExecution', { id: row.id, version: await versionOf(cardId), input: { executedOn: '2026-11-01', execution: '' } }),
      'employmentPlanRowRecordExecution', 'INVALID_VALUE', ['input', 'execution']);
    await rejects(api, cardId, async () => call('employmentPlanRowRecordNonExecution', { id: row.id, version: await versionOf(cardId), input: { reason: ' ' } }),
      'employmentPlanRowRecordNonExecution', 'INVALID_VALUE', ['input', 'reason']);
    await rejects(api, cardId, async () => call('employmentPlanRowCorrect', { id: row.id, version: await versionOf(cardId), input: { measure: '' } }),
      'employmentPlanRowCorrect', 'INVALID_VALUE', ['input', 'measure']);
  });

  it('rejects an execution dated in the future (IN_FUTURE) or before the birth date (BEFORE_BIRTH)', async () => {
    const row = await add('обучение');
    const record = (executedOn: string) => async () => call('employmentPlanRowRecordExecution', { id: row.id, version: await versionOf(cardId), input: { executedOn, execution: 'выполнено' } });
    await rejects(api, cardId, record(TOMORROW), 'employmentPlanRowRecordExecution', 'IN_FUTURE', ['input', 'executedOn']);
    await rejects(api, cardId, record(BEFORE_BIRTH), 'employmentPlanRowRecordExecution', 'BEFORE_BIRTH', ['input', 'executedOn']);
    await rejects(api, cardId, async () => call('employmentPlanRowCorrect', { id: row.id, version: await versionOf(cardId), input: { measure: 'обучение', execution: 'выполнено', executedOn: TOMORROW } }),
      'employmentPlanRowCorrect', 'IN_FUTURE', ['input', 'executedOn']);
  });

  it('rejects an outcome recorded twice: execution or non-execution after either (OUTCOME_ALREADY_RECORDED)', async () => {
    const executed = await add('ярмарка');
    await apply('employmentPlanRowRecordExecution', { id: executed.id, version: await versionOf(cardId), input: { executedOn: '2026-11-02', execution: 'посетил' } });
    const notExecuted = await add('стажировка');
    await apply('employmentPlanRowRecordNonExecution', { id: notExecuted.id, version: await versionOf(cardId), input: { reason: 'болезнь' } });
    const execute = (id: string) => async () => call('employmentPlanRowRecordExecution', { id, version: await versionOf(cardId), input: { executedOn: '2026-11-03', execution: 'ещё раз' } });
    const notExecute = (id: string) => async () => call('employmentPlanRowRecordNonExecution', { id, version: await versionOf(cardId), input: { reason: 'передумал' } });
    await rejects(api, cardId, execute(executed.id), 'employmentPlanRowRecordExecution', 'OUTCOME_ALREADY_RECORDED', ['id']);
    await rejects(api, cardId, notExecute(executed.id), 'employmentPlanRowRecordNonExecution', 'OUTCOME_ALREADY_RECORDED', ['id']);
    await rejects(api, cardId, execute(notExecuted.id), 'employmentPlanRowRecordExecution', 'OUTCOME_ALREADY_RECORDED', ['id']);
    await rejects(api, cardId, notExecute(notExecuted.id), 'employmentPlanRowRecordNonExecution', 'OUTCOME_ALREADY_RECORDED', ['id']);
    // The row built as executed on paper too.
    const paper = (await rows()).find((r: any) => r.rowNumber === 1);
    await rejects(api, cardId, notExecute(paper.id), 'employmentPlanRowRecordNonExecution', 'OUTCOME_ALREADY_RECORDED', ['id']);
  });

  it('employmentPlanRowCorrect rejects a row both executed and not executed (INVALID_VALUE), and an execution without its date (REQUIRED)', async () => {
    const row = await add('обучение');
    const correct = (input: object) => async () => call('employmentPlanRowCorrect', { id: row.id, version: await versionOf(cardId), input: { measure: 'обучение', ...input } });
    await rejects(api, cardId, correct({ execution: 'выполнено', executedOn: '2026-11-01', nonExecutionReason: 'не выполнено' }), 'employmentPlanRowCorrect', 'INVALID_VALUE', ['input', 'nonExecutionReason']);
    await rejects(api, cardId, correct({ executedOn: '2026-11-01', nonExecutionReason: 'не выполнено' }), 'employmentPlanRowCorrect', 'INVALID_VALUE', ['input', 'nonExecutionReason']);
    await rejects(api, cardId, correct({ execution: 'выполнено', nonExecutionReason: 'не выполнено' }), 'employmentPlanRowCorrect', 'INVALID_VALUE', ['input', 'nonExecutionReason']);
    await rejects(api, cardId, correct({ execution: 'выполнено' }), 'employmentPlanRowCorrect', 'REQUIRED', ['input', 'executedOn']);
  });

  it('rejects a stale version (STALE_CARD)', async () => {
    const row = await add('обучение');
    await staleCheck(cardId, 'employmentPlanRowAdd', (version) => ({ cardId, version, input: { measure: 'ещё одна мера' } }));
    await staleCheck(cardId, 'employmentPlanRowRecordExecution', (version) => ({ id: row.id, version, input: { executedOn: '2026-11-01', execution: 'выполнено' } }));
    await staleCheck(cardId, 'employmentPlanRowRecordNonExecution', (version) => ({ id: row.id, version, input: { reason: 'неявка' } }));
    await staleCheck(cardId, 'employmentPlanRowCorrect', (version) => ({ id: row.id, version, input: { measure: 'другая мера' } }));
  });

  it('an entry id of another type or malformed is BAD_USER_INPUT; an unknown one is NOT_FOUND', async () => {
    const row = await add('обучение');
    const version = await versionOf(cardId);
    const other = toGlobalId('Visit', dbId(row.id));
    await entryIdChecks(cardId, 'employmentPlanRowRecordExecution', (id) => ({ id, version, input: { executedOn: '2026-11-01', execution: 'выполнено' } }), 'EmploymentPlanRow', other);
    await entryIdChecks(cardId, 'employmentPlanRowRecordNonExecution', (id) => ({ id, version, input: { reason: 'неявка' } }), 'EmploymentPlanRow', other);
    await entryIdChecks(cardId, 'employmentPlanRowCorrect', (id) => ({ id, version, input: { measure: 'мера' } }), 'EmploymentPlanRow', other);
  });
});

// ---------------------------------------------------------------------------------------------
// Footer

describe('footer cardUpdateFooter', () => {
  let cardId: string;
  const footer = {
    organisation: { name: 'Центр карьеры Алмалинского района', address: 'Алматы, ул. Толе би, 155', phone: '+77272501010', email: 'almaly@career-center.kz' },
    executorName: 'Ахметова Динара Серікқызы', headName: 'Омаров Бауыржан Қайратұлы', filledOn: '2026-01-15',
  };
  const update = (data: object) => async () => call('cardUpdateFooter', { id: cardId, version: await versionOf(cardId), input: { ...footer, ...data } });

  beforeAll(async () => {
    cardId = await newCard(aCard({ openedOn: '2026-01-15' }));
  });

  it('sets the footer, filled on the day the card was opened: version + 1, the card reads back exactly the values given', async () => {
    const payload = await apply('cardUpdateFooter', { id: cardId, version: 1, input: footer });
    const expected = { organisation: footer.organisation, executor: { fullName: footer.executorName }, head: { fullName: footer.headName }, filledOn: '2026-01-15' };
    expect(payload.card).toEqual({ id: cardId, version: 2, footer: expected });
    const card = await wholeCard(api, cardId);
    expect(card.version).toBe(2);
    expect(card.footer).toEqual({
      organisation: footer.organisation, executor: { fullName: footer.executorName, signature: null }, head: { fullName: footer.headName, signature: null },
      filledOn: '2026-01-15', signatures: [],
    });
    expect(await lastChange(cardId)).toEqual([{
      action: 'cardUpdateFooter', part: 'footer', entryId: null, actor: 'caseworker-7',
      oldValue: { organisation: null, executorName: null, headName: null, filledOn: null },
      newValue: { organisation: footer.organisation, executorName: footer.executorName, headName: footer.headName, filledOn: '2026-01-15' },
    }]);
  });

  it('corrects it, filled today; what is left out is cleared; the earlier value stays in the history', async () => {
    const corrected = { organisation: { name: 'Мансап орталығы' }, executorName: 'Серікова Әсел', filledOn: TODAY };
    const payload = await apply('cardUpdateFooter', { id: cardId, version: 2, input: corrected });
    const expected = { organisation: { name: 'Мансап орталығы', address: null, phone: null, email: null }, executor: { fullName: 'Серікова Әсел' }, head: null, filledOn: TODAY };
    expect(payload.card).toEqual({ id: cardId, version: 3, footer: expected });
    expect((await wholeCard(api, cardId)).footer).toEqual({ ...expected, executor: { fullName: 'Серікова Әсел', signature: null }, signatures: [] });
    expect(await lastChange(cardId)).toEqual([expect.objectContaining({
      part: 'footer', oldValue: expect.objectContaining({ headName: footer.headName }), newValue: expect.objectContaining({ headName: null, filledOn: TODAY }),
    })]);
    const bare = await apply('cardUpdateFooter', { id: cardId, version: 3, input: {} });
    expect(bare.card).toEqual({ id: cardId, version: 4, footer: { organisation: null, executor: null, head: null, filledOn: null } });
    await apply('cardUpdateFooter', { id: cardId, version: 4, input: footer });
  });

  it('rejects a filledOn before the card was opened (DATE_ORDER)', async () => {
    await rejects(api, cardId, update({ filledOn: '2026-01-14' }), 'cardUpdateFooter', 'DATE_ORDER', ['input', 'filledOn']);
  });

  it('rejects a filledOn in the future (IN_FUTURE)', async () => {
    await rejects(api, cardId, update({ filledOn: TOMORROW }), 'cardUpdateFooter', 'IN_FUTURE', ['input', 'filledOn']);
  });

  it('rejects empty texts (INVALID_VALUE)', async () => {
    await rejects(api, cardId, update({ organisation: { ...footer.organisation, name: '  ' } }), 'cardUpdateFooter', 'INVALID_VALUE', ['input', 'organisation', 'name']);
    await rejects(api, cardId, update({ organisation: { ...footer.organisation, address: '' } }), 'cardUpdateFooter', 'INVALID_VALUE', ['input', 'organisation', 'address']);
    await rejects(api, cardId, update({ executorName: '' }), 'cardUpdateFooter', 'INVALID_VALUE', ['input', 'executorName']);
    await rejects(api, cardId, update({ headName: ' ' }), 'cardUpdateFooter', 'INVALID_VALUE', ['input', 'headName']);
  });

  it('rejects a stale version (STALE_CARD)', async () => {
    await staleCheck(cardId, 'cardUpdateFooter', (version) => ({ id: cardId, version, input: { ...footer, headName: 'Другой' } }));
  });

  it('an id of another type or malformed is BAD_USER_INPUT; an unknown card is NOT_FOUND', async () => {
    const version = await versionOf(cardId);
    await refusedInput(cardId, () => call('cardUpdateFooter', { id: toGlobalId('CardSignature', dbId(cardId)), version, input: footer }), 'id');
    await refusedInput(cardId, () => call('cardUpdateFooter', { id: MALFORMED, version, input: footer }), 'id');
    await rejects(api, cardId, () => call('cardUpdateFooter', { id: toGlobalId('Card', UNKNOWN), version, input: footer }), 'cardUpdateFooter', 'NOT_FOUND', ['id']);
  });
});

// ---------------------------------------------------------------------------------------------
// The card argument of the mutations that add entries

describe('the cardId of mutations that add entries', () => {
  const adds: [Name, Record<string, unknown>][] = [
    ['mainEducationAdd', { institutionName: 'ҚазҰУ', level: 'HIGHER' }],
    ['additionalEducationAdd', { organisationName: 'Курсы', kind: 'UPSKILLING' }],
    ['careerGuidanceAdd', { bodyName: 'Центр карьеры', heldOn: '2026-11-01', result: 'итог' }],
    ['referralCreate', { employerName: 'ТОО «Береке»', position: 'бухгалтер', referredOn: '2026-11-01' }],
    ['specialWorkplaceCreate', { employerName: 'ТОО «Инва Цех»', referredOn: '2026-11-01', position: 'оператор' }],
    ['visitPlan', { plannedOn: '2026-12-01' }],
    ['employmentPlanRowAdd', { measure: 'ярмарка вакансий' }],
  ];
  let cardId: string;
  beforeAll(async () => {
    cardId = await newCard();
  });

  it.each(adds)('%s: a global id of another type or malformed is BAD_USER_INPUT naming cardId', async (name, input) => {
    await refusedInput(cardId, () => call(name, { cardId: toGlobalId('Referral', dbId(cardId)), version: 1, input }), 'cardId');
    await refusedInput(cardId, () => call(name, { cardId: MALFORMED, version: 1, input }), 'cardId');
  });

  it('an unknown card is NOT_FOUND at the argument that names it, ["cardId"], with nothing changed', async () => {
    const fields: Record<string, unknown> = {};
    for (const [name, input] of adds) {
      const errors = await rejects(api, cardId, () => call(name, { cardId: toGlobalId('Card', UNKNOWN), version: 1, input }), name, 'NOT_FOUND');
      fields[name] = errors.map((error) => error.field);
    }
    expect(fields).toEqual(Object.fromEntries(adds.map(([name]) => [name, [['cardId']]])));
  });
});
