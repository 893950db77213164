import { beforeAll, describe, expect, it } from '@jest/globals';
import { aCard } from '../support/builders.ts';
import { ACTIVE_MEASURE } from '../../src/bench/queries.ts';
import { parseGlobalId, toGlobalId } from '../../src/api/relay.ts';
import { dataOf, TODAY } from '../support/api.ts';
import { accepted, BEFORE_BIRTH, MALFORMED, PAYLOAD_ERRORS, rejects, TOMORROW, UNKNOWN, wholeCard } from '../support/keeping.ts';
import { apiFixture } from '../support/fixture.ts';

// §16 active measures through GraphQL: the four members of the ActiveMeasure union, created,
// corrected and completed (decision, employment); every field read back exactly; every invariant
// rejected with the whole card (all sections and the history) unchanged.

const fixture = apiFixture();
const { newCard, versionOf, historyOf, refusedInput } = fixture;


// ---------------------------------------------------------------------------------------------
// Client documents (the same shapes as the full-card query, so entries compare as they are read)

const SELECTION = `card { id version activeMeasures(first: 100) { totalCount edges { node { ...ActiveMeasureFields } } } } activeMeasure { ...ActiveMeasureFields } ${PAYLOAD_ERRORS}`;
const onCard = (name: string, input: string) =>
  `mutation($cardId: ID!, $version: Int!, $input: ${input}!) { ${name}(cardId: $cardId, version: $version, input: $input) { ${SELECTION} } } ${ACTIVE_MEASURE}`;
const onEntry = (name: string, input: string) =>
  `mutation($id: ID!, $version: Int!, $input: ${input}!) { ${name}(id: $id, version: $version, input: $input) { ${SELECTION} } } ${ACTIVE_MEASURE}`;

const DOCS = {
  professionalTrainingCreate: onCard('professionalTrainingCreate', 'ProfessionalTrainingInput'),
  professionalTrainingCorrect: onEntry('professionalTrainingCorrect', 'ProfessionalTrainingInput'),
  entrepreneurshipSupportCreate: onCard('entrepreneurshipSupportCreate', 'EntrepreneurshipSupportInput'),
  entrepreneurshipSupportCorrect: onEntry('entrepreneurshipSupportCorrect', 'EntrepreneurshipSupportInput'),
  subsidizedJobCreate: onCard('subsidizedJobCreate', 'SubsidizedJobInput'),
  subsidizedJobRecordDecision: onEntry('subsidizedJobRecordDecision', 'ReferralOutcomeInput'),
  subsidizedJobCorrect: onEntry('subsidizedJobCorrect', 'SubsidizedJobInput'),
  relocationCreate: onCard('relocationCreate', 'RelocationInput'),
  relocationCorrect: onEntry('relocationCorrect', 'RelocationInput'),
  activeMeasureRecordEmployment: onEntry('activeMeasureRecordEmployment', 'EmploymentInput'),
};
type Name = keyof typeof DOCS;

const call = (name: Name, variables: Record<string, unknown>) => fixture.api.execute(DOCS[name], variables);
const apply = async (name: Name, variables: Record<string, unknown>) => accepted<any>(await call(name, variables), name);

// ---------------------------------------------------------------------------------------------
// Helpers

/** §16 as the whole card reads it. */
async function measuresOf(cardId: string): Promise<any[]> {
  return (await wholeCard(fixture.api, cardId)).activeMeasures.edges.map((edge: any) => edge.node);
}

/** The history records of the last change (they share its moment). */
async function lastChange(cardId: string) {
  const records = await historyOf(cardId);
  return records.filter((record) => record.at === records.at(-1)!.at);
}

/** Creates a measure on the card at its current version; returns it as the payload shows it. */
async function create(cardId: string, name: Name, input: object): Promise<any> {
  return (await apply(name, { cardId, version: await versionOf(cardId), input })).activeMeasure;
}

/** Runs `name` on entry `id` at the card's current version. */
const onCurrent = (cardId: string, name: Name, id: string, input: object) => async () =>
  call(name, { id, version: await versionOf(cardId), input });

/** A stale version: the card changed (another measure was added) after the caller read it. */
async function staleCheck(cardId: string, name: Name, variables: (version: number) => Record<string, unknown>) {
  const read = await versionOf(cardId);
  await create(cardId, 'professionalTrainingCreate', { referredOn: '2026-01-20', trainingType: 'SHORT_TERM', providerName: 'Колледж' });
  await rejects(fixture.api, cardId, () => call(name, variables(read)), name, 'STALE_CARD', ['version']);
}

const dbId = (globalId: string) => parseGlobalId(globalId)!.id;
const region = (code: string) => ({ code, kk: expect.any(String), ru: expect.any(String) });
const district = (code: string, of: string) => ({ code, kk: expect.any(String), ru: expect.any(String), region: { code: of } });

/** Checks a payload of a change of `measure`: version + 1, the entry, and the card as read back. */
async function expectChanged(cardId: string, payload: any, versionBefore: number, measure: object) {
  expect(payload.activeMeasure).toEqual(measure);
  expect(payload.card.version).toBe(versionBefore + 1);
  expect(payload.card.activeMeasures.edges.map((edge: any) => edge.node)).toContainEqual(measure);
  const card = await wholeCard(fixture.api, cardId);
  expect(card.version).toBe(versionBefore + 1);
  expect(card.activeMeasures.edges.map((edge: any) => edge.node)).toContainEqual(measure);
}

// ---------------------------------------------------------------------------------------------
// §16.1 professional training

describe('§16.1 professional training', () => {
  let cardId: string;
  const training = {
    referredOn: '2026-03-02', trainingType: 'RETRAINING', providerName: 'Алматинский колледж сервиса', providerAddress: 'Алматы, ул. Сейфуллина, 1',
    providerPhone: '+77272223344', studyPeriod: { start: '2026-03-10', end: '2026-06-10' }, qualificationObtained: 'оператор 1С',
    permanentEmployment: { employedOn: '2026-07-01', employerName: 'ТОО «Береке»', position: 'оператор 1С' },
  };
  const read = (id: string, data: any) => ({ __typename: 'ProfessionalTraining', id, ...data });

  beforeAll(async () => {
    cardId = await newCard(aCard().registered());
  });

  it('professionalTrainingCreate records every field: version + 1, the entry, and the card reads it back', async () => {
    const payload = await apply('professionalTrainingCreate', { cardId, version: 1, input: training });
    const measure = read(payload.activeMeasure.id, training);
    expect(parseGlobalId(measure.id)?.type).toBe('ProfessionalTraining');
    expect(payload.card.activeMeasures.totalCount).toBe(1);
    await expectChanged(cardId, payload, 1, measure);
    expect(await lastChange(cardId)).toEqual([expect.objectContaining({
      action: 'professionalTrainingCreate', part: 'activeMeasure', entryId: measure.id, oldValue: null,
      newValue: expect.objectContaining({ kind: 'PROFESSIONAL_TRAINING', trainingType: 'RETRAINING', providerName: 'Алматинский колледж сервиса' }),
    })]);
  });

  it('professionalTrainingCreate takes a referral alone, and a study period that lies ahead', async () => {
    const version = await versionOf(cardId);
    const input = { referredOn: TODAY, trainingType: 'SHORT_TERM', providerName: 'ТОО «Учебный центр»', studyPeriod: { start: TOMORROW } };
    const payload = await apply('professionalTrainingCreate', { cardId, version, input });
    await expectChanged(cardId, payload, version, read(payload.activeMeasure.id, {
      ...input, providerAddress: null, providerPhone: null, studyPeriod: { start: TOMORROW, end: null }, qualificationObtained: null, permanentEmployment: null,
    }));
  });

  it('professionalTrainingCorrect corrects every field, the earlier value staying in the history', async () => {
    const created = await create(cardId, 'professionalTrainingCreate', training);
    const version = await versionOf(cardId);
    const corrected = {
      referredOn: '2026-04-01', trainingType: 'VOCATIONAL_PREPARATION', providerName: 'КГКП «Колледж №5»', providerAddress: 'Алматы, пр. Райымбека, 20',
      providerPhone: '+77273334455', studyPeriod: { start: '2026-04-15', end: '2026-12-15' }, qualificationObtained: 'сварщик',
      permanentEmployment: null,
    };
    const payload = await apply('professionalTrainingCorrect', { id: created.id, version, input: corrected });
    await expectChanged(cardId, payload, version, read(created.id, corrected));
    expect(await lastChange(cardId)).toEqual([expect.objectContaining({
      action: 'professionalTrainingCorrect', part: 'activeMeasure', entryId: created.id,
      oldValue: expect.objectContaining({ trainingType: 'RETRAINING', employment: training.permanentEmployment }),
      newValue: expect.objectContaining({ trainingType: 'VOCATIONAL_PREPARATION', employment: null }),
    })]);
  });

  it('activeMeasureRecordEmployment records the permanent job after the training', async () => {
    const created = await create(cardId, 'professionalTrainingCreate', { ...training, permanentEmployment: null });
    expect(created.permanentEmployment).toBeNull();
    const version = await versionOf(cardId);
    const job = { employedOn: TODAY, employerName: 'АО «Казпочта»', position: 'оператор' };
    const payload = await apply('activeMeasureRecordEmployment', { id: created.id, version, input: job });
    await expectChanged(cardId, payload, version, { ...created, permanentEmployment: job });
    expect(await lastChange(cardId)).toEqual([expect.objectContaining({
      action: 'activeMeasureRecordEmployment', entryId: created.id, oldValue: expect.objectContaining({ employment: null }), newValue: expect.objectContaining({ employment: job }),
    })]);
  });

  it('rejects a study period before the referral or ending before it starts (DATE_ORDER)', async () => {
    const make = (data: object) => async () => call('professionalTrainingCreate', { cardId, version: await versionOf(cardId), input: { ...training, ...data } });
    await rejects(fixture.api, cardId, make({ studyPeriod: { start: '2026-03-01', end: '2026-06-10' } }), 'professionalTrainingCreate', 'DATE_ORDER', ['input', 'studyPeriod', 'start']);
    await rejects(fixture.api, cardId, make({ studyPeriod: { start: '2026-03-10', end: '2026-03-09' } }), 'professionalTrainingCreate', 'DATE_ORDER', ['input', 'studyPeriod', 'end']);
    const created = await create(cardId, 'professionalTrainingCreate', training);
    await rejects(fixture.api, cardId, onCurrent(cardId, 'professionalTrainingCorrect', created.id, { ...training, studyPeriod: { start: '2026-02-01' } }),
      'professionalTrainingCorrect', 'DATE_ORDER', ['input', 'studyPeriod', 'start']);
  });

  it('rejects a permanent job before the referral (DATE_ORDER) or in the future (IN_FUTURE)', async () => {
    const make = (employment: object) => async () => call('professionalTrainingCreate', { cardId, version: await versionOf(cardId), input: { ...training, permanentEmployment: { ...training.permanentEmployment, ...employment } } });
    await rejects(fixture.api, cardId, make({ employedOn: '2026-03-01' }), 'professionalTrainingCreate', 'DATE_ORDER', ['input', 'permanentEmployment', 'employedOn']);
    await rejects(fixture.api, cardId, make({ employedOn: TOMORROW }), 'professionalTrainingCreate', 'IN_FUTURE', ['input', 'permanentEmployment', 'employedOn']);
    await rejects(fixture.api, cardId, make({ employerName: ' ' }), 'professionalTrainingCreate', 'INVALID_VALUE', ['input', 'permanentEmployment', 'employerName']);
    const created = await create(cardId, 'professionalTrainingCreate', { ...training, permanentEmployment: null });
    const record = (job: object) => onCurrent(cardId, 'activeMeasureRecordEmployment', created.id, { ...training.permanentEmployment, ...job });
    await rejects(fixture.api, cardId, record({ employedOn: '2026-03-01' }), 'activeMeasureRecordEmployment', 'DATE_ORDER', ['input', 'employedOn']);
    await rejects(fixture.api, cardId, record({ employedOn: TOMORROW }), 'activeMeasureRecordEmployment', 'IN_FUTURE', ['input', 'employedOn']);
    await rejects(fixture.api, cardId, record({ position: '' }), 'activeMeasureRecordEmployment', 'INVALID_VALUE', ['input', 'position']);
  });

  it('rejects a referral in the future or before the birth date, and empty texts', async () => {
    const make = (data: object) => async () => call('professionalTrainingCreate', { cardId, version: await versionOf(cardId), input: { ...training, studyPeriod: null, permanentEmployment: null, ...data } });
    await rejects(fixture.api, cardId, make({ referredOn: TOMORROW }), 'professionalTrainingCreate', 'IN_FUTURE', ['input', 'referredOn']);
    await rejects(fixture.api, cardId, make({ referredOn: BEFORE_BIRTH }), 'professionalTrainingCreate', 'BEFORE_BIRTH', ['input', 'referredOn']);
    await rejects(fixture.api, cardId, make({ providerName: '  ' }), 'professionalTrainingCreate', 'INVALID_VALUE', ['input', 'providerName']);
    await rejects(fixture.api, cardId, make({ qualificationObtained: '' }), 'professionalTrainingCreate', 'INVALID_VALUE', ['input', 'qualificationObtained']);
  });

  it('rejects employment recorded twice (OUTCOME_ALREADY_RECORDED), also when it came with the referral', async () => {
    const recorded = await create(cardId, 'professionalTrainingCreate', { ...training, permanentEmployment: null });
    await apply('activeMeasureRecordEmployment', { id: recorded.id, version: await versionOf(cardId), input: training.permanentEmployment });
    const withJob = await create(cardId, 'professionalTrainingCreate', training);
    for (const measure of [recorded, withJob]) {
      await rejects(fixture.api, cardId, onCurrent(cardId, 'activeMeasureRecordEmployment', measure.id, { ...training.permanentEmployment, employerName: 'ТОО «Другой»' }),
        'activeMeasureRecordEmployment', 'OUTCOME_ALREADY_RECORDED', ['id']);
    }
  });

  it('rejects a stale version (STALE_CARD)', async () => {
    const created = await create(cardId, 'professionalTrainingCreate', { ...training, permanentEmployment: null });
    await staleCheck(cardId, 'professionalTrainingCreate', (version) => ({ cardId, version, input: training }));
    await staleCheck(cardId, 'professionalTrainingCorrect', (version) => ({ id: created.id, version, input: training }));
    await staleCheck(cardId, 'activeMeasureRecordEmployment', (version) => ({ id: created.id, version, input: training.permanentEmployment }));
  });
});

// ---------------------------------------------------------------------------------------------
// §16.2 entrepreneurship support

describe('§16.2 entrepreneurship support', () => {
  let cardId: string;
  const microcredit = { receivedOn: '2026-04-15', amount: '2500000.5', gracePeriod: { months: 6 }, repaymentTerm: { months: 36 }, activityType: 'мини-пекарня' };
  /** A term as the card reads it back: the form it was given in, the other null. */
  const term = (given: { months?: number; until?: string }) => ({ months: null, until: null, ...given });
  const support = {
    referredOn: '2026-03-01', microcredit,
    basicsTraining: { startedOn: '2026-03-05', finishedOn: '2026-03-20' },
    grant: { appliedOn: '2026-03-21', receivedOn: '2026-04-10', activityType: 'мини-пекарня' },
  };
  const read = (id: string, data: any) => ({ __typename: 'EntrepreneurshipSupport', id, ...data });

  beforeAll(async () => {
    cardId = await newCard(aCard().registered());
  });

  it('entrepreneurshipSupportCreate records microcredit, basics training and grant; money reads back exact with 2 decimals', async () => {
    const payload = await apply('entrepreneurshipSupportCreate', { cardId, version: 1, input: support });
    const measure = read(payload.activeMeasure.id, {
      ...support, microcredit: { ...microcredit, amount: '2500000.50', gracePeriod: term({ months: 6 }), repaymentTerm: term({ months: 36 }) },
    });
    expect(parseGlobalId(measure.id)?.type).toBe('EntrepreneurshipSupport');
    await expectChanged(cardId, payload, 1, measure);
    expect(await lastChange(cardId)).toEqual([expect.objectContaining({
      action: 'entrepreneurshipSupportCreate', part: 'activeMeasure', entryId: measure.id, oldValue: null,
      newValue: expect.objectContaining({ kind: 'ENTREPRENEURSHIP_SUPPORT', microcredit: expect.objectContaining({ amount: '2500000.50' }) }),
    })]);
  });

  it('entrepreneurshipSupportCreate takes a referral alone, and basics training arranged ahead', async () => {
    let version = await versionOf(cardId);
    let payload = await apply('entrepreneurshipSupportCreate', { cardId, version, input: { referredOn: '2026-05-01' } });
    await expectChanged(cardId, payload, version, read(payload.activeMeasure.id, { referredOn: '2026-05-01', microcredit: null, basicsTraining: null, grant: null }));
    version += 1;
    payload = await apply('entrepreneurshipSupportCreate', { cardId, version, input: { referredOn: TODAY, basicsTraining: { startedOn: TOMORROW, finishedOn: '2026-12-20' } } });
    await expectChanged(cardId, payload, version, read(payload.activeMeasure.id, {
      referredOn: TODAY, microcredit: null, basicsTraining: { startedOn: TOMORROW, finishedOn: '2026-12-20' }, grant: null,
    }));
  });

  it('entrepreneurshipSupportCorrect completes and corrects a referral (a whole-number amount, no grace period), the earlier value in the history', async () => {
    const created = await create(cardId, 'entrepreneurshipSupportCreate', { referredOn: '2026-03-01', basicsTraining: { startedOn: '2026-03-05' } });
    const version = await versionOf(cardId);
    const corrected = {
      referredOn: '2026-03-01',
      microcredit: { receivedOn: '2026-05-20', amount: 3000000, repaymentTerm: { months: 24 }, activityType: 'швейный цех' },
      grant: { appliedOn: '2026-03-25', activityType: 'швейный цех' },
    };
    const payload = await apply('entrepreneurshipSupportCorrect', { id: created.id, version, input: corrected });
    await expectChanged(cardId, payload, version, read(created.id, {
      referredOn: '2026-03-01',
      microcredit: { receivedOn: '2026-05-20', amount: '3000000.00', gracePeriod: null, repaymentTerm: term({ months: 24 }), activityType: 'швейный цех' },
      basicsTraining: null, grant: { appliedOn: '2026-03-25', receivedOn: null, activityType: 'швейный цех' },
    }));
    expect(await lastChange(cardId)).toEqual([expect.objectContaining({
      action: 'entrepreneurshipSupportCorrect', entryId: created.id,
      oldValue: expect.objectContaining({ microcredit: null, basicsTraining: expect.objectContaining({ startedOn: '2026-03-05' }) }),
      newValue: expect.objectContaining({ basicsTraining: null, microcredit: expect.objectContaining({ amount: '3000000.00' }) }),
    })]);
  });

  const make = (data: object) => async () => call('entrepreneurshipSupportCreate', { cardId, version: await versionOf(cardId), input: { ...support, ...data } });
  const withCredit = (data: object) => make({ microcredit: { ...microcredit, ...data } });

  it('rejects a microcredit amount of zero and a repayment term of zero (NOT_POSITIVE)', async () => {
    await rejects(fixture.api, cardId, withCredit({ amount: '0' }), 'entrepreneurshipSupportCreate', 'NOT_POSITIVE', ['input', 'microcredit', 'amount']);
    await rejects(fixture.api, cardId, withCredit({ amount: '0.00' }), 'entrepreneurshipSupportCreate', 'NOT_POSITIVE', ['input', 'microcredit', 'amount']);
    await rejects(fixture.api, cardId, withCredit({ amount: 0 }), 'entrepreneurshipSupportCreate', 'NOT_POSITIVE', ['input', 'microcredit', 'amount']);
    await rejects(fixture.api, cardId, withCredit({ repaymentTerm: { months: 0 }, gracePeriod: null }), 'entrepreneurshipSupportCreate', 'NOT_POSITIVE', ['input', 'microcredit', 'repaymentTerm', 'months']);
  });

  it('rejects a grace period longer than the repayment term (INVALID_VALUE), and accepts one as long', async () => {
    await rejects(fixture.api, cardId, withCredit({ gracePeriod: { months: 37 } }), 'entrepreneurshipSupportCreate', 'INVALID_VALUE', ['input', 'microcredit', 'gracePeriod']);
    const version = await versionOf(cardId);
    const payload = await apply('entrepreneurshipSupportCreate', { cardId, version, input: { referredOn: '2026-03-01', microcredit: { ...microcredit, gracePeriod: { months: 36 } } } });
    expect(payload.activeMeasure.microcredit).toEqual({ ...microcredit, amount: '2500000.50', gracePeriod: term({ months: 36 }), repaymentTerm: term({ months: 36 }) });
  });

  it('takes each term as the form does: in months or as the day it ends, and reads it back as given', async () => {
    const version = await versionOf(cardId);
    const byDates = { ...microcredit, gracePeriod: { until: '2026-10-14' }, repaymentTerm: { until: '2029-04-14' } };
    const payload = await apply('entrepreneurshipSupportCreate', { cardId, version, input: { referredOn: '2026-03-01', microcredit: byDates } });
    expect(payload.activeMeasure.microcredit).toEqual({ ...byDates, amount: '2500000.50', gracePeriod: term({ until: '2026-10-14' }), repaymentTerm: term({ until: '2029-04-14' }) });
    expect(await lastChange(cardId)).toEqual([expect.objectContaining({
      newValue: expect.objectContaining({ microcredit: expect.objectContaining({ gracePeriodUntil: '2026-10-14', gracePeriodMonths: null, repaymentTermUntil: '2029-04-14', repaymentTermMonths: null }) }),
    })]);
    // Mixed: a grace period in months, the repayment term as a date.
    const mixed = { ...microcredit, gracePeriod: { months: 12 }, repaymentTerm: { until: '2027-04-15' } };
    const again = await apply('entrepreneurshipSupportCreate', { cardId, version: version + 1, input: { referredOn: '2026-03-01', microcredit: mixed } });
    expect(again.activeMeasure.microcredit).toEqual({ ...mixed, amount: '2500000.50', gracePeriod: term({ months: 12 }), repaymentTerm: term({ until: '2027-04-15' }) });
  });

  it('compares terms given in different forms, and rejects a term ending before the receipt or beyond 120 months', async () => {
    // 13 months from 15 April 2026 end on 15 May 2027, after a repayment term ending on 15 April 2027.
    await rejects(fixture.api, cardId, withCredit({ gracePeriod: { months: 13 }, repaymentTerm: { until: '2027-04-15' } }), 'entrepreneurshipSupportCreate', 'INVALID_VALUE', ['input', 'microcredit', 'gracePeriod']);
    await rejects(fixture.api, cardId, withCredit({ gracePeriod: { until: '2029-01-01' }, repaymentTerm: { months: 24 } }), 'entrepreneurshipSupportCreate', 'INVALID_VALUE', ['input', 'microcredit', 'gracePeriod']);
    await rejects(fixture.api, cardId, withCredit({ repaymentTerm: { until: '2026-04-14' } }), 'entrepreneurshipSupportCreate', 'DATE_ORDER', ['input', 'microcredit', 'repaymentTerm', 'until']);
    await rejects(fixture.api, cardId, withCredit({ gracePeriod: null, repaymentTerm: { until: '2036-04-16' } }), 'entrepreneurshipSupportCreate', 'OUT_OF_RANGE', ['input', 'microcredit', 'repaymentTerm', 'until']);
    await rejects(fixture.api, cardId, withCredit({ repaymentTerm: { months: 121 } }), 'entrepreneurshipSupportCreate', 'OUT_OF_RANGE', ['input', 'microcredit', 'repaymentTerm', 'months']);
  });

  it('refuses a term given both ways or neither (the input is @oneOf) as BAD_USER_INPUT, changing nothing', async () => {
    const version = await versionOf(cardId);
    for (const repaymentTerm of [{ months: 24, until: '2028-04-15' }, {}, { months: null }]) {
      await refusedInput(cardId, () => call('entrepreneurshipSupportCreate', { cardId, version, input: { ...support, microcredit: { ...microcredit, repaymentTerm } } }), 'input');
    }
  });

  it('rejects dates out of order (DATE_ORDER), in the future (IN_FUTURE), and empty activity types', async () => {
    await rejects(fixture.api, cardId, withCredit({ receivedOn: '2026-02-28' }), 'entrepreneurshipSupportCreate', 'DATE_ORDER', ['input', 'microcredit', 'receivedOn']);
    await rejects(fixture.api, cardId, withCredit({ receivedOn: TOMORROW }), 'entrepreneurshipSupportCreate', 'IN_FUTURE', ['input', 'microcredit', 'receivedOn']);
    await rejects(fixture.api, cardId, withCredit({ activityType: '  ' }), 'entrepreneurshipSupportCreate', 'INVALID_VALUE', ['input', 'microcredit', 'activityType']);
    await rejects(fixture.api, cardId, make({ basicsTraining: { startedOn: '2026-02-27' } }), 'entrepreneurshipSupportCreate', 'DATE_ORDER', ['input', 'basicsTraining', 'startedOn']);
    await rejects(fixture.api, cardId, make({ basicsTraining: { startedOn: '2026-03-05', finishedOn: '2026-03-04' } }), 'entrepreneurshipSupportCreate', 'DATE_ORDER', ['input', 'basicsTraining', 'finishedOn']);
    await rejects(fixture.api, cardId, make({ grant: { ...support.grant, appliedOn: '2026-02-28' } }), 'entrepreneurshipSupportCreate', 'DATE_ORDER', ['input', 'grant', 'appliedOn']);
    await rejects(fixture.api, cardId, make({ grant: { ...support.grant, receivedOn: '2026-03-20' } }), 'entrepreneurshipSupportCreate', 'DATE_ORDER', ['input', 'grant', 'receivedOn']);
    await rejects(fixture.api, cardId, make({ grant: { ...support.grant, receivedOn: TOMORROW } }), 'entrepreneurshipSupportCreate', 'IN_FUTURE', ['input', 'grant', 'receivedOn']);
    await rejects(fixture.api, cardId, make({ grant: { ...support.grant, activityType: '' } }), 'entrepreneurshipSupportCreate', 'INVALID_VALUE', ['input', 'grant', 'activityType']);
    await rejects(fixture.api, cardId, make({ referredOn: TOMORROW, microcredit: null, basicsTraining: null, grant: null }), 'entrepreneurshipSupportCreate', 'IN_FUTURE', ['input', 'referredOn']);
    await rejects(fixture.api, cardId, make({ referredOn: BEFORE_BIRTH, microcredit: null, basicsTraining: null, grant: null }), 'entrepreneurshipSupportCreate', 'BEFORE_BIRTH', ['input', 'referredOn']);
  });

  it('entrepreneurshipSupportCorrect applies the same invariants', async () => {
    const created = await create(cardId, 'entrepreneurshipSupportCreate', { referredOn: '2026-03-01' });
    const correct = (data: object) => onCurrent(cardId, 'entrepreneurshipSupportCorrect', created.id, { ...support, ...data });
    await rejects(fixture.api, cardId, correct({ microcredit: { ...microcredit, amount: '0' } }), 'entrepreneurshipSupportCorrect', 'NOT_POSITIVE', ['input', 'microcredit', 'amount']);
    await rejects(fixture.api, cardId, correct({ microcredit: { ...microcredit, gracePeriod: { months: 40 } } }), 'entrepreneurshipSupportCorrect', 'INVALID_VALUE', ['input', 'microcredit', 'gracePeriod']);
    await rejects(fixture.api, cardId, correct({ grant: { ...support.grant, receivedOn: '2026-03-01' } }), 'entrepreneurshipSupportCorrect', 'DATE_ORDER', ['input', 'grant', 'receivedOn']);
  });

  it('refuses a microcredit amount that is negative or not exact as BAD_USER_INPUT, changing nothing', async () => {
    const version = await versionOf(cardId);
    for (const amount of ['-1.00', '1.005', 0.1 + 0.2]) {
      await refusedInput(cardId, () => call('entrepreneurshipSupportCreate', { cardId, version, input: { ...support, microcredit: { ...microcredit, amount } } }), 'input');
    }
    const literal = (amount: string) => () => fixture.api.execute(`mutation($cardId: ID!) { entrepreneurshipSupportCreate(cardId: $cardId, version: ${version}, input: {
      referredOn: "2026-03-01", microcredit: { receivedOn: "2026-04-15", amount: ${amount}, repaymentTerm: { months: 12 }, activityType: "кафе" } }) { ${SELECTION} } } ${ACTIVE_MEASURE}`, { cardId });
    await refusedInput(cardId, literal('"-1.00"'), 'input.microcredit.amount');
    await refusedInput(cardId, literal('"1.005"'), 'input.microcredit.amount');
    await refusedInput(cardId, literal('0.30000000000000004'), 'input.microcredit.amount');
  });

  it('rejects employment recorded on an entrepreneurship support (INVALID_VALUE)', async () => {
    const created = await create(cardId, 'entrepreneurshipSupportCreate', support);
    await rejects(fixture.api, cardId, onCurrent(cardId, 'activeMeasureRecordEmployment', created.id, { employedOn: '2026-06-01', employerName: 'ИП «Нан»', position: 'пекарь' }),
      'activeMeasureRecordEmployment', 'INVALID_VALUE', ['id']);
  });

  it('rejects a stale version (STALE_CARD)', async () => {
    const created = await create(cardId, 'entrepreneurshipSupportCreate', { referredOn: '2026-03-01' });
    await staleCheck(cardId, 'entrepreneurshipSupportCreate', (version) => ({ cardId, version, input: support }));
    await staleCheck(cardId, 'entrepreneurshipSupportCorrect', (version) => ({ id: created.id, version, input: support }));
  });
});

// ---------------------------------------------------------------------------------------------
// §16.3 subsidized jobs

describe('§16.3 subsidized jobs', () => {
  let cardId: string;
  const job = {
    referredOn: '2026-06-01', jobType: 'PUBLIC_WORKS', participationPeriod: { start: '2026-06-10', end: null },
    employerName: 'КГУ «Аппарат акима Алмалинского района»', position: 'рабочий по благоустройству',
  };
  const hiring = { orderDate: '2026-06-09', orderNumber: '12-к', position: 'рабочий по благоустройству' };
  const refusal = { refusedBy: 'EMPLOYER', refusedOn: '2026-06-05', reason: 'нет вакантных мест' };
  const read = (id: string, data: any) => ({ __typename: 'SubsidizedJob', id, employerDecision: null, permanentEmployment: null, ...data });

  beforeAll(async () => {
    cardId = await newCard(aCard().registered());
  });

  it('subsidizedJobCreate refers the person, decision pending: version + 1, the entry, and the card reads it back', async () => {
    const payload = await apply('subsidizedJobCreate', { cardId, version: 1, input: job });
    const measure = read(payload.activeMeasure.id, job);
    expect(parseGlobalId(measure.id)?.type).toBe('SubsidizedJob');
    await expectChanged(cardId, payload, 1, measure);
    expect(await lastChange(cardId)).toEqual([expect.objectContaining({
      action: 'subsidizedJobCreate', part: 'activeMeasure', entryId: measure.id, oldValue: null, newValue: expect.objectContaining({ kind: 'SUBSIDIZED_JOB', jobType: 'PUBLIC_WORKS' }),
    })]);
  });

  it('subsidizedJobCreate records every field: decision, permanent employment, a participation period that lies ahead', async () => {
    const version = await versionOf(cardId);
    const input = {
      referredOn: '2026-11-02', jobType: 'YOUTH_PRACTICE', participationPeriod: { start: '2026-11-10', end: '2027-05-10' },
      employerName: 'ТОО «Береке»', position: 'помощник бухгалтера', employerDecision: { hiring: { orderDate: '2026-11-09', orderNumber: '77', position: 'помощник бухгалтера' } },
      permanentEmployment: { employedOn: TODAY, employerName: 'ТОО «Береке»', position: 'бухгалтер' },
    };
    const payload = await apply('subsidizedJobCreate', { cardId, version, input });
    await expectChanged(cardId, payload, version, read(payload.activeMeasure.id, {
      ...input, employerDecision: { __typename: 'HiringAct', ...input.employerDecision.hiring },
    }));
  });

  it('subsidizedJobRecordDecision records a hiring act', async () => {
    const created = await create(cardId, 'subsidizedJobCreate', job);
    const version = await versionOf(cardId);
    const payload = await apply('subsidizedJobRecordDecision', { id: created.id, version, input: { hiring } });
    await expectChanged(cardId, payload, version, { ...created, employerDecision: { __typename: 'HiringAct', ...hiring } });
    expect(await lastChange(cardId)).toEqual([expect.objectContaining({
      action: 'subsidizedJobRecordDecision', entryId: created.id,
      oldValue: expect.objectContaining({ hiringAct: null, refusal: null }), newValue: expect.objectContaining({ hiringAct: hiring, refusal: null }),
    })]);
  });

  it('subsidizedJobRecordDecision records a refusal with its reason', async () => {
    const created = await create(cardId, 'subsidizedJobCreate', { ...job, jobType: 'SOCIAL_WORKPLACE', participationPeriod: null });
    const version = await versionOf(cardId);
    const payload = await apply('subsidizedJobRecordDecision', { id: created.id, version, input: { refusal } });
    await expectChanged(cardId, payload, version, { ...created, employerDecision: { __typename: 'ReferralRefusal', ...refusal } });
  });

  it('subsidizedJobCorrect corrects every field, decision included, the earlier value staying in the history', async () => {
    const created = await create(cardId, 'subsidizedJobCreate', { ...job, employerDecision: { hiring } });
    let version = await versionOf(cardId);
    const corrected = {
      referredOn: '2026-06-02', jobType: 'SILVER_AGE', participationPeriod: { start: '2026-06-15', end: '2026-09-15' }, employerName: 'ТОО «Таза Қала»',
      position: 'дворник', employerDecision: { refusal: { refusedBy: 'APPLICANT', refusedOn: '2026-06-03', reason: 'состояние здоровья' } },
      permanentEmployment: { employedOn: '2026-10-01', employerName: 'ТОО «Таза Қала»', position: 'дворник' },
    };
    const payload = await apply('subsidizedJobCorrect', { id: created.id, version, input: corrected });
    await expectChanged(cardId, payload, version, read(created.id, { ...corrected, employerDecision: { __typename: 'ReferralRefusal', ...corrected.employerDecision.refusal } }));
    expect(await lastChange(cardId)).toEqual([expect.objectContaining({
      action: 'subsidizedJobCorrect', entryId: created.id,
      oldValue: expect.objectContaining({ jobType: 'PUBLIC_WORKS', hiringAct: hiring, refusal: null }),
      newValue: expect.objectContaining({ jobType: 'SILVER_AGE', hiringAct: null, refusal: expect.objectContaining({ refusedBy: 'APPLICANT' }) }),
    })]);
    version += 1;
    const undecided = await apply('subsidizedJobCorrect', { id: created.id, version, input: job });
    await expectChanged(cardId, undecided, version, read(created.id, job));
  });

  it('activeMeasureRecordEmployment records the permanent job after the subsidized job', async () => {
    const created = await create(cardId, 'subsidizedJobCreate', { ...job, employerDecision: { hiring } });
    const version = await versionOf(cardId);
    const employment = { employedOn: '2026-11-01', employerName: 'ТОО «Жасыл Қала»', position: 'садовник' };
    const payload = await apply('activeMeasureRecordEmployment', { id: created.id, version, input: employment });
    await expectChanged(cardId, payload, version, { ...created, permanentEmployment: employment });
  });

  it('subsidizedJobRecordDecision rejects both or neither of hiring and refusal (INVALID_VALUE)', async () => {
    const created = await create(cardId, 'subsidizedJobCreate', job);
    await rejects(fixture.api, cardId, onCurrent(cardId, 'subsidizedJobRecordDecision', created.id, { hiring, refusal }), 'subsidizedJobRecordDecision', 'INVALID_VALUE', ['input']);
    await rejects(fixture.api, cardId, onCurrent(cardId, 'subsidizedJobRecordDecision', created.id, {}), 'subsidizedJobRecordDecision', 'INVALID_VALUE', ['input']);
    await rejects(fixture.api, cardId, onCurrent(cardId, 'subsidizedJobRecordDecision', created.id, { hiring: null, refusal: null }), 'subsidizedJobRecordDecision', 'INVALID_VALUE', ['input']);
  });

  it('subsidizedJobCreate and subsidizedJobCorrect reject a decision with both hiring and refusal (INVALID_VALUE)', async () => {
    await rejects(fixture.api, cardId, async () => call('subsidizedJobCreate', { cardId, version: await versionOf(cardId), input: { ...job, employerDecision: { hiring, refusal } } }),
      'subsidizedJobCreate', 'INVALID_VALUE', ['input', 'employerDecision']);
    const created = await create(cardId, 'subsidizedJobCreate', job);
    await rejects(fixture.api, cardId, onCurrent(cardId, 'subsidizedJobCorrect', created.id, { ...job, employerDecision: { hiring, refusal } }),
      'subsidizedJobCorrect', 'INVALID_VALUE', ['input', 'employerDecision']);
  });

  it('rejects a decision recorded twice (OUTCOME_ALREADY_RECORDED), also when it came with the referral', async () => {
    const recorded = await create(cardId, 'subsidizedJobCreate', job);
    await apply('subsidizedJobRecordDecision', { id: recorded.id, version: await versionOf(cardId), input: { refusal } });
    const decided = await create(cardId, 'subsidizedJobCreate', { ...job, employerDecision: { hiring } });
    for (const measure of [recorded, decided]) {
      await rejects(fixture.api, cardId, onCurrent(cardId, 'subsidizedJobRecordDecision', measure.id, { hiring }), 'subsidizedJobRecordDecision', 'OUTCOME_ALREADY_RECORDED', ['id']);
      await rejects(fixture.api, cardId, onCurrent(cardId, 'subsidizedJobRecordDecision', measure.id, { refusal }), 'subsidizedJobRecordDecision', 'OUTCOME_ALREADY_RECORDED', ['id']);
    }
  });

  it('rejects employment recorded twice (OUTCOME_ALREADY_RECORDED)', async () => {
    const created = await create(cardId, 'subsidizedJobCreate', job);
    const employment = { employedOn: '2026-11-01', employerName: 'ТОО «Жасыл Қала»', position: 'садовник' };
    await apply('activeMeasureRecordEmployment', { id: created.id, version: await versionOf(cardId), input: employment });
    await rejects(fixture.api, cardId, onCurrent(cardId, 'activeMeasureRecordEmployment', created.id, { ...employment, employedOn: '2026-11-02' }),
      'activeMeasureRecordEmployment', 'OUTCOME_ALREADY_RECORDED', ['id']);
  });

  it('rejects a decision dated before the referral (DATE_ORDER) at the path of the input field, or in the future (IN_FUTURE)', async () => {
    const created = await create(cardId, 'subsidizedJobCreate', job);
    await rejects(fixture.api, cardId, onCurrent(cardId, 'subsidizedJobRecordDecision', created.id, { hiring: { ...hiring, orderDate: '2026-05-31' } }),
      'subsidizedJobRecordDecision', 'DATE_ORDER', ['input', 'hiring', 'orderDate']);
    await rejects(fixture.api, cardId, onCurrent(cardId, 'subsidizedJobRecordDecision', created.id, { refusal: { ...refusal, refusedOn: '2026-05-31' } }),
      'subsidizedJobRecordDecision', 'DATE_ORDER', ['input', 'refusal', 'refusedOn']);
    await rejects(fixture.api, cardId, onCurrent(cardId, 'subsidizedJobRecordDecision', created.id, { hiring: { ...hiring, orderDate: TOMORROW } }),
      'subsidizedJobRecordDecision', 'IN_FUTURE', ['input', 'hiring', 'orderDate']);
    await rejects(fixture.api, cardId, async () => call('subsidizedJobCreate', { cardId, version: await versionOf(cardId), input: { ...job, employerDecision: { hiring: { ...hiring, orderDate: '2026-05-31' } } } }),
      'subsidizedJobCreate', 'DATE_ORDER', ['input', 'employerDecision', 'hiring', 'orderDate']);
  });

  it('rejects a participation period before the referral or ending before it starts (DATE_ORDER), and other invariants', async () => {
    const make = (data: object) => async () => call('subsidizedJobCreate', { cardId, version: await versionOf(cardId), input: { ...job, ...data } });
    await rejects(fixture.api, cardId, make({ participationPeriod: { start: '2026-05-31' } }), 'subsidizedJobCreate', 'DATE_ORDER', ['input', 'participationPeriod', 'start']);
    await rejects(fixture.api, cardId, make({ participationPeriod: { start: '2026-06-10', end: '2026-06-09' } }), 'subsidizedJobCreate', 'DATE_ORDER', ['input', 'participationPeriod', 'end']);
    await rejects(fixture.api, cardId, make({ permanentEmployment: { employedOn: '2026-05-31', employerName: 'ТОО', position: 'рабочий' } }), 'subsidizedJobCreate', 'DATE_ORDER', ['input', 'permanentEmployment', 'employedOn']);
    await rejects(fixture.api, cardId, make({ referredOn: TOMORROW, participationPeriod: null }), 'subsidizedJobCreate', 'IN_FUTURE', ['input', 'referredOn']);
    await rejects(fixture.api, cardId, make({ referredOn: BEFORE_BIRTH, participationPeriod: null }), 'subsidizedJobCreate', 'BEFORE_BIRTH', ['input', 'referredOn']);
    await rejects(fixture.api, cardId, make({ employerName: ' ' }), 'subsidizedJobCreate', 'INVALID_VALUE', ['input', 'employerName']);
    await rejects(fixture.api, cardId, make({ position: '' }), 'subsidizedJobCreate', 'INVALID_VALUE', ['input', 'position']);
    const created = await create(cardId, 'subsidizedJobCreate', job);
    await rejects(fixture.api, cardId, onCurrent(cardId, 'subsidizedJobCorrect', created.id, { ...job, participationPeriod: { start: '2026-05-01' } }),
      'subsidizedJobCorrect', 'DATE_ORDER', ['input', 'participationPeriod', 'start']);
  });

  it('rejects a stale version (STALE_CARD)', async () => {
    const created = await create(cardId, 'subsidizedJobCreate', job);
    await staleCheck(cardId, 'subsidizedJobCreate', (version) => ({ cardId, version, input: job }));
    await staleCheck(cardId, 'subsidizedJobRecordDecision', (version) => ({ id: created.id, version, input: { hiring } }));
    await staleCheck(cardId, 'subsidizedJobCorrect', (version) => ({ id: created.id, version, input: job }));
  });
});

// ---------------------------------------------------------------------------------------------
// §16.4 relocation

describe('§16.4 relocation', () => {
  let cardId: string;
  const family = [
    { fullName: 'Серікбаева Айгүл Маратқызы', kinship: 'супруга', ableToWork: true },
    { fullName: 'Серікбаев Алихан Нұрланұлы', kinship: 'сын', ableToWork: false, unableToWorkReason: 'несовершеннолетний' },
    { fullName: 'Серікбаев Ерлан Нұрланұлы', ableToWork: true },
    { fullName: 'Серікбаева Күләш Әбілқызы', kinship: 'мать', ableToWork: false, unableToWorkReason: 'пенсионный возраст' },
  ];
  const relocation = {
    referredOn: '2026-04-01', familyMembers: family,
    destination: { region: 'KZ-59', district: 'KZ-59-001', settlement: 'Петропавловск' },
    materialAssistance: { relocationExpenses: '141075.1', rentReimbursement: '360000.2', economicMobilityCertificate: '5000000.3' },
    housing: { type: 'INDIVIDUAL_HOUSE', areaPerFamilyMember: 18.5 },
    employment: { employedOn: '2026-05-04', employerName: 'ТОО «Солтүстік Агро»', position: 'механизатор' },
  };
  const member = (m: { fullName: string; kinship?: string; ableToWork: boolean; unableToWorkReason?: string }) =>
    ({ fullName: m.fullName, kinship: m.kinship ?? null, ableToWork: m.ableToWork, unableToWorkReason: m.unableToWorkReason ?? null });

  beforeAll(async () => {
    cardId = await newCard(aCard().registered());
  });

  it('relocationCreate records every field: family able / unable to work with reasons, destination, exact assistance and total, housing, employment', async () => {
    const payload = await apply('relocationCreate', { cardId, version: 1, input: relocation });
    const measure = {
      __typename: 'Relocation', id: payload.activeMeasure.id, referredOn: '2026-04-01',
      familyMembersAbleToWork: [member(family[0]!), member(family[2]!)],
      familyMembersUnableToWork: [member(family[1]!), member(family[3]!)],
      destination: { region: region('KZ-59'), district: district('KZ-59-001', 'KZ-59'), settlement: 'Петропавловск' },
      // Exact: 141075.10 + 360000.20 + 5000000.30, not a binary-float sum.
      materialAssistance: { relocationExpenses: '141075.10', rentReimbursement: '360000.20', economicMobilityCertificate: '5000000.30', total: '5501075.60' },
      housing: { type: 'INDIVIDUAL_HOUSE', areaPerFamilyMember: 18.5 },
      employment: relocation.employment,
    };
    expect(parseGlobalId(measure.id)?.type).toBe('Relocation');
    await expectChanged(cardId, payload, 1, measure);
    const records = await lastChange(cardId);
    expect(records.map((r) => [r.action, r.part, r.oldValue])).toEqual([
      ['relocationCreate', 'activeMeasure', null], ...family.map(() => ['relocationCreate', 'relocationFamilyMember', null]),
    ]);
    expect(records.slice(1).map((r) => r.newValue.fullName)).toEqual(family.map((m) => m.fullName));
  });

  it('relocationCreate takes a bare referral: no family, region only, no amounts (total "0.00"), no housing, no employment', async () => {
    const version = await versionOf(cardId);
    const input = { referredOn: '2026-05-01', familyMembers: [], destination: { region: 'KZ-75' }, materialAssistance: {} };
    const payload = await apply('relocationCreate', { cardId, version, input });
    await expectChanged(cardId, payload, version, {
      __typename: 'Relocation', id: payload.activeMeasure.id, referredOn: '2026-05-01', familyMembersAbleToWork: [], familyMembersUnableToWork: [],
      destination: { region: region('KZ-75'), district: null, settlement: null },
      materialAssistance: { relocationExpenses: null, rentReimbursement: null, economicMobilityCertificate: null, total: '0.00' },
      housing: null, employment: null,
    });
  });

  it('sums the assistance exactly where binary floats would not (0.10 + 0.20), and keeps m² per member', async () => {
    const version = await versionOf(cardId);
    const input = {
      referredOn: '2026-05-02', familyMembers: [], destination: { region: 'KZ-59' },
      materialAssistance: { relocationExpenses: '0.1', rentReimbursement: '0.2' }, housing: { type: 'DORMITORY_ROOM', areaPerFamilyMember: 6.25 },
    };
    const payload = await apply('relocationCreate', { cardId, version, input });
    expect(payload.activeMeasure.materialAssistance).toEqual({ relocationExpenses: '0.10', rentReimbursement: '0.20', economicMobilityCertificate: null, total: '0.30' });
    expect(payload.activeMeasure.housing).toEqual({ type: 'DORMITORY_ROOM', areaPerFamilyMember: 6.25 });
    expect((await measuresOf(cardId)).find((m) => m.id === payload.activeMeasure.id)).toEqual(payload.activeMeasure);
  });

  it('reads back the exact total of the largest amounts it accepts', async () => {
    const created = await apply('relocationCreate', {
      cardId: await newCard(aCard().registered()), version: 1,
      input: {
        referredOn: '2026-05-03', familyMembers: [], destination: { region: 'KZ-59' },
        materialAssistance: { relocationExpenses: '999999999999.99', rentReimbursement: '999999999999.99', economicMobilityCertificate: '999999999999.99' },
      },
    });
    expect(created.activeMeasure.materialAssistance).toEqual({
      relocationExpenses: '999999999999.99', rentReimbursement: '999999999999.99', economicMobilityCertificate: '999999999999.99', total: '2999999999999.97',
    });
    expect((await wholeCard(fixture.api, created.card.id)).activeMeasures.edges[0].node.materialAssistance.total).toBe('2999999999999.97');
  });

  it('relocationCorrect replaces the family: the old members leave the card but remain in the history', async () => {
    const created = await create(cardId, 'relocationCreate', relocation);
    const version = await versionOf(cardId);
    const newFamily = [
      { fullName: 'Серікбаева Айгүл Маратқызы', kinship: 'супруга', ableToWork: false, unableToWorkReason: 'уход за ребёнком до 3 лет' },
      { fullName: 'Серікбаева Дана Нұрланқызы', kinship: 'дочь', ableToWork: false, unableToWorkReason: 'несовершеннолетняя' },
    ];
    const corrected = {
      referredOn: '2026-04-02', familyMembers: newFamily, destination: { region: 'KZ-11', settlement: 'Көкшетау' },
      materialAssistance: { rentReimbursement: '180000' }, housing: { type: 'APARTMENT', areaPerFamilyMember: 15 }, employment: null,
    };
    const payload = await apply('relocationCorrect', { id: created.id, version, input: corrected });
    const measure = {
      __typename: 'Relocation', id: created.id, referredOn: '2026-04-02', familyMembersAbleToWork: [], familyMembersUnableToWork: newFamily.map(member),
      destination: { region: region('KZ-11'), district: null, settlement: 'Көкшетау' },
      materialAssistance: { relocationExpenses: null, rentReimbursement: '180000.00', economicMobilityCertificate: null, total: '180000.00' },
      housing: { type: 'APARTMENT', areaPerFamilyMember: 15 }, employment: null,
    };
    await expectChanged(cardId, payload, version, measure);
    // On the card: exactly the new family (the spouse, now unable to work, is a new member row).
    const stored = (await measuresOf(cardId)).find((m) => m.id === created.id);
    expect([...stored.familyMembersAbleToWork, ...stored.familyMembersUnableToWork]).toEqual(newFamily.map(member));
    for (const old of family.slice(1)) expect(JSON.stringify(stored)).not.toContain(old.fullName);

    const records = await lastChange(cardId);
    expect(records.every((r) => r.action === 'relocationCorrect')).toBe(true);
    expect(records.filter((r) => r.part === 'activeMeasure')).toEqual([expect.objectContaining({
      entryId: created.id, oldValue: expect.objectContaining({ referredOn: '2026-04-01' }), newValue: expect.objectContaining({ referredOn: '2026-04-02' }),
    })]);
    const members = records.filter((r) => r.part === 'relocationFamilyMember');
    const replaced = members.filter((r) => r.oldValue !== null);
    expect(replaced.map((r) => r.oldValue.fullName).sort()).toEqual(family.map((m) => m.fullName).sort());
    for (const r of replaced) {
      expect(r.oldValue).toMatchObject({ relocation: dbId(created.id), voidedAt: null });
      expect(r.newValue).toMatchObject({ fullName: r.oldValue.fullName, voidedAt: expect.any(String), voidedBy: 'caseworker-7', voidReason: expect.any(String) });
    }
    const added = members.filter((r) => r.oldValue === null);
    expect(added.map((r) => r.newValue)).toEqual(newFamily.map((m) => expect.objectContaining({ ...member(m), relocation: dbId(created.id), voidedAt: null })));
    // The creation of the old members is still there too.
    const all = await historyOf(cardId);
    for (const old of family) {
      expect(all).toContainEqual(expect.objectContaining({ action: 'relocationCreate', part: 'relocationFamilyMember', oldValue: null, newValue: expect.objectContaining({ fullName: old.fullName, relocation: dbId(created.id) }) }));
    }
  });

  it('activeMeasureRecordEmployment records the employment at the destination', async () => {
    const created = await create(cardId, 'relocationCreate', { ...relocation, employment: null });
    expect(created.employment).toBeNull();
    const version = await versionOf(cardId);
    const payload = await apply('activeMeasureRecordEmployment', { id: created.id, version, input: relocation.employment });
    await expectChanged(cardId, payload, version, { ...created, employment: relocation.employment });
    await rejects(fixture.api, cardId, onCurrent(cardId, 'activeMeasureRecordEmployment', created.id, relocation.employment), 'activeMeasureRecordEmployment', 'OUTCOME_ALREADY_RECORDED', ['id']);
  });

  const make = (data: object) => async () => call('relocationCreate', { cardId, version: await versionOf(cardId), input: { ...relocation, ...data } });

  it('rejects a housing area of zero or less (NOT_POSITIVE)', async () => {
    await rejects(fixture.api, cardId, make({ housing: { type: 'APARTMENT', areaPerFamilyMember: 0 } }), 'relocationCreate', 'NOT_POSITIVE', ['input', 'housing', 'areaPerFamilyMember']);
    await rejects(fixture.api, cardId, make({ housing: { type: 'APARTMENT', areaPerFamilyMember: -2.5 } }), 'relocationCreate', 'NOT_POSITIVE', ['input', 'housing', 'areaPerFamilyMember']);
  });

  it('refuses a housing area too large to store as a user error, not an internal error', async () => {
    const before = await wholeCard(fixture.api, cardId);
    const result = await make({ housing: { type: 'APARTMENT', areaPerFamilyMember: 100000 } })();
    expect(result.errors ?? []).not.toContainEqual(expect.objectContaining({ extensions: expect.objectContaining({ code: 'INTERNAL_SERVER_ERROR' }) }));
    const payload = result.data?.relocationCreate;
    expect(payload?.userErrors).toEqual([expect.objectContaining({ field: ['input', 'housing', 'areaPerFamilyMember'] })]);
    expect(await wholeCard(fixture.api, cardId)).toEqual(before);
  });

  it('rejects a member unable to work without a reason (REQUIRED) and one able to work with a reason (INVALID_VALUE)', async () => {
    const members = (...changed: object[]) => make({ familyMembers: [family[0], ...changed] });
    await rejects(fixture.api, cardId, members({ fullName: 'Серікбаев Алихан', ableToWork: false }), 'relocationCreate', 'REQUIRED', ['input', 'familyMembers', '1', 'unableToWorkReason']);
    await rejects(fixture.api, cardId, members({ fullName: 'Серікбаев Алихан', ableToWork: false, unableToWorkReason: null }), 'relocationCreate', 'REQUIRED', ['input', 'familyMembers', '1', 'unableToWorkReason']);
    await rejects(fixture.api, cardId, members({ fullName: 'Серікбаев Алихан', ableToWork: false, unableToWorkReason: '  ' }), 'relocationCreate', 'INVALID_VALUE', ['input', 'familyMembers', '1', 'unableToWorkReason']);
    await rejects(fixture.api, cardId, members({ fullName: 'Серікбаев Ерлан', ableToWork: true, unableToWorkReason: 'инвалидность' }), 'relocationCreate', 'INVALID_VALUE', ['input', 'familyMembers', '1', 'unableToWorkReason']);
    await rejects(fixture.api, cardId, members({ fullName: ' ', ableToWork: true }), 'relocationCreate', 'INVALID_VALUE', ['input', 'familyMembers', '1', 'fullName']);
  });

  it('rejects a destination without a region (REQUIRED) or with an unknown one (UNKNOWN_CODE)', async () => {
    await rejects(fixture.api, cardId, make({ destination: {} }), 'relocationCreate', 'REQUIRED', ['input', 'destination', 'region']);
    await rejects(fixture.api, cardId, make({ destination: { region: null, settlement: 'Петропавловск' } }), 'relocationCreate', 'REQUIRED', ['input', 'destination', 'region']);
    await rejects(fixture.api, cardId, make({ destination: { region: 'KZ-99', settlement: 'Петропавловск' } }), 'relocationCreate', 'UNKNOWN_CODE', ['input', 'destination', 'region']);
    await rejects(fixture.api, cardId, make({ destination: { region: 'KZ-59', district: 'KZ-59-999' } }), 'relocationCreate', 'UNKNOWN_CODE', ['input', 'destination', 'district']);
    await rejects(fixture.api, cardId, make({ destination: { region: 'KZ-59', district: 'KZ-75-002' } }), 'relocationCreate', 'INVALID_VALUE', ['input', 'destination', 'district']);
  });

  it('rejects other dates and texts out of bounds', async () => {
    await rejects(fixture.api, cardId, make({ referredOn: TOMORROW, employment: null }), 'relocationCreate', 'IN_FUTURE', ['input', 'referredOn']);
    await rejects(fixture.api, cardId, make({ referredOn: BEFORE_BIRTH, employment: null }), 'relocationCreate', 'BEFORE_BIRTH', ['input', 'referredOn']);
    await rejects(fixture.api, cardId, make({ employment: { ...relocation.employment, employedOn: '2026-03-31' } }), 'relocationCreate', 'DATE_ORDER', ['input', 'employment', 'employedOn']);
    await rejects(fixture.api, cardId, make({ employment: { ...relocation.employment, employedOn: TOMORROW } }), 'relocationCreate', 'IN_FUTURE', ['input', 'employment', 'employedOn']);
    await rejects(fixture.api, cardId, make({ destination: { region: 'KZ-59', settlement: '' } }), 'relocationCreate', 'INVALID_VALUE', ['input', 'destination', 'settlement']);
  });

  it('refuses assistance money that is negative or not exact as BAD_USER_INPUT, changing nothing', async () => {
    const version = await versionOf(cardId);
    for (const key of ['relocationExpenses', 'rentReimbursement', 'economicMobilityCertificate']) {
      for (const amount of ['-1.00', '1.005', 0.1 + 0.2]) {
        await refusedInput(cardId, () => call('relocationCreate', { cardId, version, input: { ...relocation, materialAssistance: { [key]: amount } } }), 'input');
      }
    }
    const literal = (amount: string) => () => fixture.api.execute(`mutation($cardId: ID!) { relocationCreate(cardId: $cardId, version: ${version}, input: {
      referredOn: "2026-04-01", familyMembers: [], destination: { region: "KZ-59" }, materialAssistance: { relocationExpenses: ${amount} } }) { ${SELECTION} } } ${ACTIVE_MEASURE}`, { cardId });
    await refusedInput(cardId, literal('"-1.00"'), 'input.materialAssistance.relocationExpenses');
    await refusedInput(cardId, literal('"1.005"'), 'input.materialAssistance.relocationExpenses');
    await refusedInput(cardId, literal('0.30000000000000004'), 'input.materialAssistance.relocationExpenses');
  });

  it('relocationCorrect applies the same invariants, leaving the family untouched when rejected', async () => {
    const created = await create(cardId, 'relocationCreate', relocation);
    const correct = (data: object) => onCurrent(cardId, 'relocationCorrect', created.id, { ...relocation, ...data });
    await rejects(fixture.api, cardId, correct({ familyMembers: [{ fullName: 'Серікбаев Алихан', ableToWork: false }] }), 'relocationCorrect', 'REQUIRED', ['input', 'familyMembers', '0', 'unableToWorkReason']);
    await rejects(fixture.api, cardId, correct({ housing: { type: 'APARTMENT', areaPerFamilyMember: 0 } }), 'relocationCorrect', 'NOT_POSITIVE', ['input', 'housing', 'areaPerFamilyMember']);
    await rejects(fixture.api, cardId, correct({ destination: { region: 'KZ-99' } }), 'relocationCorrect', 'UNKNOWN_CODE', ['input', 'destination', 'region']);
    await refusedInput(cardId, async () => call('relocationCorrect', { id: created.id, version: await versionOf(cardId), input: { ...relocation, materialAssistance: { rentReimbursement: '-1.00' } } }), 'input');
    const stored = (await measuresOf(cardId)).find((m) => m.id === created.id);
    expect([...stored.familyMembersAbleToWork, ...stored.familyMembersUnableToWork].map((m: any) => m.fullName).sort()).toEqual(family.map((m) => m.fullName).sort());
  });

  it('rejects a stale version (STALE_CARD)', async () => {
    const created = await create(cardId, 'relocationCreate', { ...relocation, employment: null });
    await staleCheck(cardId, 'relocationCreate', (version) => ({ cardId, version, input: relocation }));
    await staleCheck(cardId, 'relocationCorrect', (version) => ({ id: created.id, version, input: { ...relocation, familyMembers: [] } }));
    await staleCheck(cardId, 'activeMeasureRecordEmployment', (version) => ({ id: created.id, version, input: relocation.employment }));
  });
});

// ---------------------------------------------------------------------------------------------
// Ids and kinds

describe('§16 entry ids and kinds', () => {
  let cardId: string;
  const measures: Record<string, any> = {};
  const inputs = {
    ProfessionalTraining: { referredOn: '2026-03-02', trainingType: 'UPSKILLING', providerName: 'Колледж' },
    EntrepreneurshipSupport: { referredOn: '2026-03-03' },
    SubsidizedJob: { referredOn: '2026-03-04', jobType: 'FIRST_WORKPLACE', employerName: 'ТОО «Береке»', position: 'кассир' },
    Relocation: { referredOn: '2026-03-05', familyMembers: [], destination: { region: 'KZ-59' }, materialAssistance: {} },
  };
  const corrects: [Name, keyof typeof inputs][] = [
    ['professionalTrainingCorrect', 'ProfessionalTraining'], ['entrepreneurshipSupportCorrect', 'EntrepreneurshipSupport'],
    ['subsidizedJobCorrect', 'SubsidizedJob'], ['relocationCorrect', 'Relocation'],
  ];

  beforeAll(async () => {
    cardId = await newCard(aCard().registered());
    measures.ProfessionalTraining = await create(cardId, 'professionalTrainingCreate', inputs.ProfessionalTraining);
    measures.EntrepreneurshipSupport = await create(cardId, 'entrepreneurshipSupportCreate', inputs.EntrepreneurshipSupport);
    measures.SubsidizedJob = await create(cardId, 'subsidizedJobCreate', inputs.SubsidizedJob);
    measures.Relocation = await create(cardId, 'relocationCreate', inputs.Relocation);
  });

  it.each(corrects)('%s: a measure of another kind is NOT_FOUND through a well-formed id, BAD_USER_INPUT through its own id', async (name, type) => {
    const version = await versionOf(cardId);
    for (const [otherType, other] of Object.entries(measures)) {
      if (otherType === type) continue;
      await rejects(fixture.api, cardId, () => call(name, { id: toGlobalId(type, dbId(other.id)), version, input: inputs[type] }), name, 'NOT_FOUND', ['id']);
      await refusedInput(cardId, () => call(name, { id: other.id, version, input: inputs[type] }), 'id');
    }
  });

  it.each(corrects)('%s: an unknown id is NOT_FOUND; a malformed id or one of another section is BAD_USER_INPUT', async (name, type) => {
    const version = await versionOf(cardId);
    await rejects(fixture.api, cardId, () => call(name, { id: toGlobalId(type, UNKNOWN), version, input: inputs[type] }), name, 'NOT_FOUND', ['id']);
    await refusedInput(cardId, () => call(name, { id: MALFORMED, version, input: inputs[type] }), 'id');
    await refusedInput(cardId, () => call(name, { id: toGlobalId('Referral', dbId(measures[type].id)), version, input: inputs[type] }), 'id');
    await refusedInput(cardId, () => call(name, { id: cardId, version, input: inputs[type] }), 'id');
  });

  it('subsidizedJobRecordDecision: another kind of measure is NOT_FOUND or BAD_USER_INPUT; unknown is NOT_FOUND', async () => {
    const version = await versionOf(cardId);
    const decision = { refusal: { refusedBy: 'EMPLOYER', refusedOn: '2026-03-10', reason: 'нет мест' } };
    await rejects(fixture.api, cardId, () => call('subsidizedJobRecordDecision', { id: toGlobalId('SubsidizedJob', dbId(measures.ProfessionalTraining.id)), version, input: decision }),
      'subsidizedJobRecordDecision', 'NOT_FOUND', ['id']);
    await refusedInput(cardId, () => call('subsidizedJobRecordDecision', { id: measures.Relocation.id, version, input: decision }), 'id');
    await rejects(fixture.api, cardId, () => call('subsidizedJobRecordDecision', { id: toGlobalId('SubsidizedJob', UNKNOWN), version, input: decision }),
      'subsidizedJobRecordDecision', 'NOT_FOUND', ['id']);
    await refusedInput(cardId, () => call('subsidizedJobRecordDecision', { id: MALFORMED, version, input: decision }), 'id');
  });

  it('activeMeasureRecordEmployment: an id of another section or malformed is BAD_USER_INPUT; an unknown one is NOT_FOUND', async () => {
    const version = await versionOf(cardId);
    const employment = { employedOn: '2026-06-01', employerName: 'ТОО «Береке»', position: 'кассир' };
    await refusedInput(cardId, () => call('activeMeasureRecordEmployment', { id: toGlobalId('Referral', dbId(measures.SubsidizedJob.id)), version, input: employment }), 'id');
    await refusedInput(cardId, () => call('activeMeasureRecordEmployment', { id: MALFORMED, version, input: employment }), 'id');
    for (const type of Object.keys(inputs)) {
      await rejects(fixture.api, cardId, () => call('activeMeasureRecordEmployment', { id: toGlobalId(type, UNKNOWN), version, input: employment }),
        'activeMeasureRecordEmployment', 'NOT_FOUND', ['id']);
    }
  });

  it('activeMeasureRecordEmployment: an id whose type is not the kind of the measure it names is NOT_FOUND', async () => {
    const version = await versionOf(cardId);
    const employment = { employedOn: '2026-06-01', employerName: 'ТОО «Береке»', position: 'кассир' };
    // As `node(id:)` does: a Relocation id of a subsidized-job row names nothing.
    const { node } = dataOf(await fixture.api.execute('query($id: ID!) { node(id: $id) { id } }', { id: toGlobalId('Relocation', dbId(measures.SubsidizedJob.id)) }));
    expect(node).toBeNull();
    await rejects(fixture.api, cardId, () => call('activeMeasureRecordEmployment', { id: toGlobalId('Relocation', dbId(measures.SubsidizedJob.id)), version, input: employment }),
      'activeMeasureRecordEmployment', 'NOT_FOUND', ['id']);
    await rejects(fixture.api, cardId, () => call('activeMeasureRecordEmployment', { id: toGlobalId('ProfessionalTraining', dbId(measures.EntrepreneurshipSupport.id)), version, input: employment }),
      'activeMeasureRecordEmployment', 'NOT_FOUND', ['id']);
  });

  it('the create mutations name cardId for an id of another type, and reject an unknown card (NOT_FOUND)', async () => {
    const creates: [Name, object][] = [
      ['professionalTrainingCreate', inputs.ProfessionalTraining], ['entrepreneurshipSupportCreate', inputs.EntrepreneurshipSupport],
      ['subsidizedJobCreate', inputs.SubsidizedJob], ['relocationCreate', inputs.Relocation],
    ];
    const version = await versionOf(cardId);
    for (const [name, input] of creates) {
      await refusedInput(cardId, () => call(name, { cardId: measures.Relocation.id, version, input }), 'cardId');
      await refusedInput(cardId, () => call(name, { cardId: MALFORMED, version, input }), 'cardId');
      await rejects(fixture.api, cardId, () => call(name, { cardId: toGlobalId('Card', UNKNOWN), version, input }), name, 'NOT_FOUND');
    }
  });
});
