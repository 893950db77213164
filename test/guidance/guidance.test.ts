import { beforeAll, describe, expect, it } from '@jest/globals';
import { parseGlobalId, toGlobalId } from '../../src/api/relay.ts';
import { TODAY } from '../support/api.ts';
import { aCard } from '../support/builders.ts';
import { BEFORE_BIRTH, rejects, TOMORROW, wholeCard } from '../support/keeping.ts';
import { dbId, sectionKit } from '../support/section-kit.ts';

const kit = sectionKit();
const { call, apply, newCard, versionOf, lastChange, entryIdChecks, staleCheck } = kit;

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
    const existing = (await wholeCard(kit.api, cardId)).careerGuidance;
    const payload = await apply('careerGuidanceAdd', { cardId, version: 1, input: session });
    entry = payload.careerGuidance;
    expect(entry).toEqual({ id: expect.any(String), ...session });
    expect(parseGlobalId(entry.id)?.type).toBe('CareerGuidance');
    expect(payload.card).toEqual({ id: cardId, version: 2, careerGuidance: [...existing, entry] });
    expect((await wholeCard(kit.api, cardId)).careerGuidance).toEqual([...existing, entry]);
    expect(await lastChange(cardId)).toEqual([expect.objectContaining({ action: 'careerGuidanceAdd', part: 'careerGuidance', entryId: entry.id, oldValue: null })]);
  });

  it('careerGuidanceCorrect corrects a session, the earlier value staying in the history', async () => {
    const corrected = { bodyName: 'Мансап орталығы', heldOn: '2026-02-10', result: 'сварщик' };
    const payload = await apply('careerGuidanceCorrect', { id: entry.id, version: 2, input: corrected });
    expect(payload.careerGuidance).toEqual({ id: entry.id, ...corrected });
    expect(payload.card.version).toBe(3);
    expect((await wholeCard(kit.api, cardId)).careerGuidance).toContainEqual({ id: entry.id, ...corrected });
    expect(await lastChange(cardId)).toEqual([expect.objectContaining({
      action: 'careerGuidanceCorrect', entryId: entry.id,
      oldValue: expect.objectContaining({ heldOn: TODAY, result: 'рекомендовано обучение 1С' }),
      newValue: expect.objectContaining({ heldOn: '2026-02-10', result: 'сварщик' }),
    })]);
  });

  it('rejects a session in the future (IN_FUTURE) or before the birth date (BEFORE_BIRTH)', async () => {
    await rejects(kit.api, cardId, add({ heldOn: TOMORROW }), 'careerGuidanceAdd', 'IN_FUTURE', ['input', 'heldOn']);
    await rejects(kit.api, cardId, correct({ heldOn: '2027-01-01' }), 'careerGuidanceCorrect', 'IN_FUTURE', ['input', 'heldOn']);
    await rejects(kit.api, cardId, add({ heldOn: BEFORE_BIRTH }), 'careerGuidanceAdd', 'BEFORE_BIRTH', ['input', 'heldOn']);
    await rejects(kit.api, cardId, correct({ heldOn: '1970-01-01' }), 'careerGuidanceCorrect', 'BEFORE_BIRTH', ['input', 'heldOn']);
  });

  it('rejects empty texts (INVALID_VALUE)', async () => {
    await rejects(kit.api, cardId, add({ bodyName: '' }), 'careerGuidanceAdd', 'INVALID_VALUE', ['input', 'bodyName']);
    await rejects(kit.api, cardId, add({ result: '   ' }), 'careerGuidanceAdd', 'INVALID_VALUE', ['input', 'result']);
    await rejects(kit.api, cardId, correct({ result: '' }), 'careerGuidanceCorrect', 'INVALID_VALUE', ['input', 'result']);
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
