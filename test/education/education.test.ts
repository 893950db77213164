import { beforeAll, describe, expect, it } from '@jest/globals';
import { parseGlobalId, toGlobalId } from '../../src/api/relay.ts';
import { TODAY } from '../support/api.ts';
import { aCard } from '../support/builders.ts';
import { BEFORE_BIRTH, BIRTH, MALFORMED, rejects, TOMORROW, UNKNOWN, wholeCard } from '../support/keeping.ts';
import { dbId, sectionKit } from '../support/section-kit.ts';

const kit = sectionKit();
const { call, apply, newCard, versionOf, lastChange, refusedInput, entryIdChecks, staleCheck } = kit;

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
    const card = await wholeCard(kit.api, cardId);
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
    expect((await wholeCard(kit.api, cardId)).education.main).toEqual([first, second]);
  });

  it('mainEducationCorrect corrects an entry, the earlier value staying in the history', async () => {
    const corrected = { institutionName: 'Жалпы білім беретін №25 мектеп', level: 'GENERAL_SECONDARY', studyPeriod: { start: '1997-09-01', end: '2008-05-25' }, specialty: null };
    const payload = await apply('mainEducationCorrect', { id: second.id, version: 3, input: corrected });
    expect(payload.entry).toEqual({ id: second.id, ...corrected });
    expect(payload.card.version).toBe(4);
    // Chronological: the school (1997) now comes before the university (2008).
    expect((await wholeCard(kit.api, cardId)).education.main).toEqual([{ id: second.id, ...corrected }, first]);
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
    expect((await wholeCard(kit.api, cardId)).education.main).toContainEqual({ id: first.id, institutionName: 'ҚазҰТУ', level: 'HIGHER', studyPeriod: null, specialty: null });
    first = payload.entry;
  });

  const add = (data: object, version?: number) => async () => call('mainEducationAdd', { cardId, version: version ?? await versionOf(cardId), input: input(data) });
  const correct = (data: object) => async () => call('mainEducationCorrect', { id: first.id, version: await versionOf(cardId), input: input(data) });

  it('rejects a study period that ends before it starts (DATE_ORDER)', async () => {
    await rejects(kit.api, cardId, add({ studyPeriod: { start: '2012-09-01', end: '2012-08-31' } }), 'mainEducationAdd', 'DATE_ORDER', ['input', 'studyPeriod', 'end']);
    await rejects(kit.api, cardId, correct({ studyPeriod: { start: '2012-09-01', end: '2010-06-30' } }), 'mainEducationCorrect', 'DATE_ORDER', ['input', 'studyPeriod', 'end']);
  });

  it('rejects a study period in the future (IN_FUTURE)', async () => {
    await rejects(kit.api, cardId, add({ studyPeriod: { start: TOMORROW } }), 'mainEducationAdd', 'IN_FUTURE', ['input', 'studyPeriod', 'start']);
    await rejects(kit.api, cardId, correct({ studyPeriod: { start: '2020-09-01', end: TOMORROW } }), 'mainEducationCorrect', 'IN_FUTURE', ['input', 'studyPeriod', 'end']);
  });

  it('rejects a study period before the birth date (BEFORE_BIRTH)', async () => {
    await rejects(kit.api, cardId, add({ studyPeriod: { start: BEFORE_BIRTH, end: '1995-06-01' } }), 'mainEducationAdd', 'BEFORE_BIRTH', ['input', 'studyPeriod', 'start']);
    await rejects(kit.api, cardId, correct({ studyPeriod: { start: '1980-09-01', end: '1985-06-01' } }), 'mainEducationCorrect', 'BEFORE_BIRTH', ['input', 'studyPeriod', 'start']);
  });

  it('accepts a study period starting on the birth date and ending today', async () => {
    const version = await versionOf(cardId);
    const payload = await apply('mainEducationAdd', { cardId, version, input: input({ studyPeriod: { start: BIRTH, end: TODAY } }) });
    expect(payload.entry.studyPeriod).toEqual({ start: BIRTH, end: TODAY });
    expect(payload.card.version).toBe(version + 1);
  });

  it('rejects empty texts (INVALID_VALUE)', async () => {
    await rejects(kit.api, cardId, add({ institutionName: '   ' }), 'mainEducationAdd', 'INVALID_VALUE', ['input', 'institutionName']);
    await rejects(kit.api, cardId, add({ specialty: '' }), 'mainEducationAdd', 'INVALID_VALUE', ['input', 'specialty']);
    await rejects(kit.api, cardId, correct({ institutionName: '' }), 'mainEducationCorrect', 'INVALID_VALUE', ['input', 'institutionName']);
    await rejects(kit.api, cardId, correct({ specialty: ' \t ' }), 'mainEducationCorrect', 'INVALID_VALUE', ['input', 'specialty']);
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
    await rejects(kit.api, cardId, () => call('mainEducationCorrect', { id: toGlobalId('MainEducation', dbId(additional.id)), version: version + 1, input: university }),
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
    const before = await wholeCard(kit.api, cardId);
    const payload = await apply('additionalEducationAdd', { cardId, version: 1, input: course });
    entry = payload.entry;
    expect(entry).toEqual({ id: expect.any(String), ...course });
    expect(parseGlobalId(entry.id)?.type).toBe('AdditionalEducation');
    expect(payload.card).toEqual({ id: cardId, version: 2, education: { additional: [entry] } });
    const card = await wholeCard(kit.api, cardId);
    expect(card.education).toEqual({ main: before.education.main, additional: [entry] });
    expect(await lastChange(cardId)).toEqual([expect.objectContaining({ action: 'additionalEducationAdd', part: 'education', entryId: entry.id, oldValue: null })]);
  });

  it('additionalEducationCorrect corrects an entry, the earlier value staying in the history', async () => {
    const corrected = { organisationName: 'АО «Қазақтелеком»', kind: 'UPSKILLING', studyPeriod: { start: '2023-10-02', end: null }, specialty: null };
    const payload = await apply('additionalEducationCorrect', { id: entry.id, version: 2, input: corrected });
    expect(payload.entry).toEqual({ id: entry.id, ...corrected });
    expect(payload.card).toEqual({ id: cardId, version: 3, education: { additional: [{ id: entry.id, ...corrected }] } });
    expect((await wholeCard(kit.api, cardId)).education.additional).toEqual([{ id: entry.id, ...corrected }]);
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
    await rejects(kit.api, cardId, add({ studyPeriod: { start: '2024-02-01', end: '2024-01-31' } }), 'additionalEducationAdd', 'DATE_ORDER', ['input', 'studyPeriod', 'end']);
    await rejects(kit.api, cardId, correct({ studyPeriod: { start: '2024-02-01', end: '2023-01-31' } }), 'additionalEducationCorrect', 'DATE_ORDER', ['input', 'studyPeriod', 'end']);
    await rejects(kit.api, cardId, add({ studyPeriod: { start: TOMORROW } }), 'additionalEducationAdd', 'IN_FUTURE', ['input', 'studyPeriod', 'start']);
    await rejects(kit.api, cardId, correct({ studyPeriod: { start: '2026-11-01', end: '2027-01-01' } }), 'additionalEducationCorrect', 'IN_FUTURE', ['input', 'studyPeriod', 'end']);
    await rejects(kit.api, cardId, add({ studyPeriod: { start: '1989-01-01', end: '1989-02-01' } }), 'additionalEducationAdd', 'BEFORE_BIRTH', ['input', 'studyPeriod', 'start']);
  });

  it('rejects empty texts (INVALID_VALUE)', async () => {
    await rejects(kit.api, cardId, add({ organisationName: ' ' }), 'additionalEducationAdd', 'INVALID_VALUE', ['input', 'organisationName']);
    await rejects(kit.api, cardId, add({ specialty: '  ' }), 'additionalEducationAdd', 'INVALID_VALUE', ['input', 'specialty']);
    await rejects(kit.api, cardId, correct({ organisationName: '' }), 'additionalEducationCorrect', 'INVALID_VALUE', ['input', 'organisationName']);
  });

  it('rejects a stale version (STALE_CARD)', async () => {
    await staleCheck(cardId, 'additionalEducationAdd', (version) => ({ cardId, version, input: course }));
    await staleCheck(cardId, 'additionalEducationCorrect', (version) => ({ id: entry.id, version, input: course }));
  });

  it('additionalEducationCorrect: an id of another type or malformed is BAD_USER_INPUT; an unknown one is NOT_FOUND', async () => {
    const version = await versionOf(cardId);
    const main = (await wholeCard(kit.api, cardId)).education.main[0];
    await entryIdChecks(cardId, 'additionalEducationCorrect', (id) => ({ id, version, input: course }), 'AdditionalEducation', main.id);
    // An AdditionalEducation id of a main-education row names no additional-education entry.
    await rejects(kit.api, cardId, () => call('additionalEducationCorrect', { id: toGlobalId('AdditionalEducation', dbId(main.id)), version, input: course }),
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
    const card = await wholeCard(kit.api, cardId);
    expect(card.lastJob).toEqual(job);
    expect(card.version).toBe(2);
    expect(await lastChange(cardId)).toEqual([{ action: 'cardSetLastJob', part: 'lastJob', entryId: null, actor: 'caseworker-7', oldValue: null, newValue: job }]);
  });

  it('corrects it (hired and dismissed on one day, position left out), the earlier value staying in the history', async () => {
    const corrected = { employerName: 'ИП «Берік»', hiredOn: '2026-01-05', dismissedOn: '2026-01-05' };
    const payload = await apply('cardSetLastJob', { id: cardId, version: 2, input: corrected });
    expect(payload.card).toEqual({ id: cardId, version: 3, lastJob: { ...corrected, position: null } });
    expect((await wholeCard(kit.api, cardId)).lastJob).toEqual({ ...corrected, position: null });
    expect(await lastChange(cardId)).toEqual([expect.objectContaining({ part: 'lastJob', oldValue: job, newValue: { ...corrected, position: null } })]);
  });

  it('clears it with null, the earlier value staying in the history', async () => {
    const payload = await apply('cardSetLastJob', { id: cardId, version: 3, input: null });
    expect(payload.card).toEqual({ id: cardId, version: 4, lastJob: null });
    expect((await wholeCard(kit.api, cardId)).lastJob).toBeNull();
    expect(await lastChange(cardId)).toEqual([expect.objectContaining({
      action: 'cardSetLastJob', part: 'lastJob', oldValue: expect.objectContaining({ employerName: 'ИП «Берік»' }), newValue: null,
    })]);
    // Set again for the checks below, which must leave it untouched.
    await apply('cardSetLastJob', { id: cardId, version: 4, input: job });
  });

  it('rejects a dismissal before the hire (DATE_ORDER)', async () => {
    await rejects(kit.api, cardId, set({ hiredOn: '2020-06-01', dismissedOn: '2020-05-31' }), 'cardSetLastJob', 'DATE_ORDER', ['input', 'dismissedOn']);
  });

  it('rejects a hire or dismissal in the future (IN_FUTURE) or before the birth date (BEFORE_BIRTH)', async () => {
    await rejects(kit.api, cardId, set({ hiredOn: TOMORROW, dismissedOn: null }), 'cardSetLastJob', 'IN_FUTURE', ['input', 'hiredOn']);
    await rejects(kit.api, cardId, set({ dismissedOn: TOMORROW }), 'cardSetLastJob', 'IN_FUTURE', ['input', 'dismissedOn']);
    await rejects(kit.api, cardId, set({ hiredOn: BEFORE_BIRTH }), 'cardSetLastJob', 'BEFORE_BIRTH', ['input', 'hiredOn']);
  });

  it('rejects empty texts (INVALID_VALUE)', async () => {
    await rejects(kit.api, cardId, set({ employerName: '  ' }), 'cardSetLastJob', 'INVALID_VALUE', ['input', 'employerName']);
    await rejects(kit.api, cardId, set({ position: '' }), 'cardSetLastJob', 'INVALID_VALUE', ['input', 'position']);
  });

  it('rejects a stale version (STALE_CARD), including a clearing', async () => {
    await staleCheck(cardId, 'cardSetLastJob', (version) => ({ id: cardId, version, input: { employerName: 'ТОО «Новый»' } }));
    await staleCheck(cardId, 'cardSetLastJob', (version) => ({ id: cardId, version, input: null }));
  });

  it('an id of another type or malformed is BAD_USER_INPUT; an unknown card is NOT_FOUND', async () => {
    const version = await versionOf(cardId);
    await refusedInput(cardId, () => call('cardSetLastJob', { id: toGlobalId('Referral', dbId(cardId)), version, input: job }), 'id');
    await refusedInput(cardId, () => call('cardSetLastJob', { id: MALFORMED, version, input: job }), 'id');
    await rejects(kit.api, cardId, () => call('cardSetLastJob', { id: toGlobalId('Card', UNKNOWN), version, input: job }), 'cardSetLastJob', 'NOT_FOUND', ['id']);
  });
});
