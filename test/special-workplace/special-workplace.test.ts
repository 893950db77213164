import { beforeAll, describe, expect, it } from '@jest/globals';
import { parseGlobalId, toGlobalId } from '../../src/api/relay.ts';
import { TODAY } from '../support/api.ts';
import { BEFORE_BIRTH, rejects, TOMORROW, wholeCard } from '../support/keeping.ts';
import { dbId, sectionKit } from '../support/section-kit.ts';

const kit = sectionKit();
const { call, apply, newCard, versionOf, lastChange, entryIdChecks, staleCheck } = kit;

// ---------------------------------------------------------------------------------------------
// §17 special workplaces

describe('§17 special workplaces', () => {
  let cardId: string;
  const workplace = { employerName: 'ТОО «Инва Цех»', referredOn: '2026-10-01', participationPeriod: { start: '2026-10-05', end: null }, position: 'оператор' };
  const hiring = { orderDate: '2026-10-05', orderNumber: '7-ЛС', position: 'оператор' };
  const workplaces = async () => (await wholeCard(kit.api, cardId)).specialWorkplaces;
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
    await rejects(kit.api, cardId, make({ participationPeriod: { start: '2026-09-30' } }), 'specialWorkplaceCreate', 'DATE_ORDER', ['input', 'participationPeriod', 'start']);
    await rejects(kit.api, cardId, make({ participationPeriod: { start: '2026-10-05', end: '2026-10-04' } }), 'specialWorkplaceCreate', 'DATE_ORDER', ['input', 'participationPeriod', 'end']);
    await rejects(kit.api, cardId, make({ hiringAct: { ...hiring, orderDate: '2026-09-30' } }), 'specialWorkplaceCreate', 'DATE_ORDER', ['input', 'hiringAct', 'orderDate']);
    await rejects(kit.api, cardId, correct({ participationPeriod: { start: '2026-09-01' } }), 'specialWorkplaceCorrect', 'DATE_ORDER', ['input', 'participationPeriod', 'start']);
    await rejects(kit.api, cardId, correct({ hiringAct: { ...hiring, orderDate: '2026-09-30' } }), 'specialWorkplaceCorrect', 'DATE_ORDER', ['input', 'hiringAct', 'orderDate']);
    const record = async () => call('specialWorkplaceRecordHiring', { id: entry.id, version: await versionOf(cardId), input: { ...hiring, orderDate: '2026-09-30' } });
    await rejects(kit.api, cardId, record, 'specialWorkplaceRecordHiring', 'DATE_ORDER', ['input', 'orderDate']);
  });

  it('accepts a participation period that lies ahead (arranged for later)', async () => {
    const entry = await create({ referredOn: TODAY, participationPeriod: { start: TOMORROW, end: '2027-05-31' } });
    expect(entry).toEqual({ id: expect.any(String), ...workplace, referredOn: TODAY, participationPeriod: { start: TOMORROW, end: '2027-05-31' }, hiringAct: null });
    expect(await workplaces()).toContainEqual(entry);
    const planned = { ...workplace, referredOn: TODAY, participationPeriod: { start: '2027-01-10', end: '2027-01-09' } };
    await rejects(kit.api, cardId, async () => call('specialWorkplaceCreate', { cardId, version: await versionOf(cardId), input: planned }),
      'specialWorkplaceCreate', 'DATE_ORDER', ['input', 'participationPeriod', 'end']);
  });

  it('rejects future dates (IN_FUTURE), pre-birth dates (BEFORE_BIRTH) and empty texts (INVALID_VALUE)', async () => {
    const entry = await create();
    const make = (data: object) => async () => call('specialWorkplaceCreate', { cardId, version: await versionOf(cardId), input: { ...workplace, ...data } });
    await rejects(kit.api, cardId, make({ referredOn: TOMORROW, participationPeriod: null }), 'specialWorkplaceCreate', 'IN_FUTURE', ['input', 'referredOn']);
    await rejects(kit.api, cardId, make({ referredOn: BEFORE_BIRTH, participationPeriod: null }), 'specialWorkplaceCreate', 'BEFORE_BIRTH', ['input', 'referredOn']);
    await rejects(kit.api, cardId, make({ employerName: ' ' }), 'specialWorkplaceCreate', 'INVALID_VALUE', ['input', 'employerName']);
    await rejects(kit.api, cardId, make({ position: '' }), 'specialWorkplaceCreate', 'INVALID_VALUE', ['input', 'position']);
    const record = (data: object) => async () => call('specialWorkplaceRecordHiring', { id: entry.id, version: await versionOf(cardId), input: { ...hiring, ...data } });
    await rejects(kit.api, cardId, record({ orderDate: TOMORROW }), 'specialWorkplaceRecordHiring', 'IN_FUTURE', ['input', 'orderDate']);
    await rejects(kit.api, cardId, record({ orderNumber: '' }), 'specialWorkplaceRecordHiring', 'INVALID_VALUE', ['input', 'orderNumber']);
    const correct = (data: object) => async () => call('specialWorkplaceCorrect', { id: entry.id, version: await versionOf(cardId), input: { ...workplace, ...data } });
    await rejects(kit.api, cardId, correct({ referredOn: '2027-01-01', participationPeriod: null }), 'specialWorkplaceCorrect', 'IN_FUTURE', ['input', 'referredOn']);
    await rejects(kit.api, cardId, correct({ employerName: '' }), 'specialWorkplaceCorrect', 'INVALID_VALUE', ['input', 'employerName']);
  });

  it('rejects a hiring recorded twice (OUTCOME_ALREADY_RECORDED), also when it came with the referral', async () => {
    const recorded = await create();
    await apply('specialWorkplaceRecordHiring', { id: recorded.id, version: await versionOf(cardId), input: hiring });
    const hiredAtOnce = await create({ hiringAct: hiring });
    for (const entry of [recorded, hiredAtOnce]) {
      await rejects(kit.api, cardId, async () => call('specialWorkplaceRecordHiring', { id: entry.id, version: await versionOf(cardId), input: { ...hiring, orderNumber: '8-ЛС' } }),
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
