import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { SqlEntityManager } from '@mikro-orm/sql';
import { Card } from '../../src/modules/card/card.entity.ts';
import type { ChangeDeps } from '../../src/modules/card/card-change.ts';
import { CardHistory } from '../../src/modules/history/history.entity.ts';
import { CardImporter } from '../../src/modules/import/importer.ts';
import { FULL_CARD } from '../../src/bench/queries.ts';
import { parseGlobalId, toGlobalId } from '../../src/api/relay.ts';
import { createTestApi, dataOf, TODAY, type TestApi } from '../support/api.ts';
import { aCareerCenter, nextIin } from '../support/builders.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { wholeCard } from '../support/keeping.ts';
import { aFullRecord, anIdentityRecord } from './records.ts';
import { counted, growth } from '../support/metrics.ts';
import { readSettings, settings, useSettings } from '../../src/runtime/settings.ts';

let db: TestDatabase;
let api: TestApi;
let em: SqlEntityManager;
let center: string;
let otherCenter: string;

const IMPORTER = { id: 'import:test-system', name: 'Import from test-system' };
const deps = (): ChangeDeps => ({ em: db.orm.em.fork(), actor: IMPORTER, territories: api.territories, now: () => new Date(), today: () => TODAY });
const importer = () => new CardImporter(deps());
const items = (...records: unknown[]) => records.map((record, i) => ({ line: i + 1, record }));
const cardIdOf = async (iin: string) => (await db.orm.em.fork().findOneOrFail(Card, { iin })).id;
const historyCount = (cardId?: string) => db.orm.em.fork().count(CardHistory, cardId ? { card: cardId } : {});

beforeAll(async () => {
  db = await createTestDatabase();
  api = await createTestApi(db.orm);
  em = db.orm.em.fork();
  center = (await aCareerCenter(em, { code: 'CC-IMPORT-1' })).code;
  otherCenter = (await aCareerCenter(em, { code: 'CC-IMPORT-2' })).code;
});
afterAll(async () => {
  await api.server.stop();
  await db.close();
});

describe('import of a record that fills every section', () => {
  it('opens the card with every section as the API reads it, and a history of what arrived', async () => {
    const record = aFullRecord(center);
    const [result] = await importer().importBatch(items(record));
    expect(result).toMatchObject({ line: 1, iin: record.iin, outcome: 'CREATED', errors: [] });
    const card = await wholeCard(api, toGlobalId('Card', result!.cardId!));

    expect(card).toMatchObject({
      version: 1, openedOn: '2025-02-03', iin: record.iin, sex: 'FEMALE', birthDate: '1988-03-14', citizenship: 'KZ', nationality: 'қазақ',
      careerCenter: { code: center }, fullName: record.fullName, phone: '+77011234567', email: 'aigerim@example.kz',
      address: { region: { code: 'KZ-75' }, district: { code: 'KZ-75-002' }, settlement: 'Алматы', street: 'Абай даңғылы', house: '10', apartment: '5' },
      lastJob: { employerName: 'ТОО «Алатау»', hiredOn: '2015-05-01', dismissedOn: '2024-12-31', position: 'бухгалтер' },
      registrationStatus: 'JOB_SEEKER',
      identityVerification: { status: 'PENDING', source: null, verifiedAt: null, reasonCode: 'IMPORTED', reason: 'imported; awaiting the person registry' },
      // the card's creation, as one record of all it arrived with
      history: { totalCount: 1 },
    });
    expect(card.education.main).toEqual([expect.objectContaining({ institutionName: 'Әл-Фараби атындағы ҚазҰУ', level: 'HIGHER' })]);
    expect(card.education.additional).toEqual([expect.objectContaining({ organisationName: 'Enbek курстары', kind: 'UPSKILLING' })]);
    expect(card.jobSeekerRegistrations.map((r: any) => r.status)).toEqual(['REGISTERED']);
    expect(card.unemployedRegistrations.map((r: any) => [r.status, r.deregistration.reason])).toEqual([['DEREGISTERED', 'EMPLOYED']]);
    expect(card.careerGuidance).toEqual([expect.objectContaining({ bodyName: 'Алматы мансап орталығы', heldOn: '2025-02-12' })]);
    expect(card.referrals.edges.map((e: any) => [e.node.outcome.__typename, e.node.outcome.reason])).toEqual([['ReferralRefusal', 'бос орын жабылды']]);
    const measures = card.activeMeasures.edges.map((e: any) => e.node);
    expect(measures.map((m: any) => m.__typename)).toEqual(['ProfessionalTraining', 'EntrepreneurshipSupport', 'SubsidizedJob', 'Relocation']);
    expect(measures[1].microcredit).toMatchObject({ amount: '2500000.50', gracePeriod: { months: 6, until: null }, repaymentTerm: { months: null, until: '2028-05-20' } });
    expect(measures[3].familyMembersAbleToWork.map((m: any) => m.fullName)).toEqual(['Жұмабаев Нұрлан']);
    expect(measures[3].familyMembersUnableToWork.map((m: any) => m.fullName)).toEqual(['Жұмабаева Дана']);
    expect(measures[3].materialAssistance).toMatchObject({ relocationExpenses: '120000.00', rentReimbursement: '45000.00' });
    expect(card.specialWorkplaces).toEqual([expect.objectContaining({ position: 'тігінші' })]);
    expect(card.expectations).toMatchObject({ wage: { desired: '350000.00', minimum: '250000.00' }, preferredPosition: 'бухгалтер', searchTime: 'DECENT_OPTION', searchMonths: 3 });
    expect(card.visits.edges.map((e: any) => [e.node.rowNumber, e.node.plannedOn])).toEqual([[1, '2025-02-20'], [2, '2026-12-15']]);
    expect(card.employmentPlan).toEqual([expect.objectContaining({ rowNumber: 1, measure: 'Қайта даярлау курсы', executedOn: '2025-06-10' })]);

    const [created] = await db.orm.em.fork().find(CardHistory, { card: result!.cardId! });
    expect(created).toMatchObject({ action: 'cardImport', actor: 'import:test-system', part: 'card', basedOnVersion: 0, entryId: null, oldValue: null });
    const value = created!.newValue as any;
    expect(value.identity).toMatchObject({ iin: record.iin, phone: '+77011234567' });
    expect(value.careerCenter).toEqual({ careerCenter: parseGlobalId(card.careerCenter.id)!.id, openedOn: '2025-02-03' });
    expect(value.entries).toEqual({
      education: 2, registration: 2, careerGuidance: 1, referral: 1, activeMeasure: 4, relocationFamilyMember: 2, specialWorkplace: 1, visit: 2, employmentPlanRow: 1,
    });
    // The card as created is the card as of that moment.
    const asOf = dataOf(await api.execute(`query($id: ID!, $at: DateTime!) { card(id: $id, asOf: $at) { ...FullCard } } ${FULL_CARD}`,
      { id: card.id, at: new Date(created!.at).toISOString() })).card;
    const { history: _history, voidedEducation: _voided, allReferrals: _all, ...now } = card;
    expect(asOf).toEqual(now);
  });

  it('reads back identically after a second import of the same record: nothing changes, no history is added', async () => {
    const record = aFullRecord(center);
    const [first] = await importer().importBatch(items(record));
    const id = toGlobalId('Card', first!.cardId!);
    const before = await wholeCard(api, id);
    const historyBefore = await historyCount();

    const [second] = await importer().importBatch(items(structuredClone(record)));
    expect(second).toMatchObject({ outcome: 'UNCHANGED', cardId: first!.cardId });
    expect(await wholeCard(api, id)).toEqual(before);
    expect(await historyCount()).toBe(historyBefore);
  });

  it('a changed record updates the card and the matched entries instead of adding new ones, and the history shows each change', async () => {
    const record = aFullRecord(center);
    const [first] = await importer().importBatch(items(record));
    const cardId = first!.cardId!;
    const historyBefore = await historyCount(cardId);
    const changed = structuredClone(record);
    changed.phone = '+77059876543';
    changed.careerCenter = otherCenter;
    changed.visits[1].attendedOn = '2026-11-20';
    changed.visits[1].plannedOn = '2026-11-20';
    changed.visits.push({ sourceId: 'v-3', plannedOn: '2026-12-20' });
    changed.activeMeasures[3].familyMembers.pop();

    const [second] = await importer().importBatch(items(changed));
    expect(second).toMatchObject({ outcome: 'UPDATED', cardId });
    const card = await wholeCard(api, toGlobalId('Card', cardId));
    expect(card.version).toBe(2);
    expect(card.phone).toBe('+77059876543');
    expect(card.careerCenter.code).toBe(otherCenter);
    expect(card.visits.edges.map((e: any) => [e.node.rowNumber, e.node.plannedOn, e.node.attendedOn])).toEqual([
      [1, '2025-02-20', '2025-02-20'], [2, '2026-11-20', '2026-11-20'], [3, '2026-12-20', null],
    ]);
    expect(card.activeMeasures.edges[3].node.familyMembersAbleToWork.map((m: any) => m.fullName)).toEqual(['Жұмабаев Нұрлан']);
    expect(card.activeMeasures.edges[3].node.familyMembersUnableToWork).toEqual([]);

    const added = await db.orm.em.fork().find(CardHistory, { card: cardId, id: { $gt: '0' } }, { orderBy: { id: 'asc' }, offset: historyBefore });
    // identity, keeping center, visit 2 corrected, visit 3 added, 2 family members voided, 1 re-added
    expect(added.map((h) => h.part).sort()).toEqual(['careerCenter', 'identity', 'relocationFamilyMember', 'relocationFamilyMember', 'relocationFamilyMember', 'visit', 'visit'].sort());
    const identity = added.find((h) => h.part === 'identity')!;
    expect([identity.oldValue!.phone, identity.newValue!.phone, identity.basedOnVersion]).toEqual(['+77011234567', '+77059876543', 1]);
    expect(card.identityVerification.status).toBe('PENDING');
  });

  it('leaves what a record does not mention as it is', async () => {
    const record = aFullRecord(center);
    const [first] = await importer().importBatch(items(record));
    const before = await wholeCard(api, toGlobalId('Card', first!.cardId!));
    const [second] = await importer().importBatch(items(anIdentityRecord(center, { iin: record.iin, fullName: record.fullName })));
    expect(second!.outcome).toBe('UNCHANGED');
    expect(await wholeCard(api, toGlobalId('Card', first!.cardId!))).toEqual(before);
  });
});

describe('a batch with good, bad and repeated records', () => {
  it('stores the good ones, rejects the bad ones with field and code, and applies a repeated IIN in order', async () => {
    const good = anIdentityRecord(center);
    const repeated = anIdentityRecord(center, { iin: good.iin, phone: '+77770001122' });
    const badIin = anIdentityRecord(center, { iin: '900101300000' });
    const future = anIdentityRecord(center, { openedOn: '2027-01-01' });
    const unknownCenter = anIdentityRecord('CC-NOWHERE');
    const twoOpen = anIdentityRecord(center, {
      registrations: [{ sourceId: 'a', kind: 'JOB_SEEKER', appliedOn: '2026-01-15' }, { sourceId: 'b', kind: 'JOB_SEEKER', appliedOn: '2026-02-15' }],
    });
    const badShape: Record<string, any> = { ...anIdentityRecord(center), visits: [{ sourceId: 'v', plannedOn: '2026-02-30' }], extra: true };
    const results = await importer().importBatch([
      ...items(good, badIin, future, unknownCenter, twoOpen, badShape, repeated),
      { line: 8, error: 'malformed JSON: Unexpected token' },
    ]);
    expect(results.map((r) => [r.line, r.outcome])).toEqual([
      [1, 'CREATED'], [2, 'REJECTED'], [3, 'REJECTED'], [4, 'REJECTED'], [5, 'REJECTED'], [6, 'REJECTED'], [7, 'UPDATED'], [8, 'REJECTED'],
    ]);
    const errors = results.map((r) => r.errors.map((e) => [e.field?.join('.') ?? null, e.code]));
    expect(errors).toEqual([
      [],
      [['iin', 'INVALID_VALUE']],
      [['openedOn', 'IN_FUTURE']],
      [['careerCenter', 'UNKNOWN_CODE']],
      [['registrations.0', 'REGISTRATION_ALREADY_OPEN']],
      [['extra', 'INVALID_VALUE'], ['visits.0.plannedOn', 'INVALID_VALUE']],
      [],
      [[null, 'INVALID_VALUE']],
    ]);
    expect(results[6]!.cardId).toBe(results[0]!.cardId);
    const card = await db.orm.em.fork().findOneOrFail(Card, { iin: good.iin });
    expect([card.phone, card.version]).toEqual(['+77770001122', 2]);
    for (const iin of [future.iin, unknownCenter.iin, twoOpen.iin, badShape.iin]) {
      expect(await db.orm.em.fork().count(Card, { iin })).toBe(0);
    }
  });

  it('refuses to change an entry that was voided, and a source id of another kind of entry, changing nothing of the record', async () => {
    const record = aFullRecord(center);
    const [first] = await importer().importBatch(items(record));
    const id = toGlobalId('Card', first!.cardId!);
    const card = await wholeCard(api, id);
    const visitId = card.visits.edges[0].node.id;
    const voided = dataOf(await api.execute(`mutation($id: ID!, $v: Int!) { cardEntryVoid(id: $id, version: $v, reason: "typed twice") { userErrors { code } } }`,
      { id: visitId, v: card.version }));
    expect(voided.cardEntryVoid.userErrors).toEqual([]);
    const before = await wholeCard(api, id);

    const changed = structuredClone(record);
    changed.phone = '+77000000001';
    changed.visits[0].note = 'басқа';
    changed.activeMeasures[0].kind = 'SUBSIDIZED_JOB';
    Object.assign(changed.activeMeasures[0], { jobType: 'PUBLIC_WORKS', employerName: 'X', position: 'Y' });
    delete changed.activeMeasures[0].trainingType;
    delete changed.activeMeasures[0].providerName;
    delete changed.activeMeasures[0].studyPeriod;
    const [result] = await importer().importBatch(items(changed));
    expect(result!.errors.map((e) => [e.field!.join('.'), e.code])).toEqual([
      ['activeMeasures.0.sourceId', 'INVALID_VALUE'], ['visits.0.sourceId', 'VOIDED'],
    ]);
    expect(await wholeCard(api, id)).toEqual(before);
  });
});

describe('a record the database refuses mid-way', () => {
  it('leaves no partial card, and costs the other records of its batch nothing', async () => {
    // A trigger stands in for any failure the checks cannot foresee: it refuses one visit row,
    // after the card and its other entries were written.
    const connection = db.orm.em.getConnection();
    await connection.execute(`create function refuse_poisoned_visit() returns trigger language plpgsql as $$
      begin if new.note = 'poison' then raise exception 'poisoned visit'; end if; return new; end $$`);
    await connection.execute('create trigger refuse_poisoned_visit before insert on "visit" for each row execute function refuse_poisoned_visit()');
    try {
      const good1 = aFullRecord(center);
      const poisoned = aFullRecord(center, { visits: [{ sourceId: 'v-1', plannedOn: '2025-02-20' }, { sourceId: 'v-2', plannedOn: '2025-03-20', note: 'poison' }] });
      const good2 = anIdentityRecord(center);
      const historyBefore = await historyCount();
      const stored: number[] = [];
      const results = await new CardImporter(deps(), { onStorageError: (_, line) => stored.push(line) }).importBatch(items(good1, poisoned, good2));

      expect(results.map((r) => r.outcome)).toEqual(['CREATED', 'REJECTED', 'CREATED']);
      expect(results[1]!.errors).toEqual([{ field: null, code: 'STORAGE_FAILED', message: 'the database refused the record; nothing of it was stored' }]);
      expect(stored).toEqual([2]);
      expect(await db.orm.em.fork().count(Card, { iin: poisoned.iin })).toBe(0);
      expect(await db.orm.em.fork().count(Card, { iin: { $in: [good1.iin, good2.iin] } })).toBe(2);
      // The history holds the two cards that were stored, and nothing of the refused one.
      expect(await historyCount()).toBe(historyBefore + 2);
    } finally {
      await connection.execute('drop trigger refuse_poisoned_visit on "visit"');
      await connection.execute('drop function refuse_poisoned_visit()');
    }
  });
});

describe('cardImport mutation', () => {
  const IMPORT = `mutation($records: [JSONObject!]!) { cardImport(records: $records) {
    results { index iin outcome card { id iin version } errors { field code message } }
    summary { created updated unchanged rejected }
  } }`;

  it('imports a batch for an integration client with a result per record', async () => {
    const good = anIdentityRecord(center);
    const bad = anIdentityRecord(center, { fullName: { surname: ' ', givenName: 'Ә' } });
    const before = await counted('api_import_records_total');
    const { cardImport } = dataOf(await api.execute(IMPORT, { records: [good, bad, good] }));
    expect(cardImport.summary).toEqual({ created: 1, updated: 0, unchanged: 1, rejected: 1 });
    // The metrics count the API's imports as they count the file's.
    expect(growth(before, await counted('api_import_records_total'))).toEqual({ created: 1, unchanged: 1, rejected: 1 });
    expect(cardImport.results.map((r: any) => [r.index, r.outcome, r.card?.iin ?? null])).toEqual([
      [0, 'CREATED', good.iin], [1, 'REJECTED', null], [2, 'UNCHANGED', good.iin],
    ]);
    expect(cardImport.results[1].errors).toEqual([{ field: ['fullName', 'surname'], code: 'INVALID_VALUE', message: 'surname must not be empty' }]);
  });

  it('refuses a batch over the limit whole, and an anonymous caller', async () => {
    const previous = settings();
    useSettings(readSettings({ ...process.env, IMPORT_BATCH_LIMIT: '2' }));
    try {
      const records = [anIdentityRecord(center), anIdentityRecord(center), anIdentityRecord(center)];
      const result = await api.execute(IMPORT, { records });
      expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['BATCH_TOO_LARGE']);
      for (const record of records) expect(await db.orm.em.fork().count(Card, { iin: record.iin })).toBe(0);
    } finally {
      useSettings(previous);
    }
    const anonymous = await api.execute(IMPORT, { records: [anIdentityRecord(center)] }, { actor: null });
    expect(anonymous.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  });

  it('answers a record that is not an object with a typed error', async () => {
    const result = await api.execute(IMPORT, { records: ['not a record'] });
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  });
});

it('imports an IIN whose person already has a card from the API as an update of that card', async () => {
  const iin = nextIin('1979-07-07', 'MALE');
  const opened = dataOf(await api.execute(`mutation($input: CardOpenInput!) { cardOpen(input: $input) { card { id version } userErrors { code } } }`, {
    input: { iin, appliedOn: '2026-03-01', careerCenter: toGlobalId('CareerCenter', (await db.orm.em.fork().findOneOrFail(Card, { iin: { $ne: null } }, { orderBy: { id: 'asc' } })).careerCenter), fullName: { surname: 'Серік', givenName: 'Бақыт' } },
  }));
  expect(opened.cardOpen.userErrors).toEqual([]);
  const [result] = await importer().importBatch(items(anIdentityRecord(center, { iin, fullName: { surname: 'Серік', givenName: 'Бақыт' }, email: 'baqyt@example.kz' })));
  expect(result).toMatchObject({ outcome: 'UPDATED', cardId: await cardIdOf(iin) });
});

describe('who may receive what, for imported cards', () => {
  const publicWorks = { sourceId: 'pw-1', kind: 'SUBSIDIZED_JOB', referredOn: '2025-03-01', jobType: 'PUBLIC_WORKS', employerName: 'Әкімдік', position: 'аула сыпырушы' };

  it('a new card\'s referral or measure without the registration its date needs rejects the record; with it, the card is created', async () => {
    const seekerOnly = [{ sourceId: 'reg-1', kind: 'JOB_SEEKER', appliedOn: '2025-02-03', registeredOn: '2025-02-04' }];
    const records = [
      aFullRecord(center, { registrations: [], activeMeasures: [] }),
      aFullRecord(center, { registrations: seekerOnly, referrals: [], activeMeasures: [publicWorks] }),
      aFullRecord(center, { registrations: seekerOnly, activeMeasures: [] }),
    ];
    const results = await importer().importBatch(items(...records));
    expect(results.map((r) => [r.outcome, r.errors.map((e) => [e.field?.join('.') ?? null, e.code])])).toEqual([
      ['REJECTED', [['referrals.0.referredOn', 'REGISTRATION_REQUIRED']]],
      ['REJECTED', [['activeMeasures.0.referredOn', 'REGISTRATION_REQUIRED']]],
      ['CREATED', []],
    ]);
  });

  it('on a stored card: a record adding an uncovered entry, or moving a registration so that a stored entry is left uncovered, is rejected', async () => {
    const record = aFullRecord(center);
    const [first] = await importer().importBatch(items(record));
    expect(first!.outcome).toBe('CREATED');
    const late = { sourceId: 'ref-late', employerName: 'ТОО', position: 'кассир', referredOn: '2025-01-15' };
    const [added] = await importer().importBatch(items({ ...record, referrals: [...record.referrals, late] }));
    expect(added!.errors.map((e) => [e.field?.join('.'), e.code])).toEqual([['referrals.1.referredOn', 'REGISTRATION_REQUIRED']]);
    // The unemployed registration deregistered before the §16.3 public works of 2025-06-01: only the measure needs §15.
    const moved = structuredClone(record);
    moved.registrations[1].deregistration.deregisteredOn = '2025-05-15';
    const [result] = await importer().importBatch(items({ iin: record.iin, careerCenter: center, openedOn: record.openedOn, fullName: record.fullName, registrations: moved.registrations }));
    expect(result!.errors.map((e) => [e.field?.join('.'), e.code])).toEqual([['registrations', 'REGISTRATION_REQUIRED']]);
  });
});
