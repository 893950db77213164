import { beforeAll, describe, expect, it } from '@jest/globals';
import { aCard } from '../support/builders.ts';
import { parseGlobalId, toGlobalId } from '../../src/api/relay.ts';
import { BEFORE_BIRTH, rejects, TOMORROW, wholeCard } from '../support/keeping.ts';
import { dbId, sectionKit, type Name } from '../support/section-kit.ts';

const kit = sectionKit();
const { call, apply, newCard, versionOf, lastChange, entryIdChecks, staleCheck } = kit;

// ---------------------------------------------------------------------------------------------
// §14 referrals

describe('§14 referrals', () => {
  let cardId: string;
  const referral = { employerName: 'ТОО «Береке»', position: 'бухгалтер', referredOn: '2026-10-01' };
  const hiring = { orderDate: '2026-10-05', orderNumber: '45-к', position: 'бухгалтер' };
  const refusal = { refusedBy: 'EMPLOYER', refusedOn: '2026-10-03', reason: 'нет опыта' };
  const referrals = async () => (await wholeCard(kit.api, cardId)).referrals.edges.map((edge: any) => edge.node);
  /** A new referral without outcome. */
  const open = async (data: object = {}) => {
    const payload = await apply('referralCreate', { cardId, version: await versionOf(cardId), input: { ...referral, ...data } });
    return payload.referral;
  };

  beforeAll(async () => {
    cardId = await newCard(aCard().registered());
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
    await rejects(kit.api, cardId, create({ hiring }), 'referralCreate', 'INVALID_VALUE', ['input', 'outcome']);
    await rejects(kit.api, cardId, create({ refusal }), 'referralCreate', 'INVALID_VALUE', ['input', 'outcome']);
  });

  it('referralCreate rejects a future or pre-birth referral date and empty texts', async () => {
    const create = (data: object) => async () => call('referralCreate', { cardId, version: await versionOf(cardId), input: { ...referral, ...data } });
    await rejects(kit.api, cardId, create({ referredOn: TOMORROW }), 'referralCreate', 'IN_FUTURE', ['input', 'referredOn']);
    await rejects(kit.api, cardId, create({ referredOn: BEFORE_BIRTH }), 'referralCreate', 'BEFORE_BIRTH', ['input', 'referredOn']);
    await rejects(kit.api, cardId, create({ employerName: '  ' }), 'referralCreate', 'INVALID_VALUE', ['input', 'employerName']);
    await rejects(kit.api, cardId, create({ position: '' }), 'referralCreate', 'INVALID_VALUE', ['input', 'position']);
  });

  it('referralRecordHiring rejects an order dated before the referral (DATE_ORDER), in the future (IN_FUTURE), or with empty texts', async () => {
    const created = await open({ referredOn: '2026-10-10' });
    const record = (data: object) => async () => call('referralRecordHiring', { id: created.id, version: await versionOf(cardId), input: { ...hiring, ...data } });
    await rejects(kit.api, cardId, record({ orderDate: '2026-10-09' }), 'referralRecordHiring', 'DATE_ORDER', ['input', 'orderDate']);
    await rejects(kit.api, cardId, record({ orderDate: TOMORROW }), 'referralRecordHiring', 'IN_FUTURE', ['input', 'orderDate']);
    await rejects(kit.api, cardId, record({ orderDate: '2026-10-11', orderNumber: ' ' }), 'referralRecordHiring', 'INVALID_VALUE', ['input', 'orderNumber']);
    await rejects(kit.api, cardId, record({ orderDate: '2026-10-11', position: '' }), 'referralRecordHiring', 'INVALID_VALUE', ['input', 'position']);
  });

  it('referralRecordRefusal rejects a refusal dated before the referral (DATE_ORDER), in the future (IN_FUTURE), or without a reason', async () => {
    const created = await open({ referredOn: '2026-10-10' });
    const record = (data: object) => async () => call('referralRecordRefusal', { id: created.id, version: await versionOf(cardId), input: { ...refusal, ...data } });
    await rejects(kit.api, cardId, record({ refusedOn: '2026-10-09' }), 'referralRecordRefusal', 'DATE_ORDER', ['input', 'refusedOn']);
    await rejects(kit.api, cardId, record({ refusedBy: 'APPLICANT', refusedOn: '2026-10-01' }), 'referralRecordRefusal', 'DATE_ORDER', ['input', 'refusedOn']);
    await rejects(kit.api, cardId, record({ refusedOn: TOMORROW }), 'referralRecordRefusal', 'IN_FUTURE', ['input', 'refusedOn']);
    await rejects(kit.api, cardId, record({ refusedOn: '2026-10-12', reason: '   ' }), 'referralRecordRefusal', 'INVALID_VALUE', ['input', 'reason']);
  });

  it('rejects an outcome recorded twice (OUTCOME_ALREADY_RECORDED), whichever kind came first', async () => {
    const hired = await open({ referredOn: '2026-10-01' });
    await apply('referralRecordHiring', { id: hired.id, version: await versionOf(cardId), input: hiring });
    const refused = await open({ referredOn: '2026-10-01' });
    await apply('referralRecordRefusal', { id: refused.id, version: await versionOf(cardId), input: refusal });
    const again = (name: Name, id: string, input: object) => async () => call(name, { id, version: await versionOf(cardId), input });
    await rejects(kit.api, cardId, again('referralRecordHiring', hired.id, { ...hiring, orderNumber: '46-к' }), 'referralRecordHiring', 'OUTCOME_ALREADY_RECORDED', ['id']);
    await rejects(kit.api, cardId, again('referralRecordRefusal', hired.id, refusal), 'referralRecordRefusal', 'OUTCOME_ALREADY_RECORDED', ['id']);
    await rejects(kit.api, cardId, again('referralRecordRefusal', refused.id, { ...refusal, refusedBy: 'APPLICANT' }), 'referralRecordRefusal', 'OUTCOME_ALREADY_RECORDED', ['id']);
    await rejects(kit.api, cardId, again('referralRecordHiring', refused.id, hiring), 'referralRecordHiring', 'OUTCOME_ALREADY_RECORDED', ['id']);
  });

  it('referralCorrect rejects both hiring and refusal, or neither, as the outcome (INVALID_VALUE)', async () => {
    const created = await open();
    const correct = (outcome: object) => async () => call('referralCorrect', { id: created.id, version: await versionOf(cardId), input: { ...referral, outcome } });
    await rejects(kit.api, cardId, correct({ hiring, refusal }), 'referralCorrect', 'INVALID_VALUE', ['input', 'outcome']);
    await rejects(kit.api, cardId, correct({}), 'referralCorrect', 'INVALID_VALUE', ['input', 'outcome']);
  });

  it('referralCorrect rejects an outcome dated before the referral (DATE_ORDER), a future date, and empty texts', async () => {
    const created = await open();
    const correct = (data: object) => async () => call('referralCorrect', { id: created.id, version: await versionOf(cardId), input: { ...referral, ...data } });
    await rejects(kit.api, cardId, correct({ outcome: { hiring: { ...hiring, orderDate: '2026-09-30' } } }), 'referralCorrect', 'DATE_ORDER', ['input', 'outcome', 'hiring', 'orderDate']);
    await rejects(kit.api, cardId, correct({ outcome: { refusal: { ...refusal, refusedOn: '2026-09-30' } } }), 'referralCorrect', 'DATE_ORDER', ['input', 'outcome', 'refusal', 'refusedOn']);
    // Moving the referral after its outcome is the same disorder.
    await rejects(kit.api, cardId, correct({ referredOn: '2026-10-06', outcome: { hiring } }), 'referralCorrect', 'DATE_ORDER', ['input', 'outcome', 'hiring', 'orderDate']);
    await rejects(kit.api, cardId, correct({ referredOn: TOMORROW }), 'referralCorrect', 'IN_FUTURE', ['input', 'referredOn']);
    await rejects(kit.api, cardId, correct({ employerName: '' }), 'referralCorrect', 'INVALID_VALUE', ['input', 'employerName']);
    await rejects(kit.api, cardId, correct({ outcome: { refusal: { ...refusal, reason: ' ' } } }), 'referralCorrect', 'INVALID_VALUE', ['input', 'outcome', 'refusal', 'reason']);
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
