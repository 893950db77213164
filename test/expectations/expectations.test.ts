import { beforeAll, describe, expect, it } from '@jest/globals';
import { toGlobalId } from '../../src/api/relay.ts';
import { MALFORMED, PAYLOAD_ERRORS, rejects, UNKNOWN, wholeCard } from '../support/keeping.ts';
import { dbId, sectionKit } from '../support/section-kit.ts';

const kit = sectionKit();
const { call, apply, newCard, versionOf, lastChange, refusedInput, staleCheck } = kit;

// ---------------------------------------------------------------------------------------------
// §19 expectations

describe('§19 cardSetExpectations', () => {
  let cardId: string;
  const expectations = {
    wage: { desired: '400000', sufficientToStart: '320000.5', minimum: '250000.05' },
    workplace: { region: 'KZ-75', district: 'KZ-75-002', settlement: 'Алматы' },
    preferredPosition: 'бухгалтер', lessSuitablePosition: 'кассир', searchTime: 'DECENT_OPTION', searchMonths: 3,
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
      preferredPosition: 'бухгалтер', lessSuitablePosition: 'кассир', searchTime: 'DECENT_OPTION', searchMonths: 3,
    };
    expect(payload.card).toEqual({ id: cardId, version: 2, expectations: expected });
    const card = await wholeCard(kit.api, cardId);
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
      newValue: expect.objectContaining({ wage: { desired: '400000.00', sufficientToStart: '320000.50', minimum: '250000.05' }, searchTime: 'DECENT_OPTION', searchMonths: 3 }),
    }]);
  });

  it('corrects them (minimum equal to desired, no workplace), the earlier value staying in the history', async () => {
    const corrected = { wage: { desired: '250000.5', minimum: '250000.50' }, searchTime: 'WORST_OPTION', searchMonths: 0, preferredPosition: 'экономист' };
    const payload = await apply('cardSetExpectations', { id: cardId, version: 2, input: corrected });
    const expected = {
      wage: { desired: '250000.50', sufficientToStart: null, minimum: '250000.50' }, workplace: null,
      preferredPosition: 'экономист', lessSuitablePosition: null, searchTime: 'WORST_OPTION', searchMonths: 0,
    };
    expect(payload.card).toEqual({ id: cardId, version: 3, expectations: expected });
    expect((await wholeCard(kit.api, cardId)).expectations).toEqual(expected);
    expect(await lastChange(cardId)).toEqual([expect.objectContaining({
      part: 'expectations', oldValue: expect.objectContaining({ searchTime: 'DECENT_OPTION' }), newValue: expect.objectContaining({ searchTime: 'WORST_OPTION' }),
    })]);
  });

  it('clears them with null, the earlier value staying in the history', async () => {
    const payload = await apply('cardSetExpectations', { id: cardId, version: 3, input: null });
    expect(payload.card).toEqual({ id: cardId, version: 4, expectations: null });
    expect((await wholeCard(kit.api, cardId)).expectations).toBeNull();
    expect(await lastChange(cardId)).toEqual([expect.objectContaining({ part: 'expectations', oldValue: expect.objectContaining({ searchTime: 'WORST_OPTION' }), newValue: null })]);
    await apply('cardSetExpectations', { id: cardId, version: 4, input: expectations });
  });

  it('rejects a minimum wage above the desired one, compared as exact amounts (WAGE_ORDER)', async () => {
    await rejects(kit.api, cardId, set({ wage: { desired: '250000', minimum: '250000.01' } }), 'cardSetExpectations', 'WAGE_ORDER', ['input', 'wage', 'minimum']);
    // Not a text comparison: "99999.99" sorts after "100000" as text.
    await rejects(kit.api, cardId, set({ wage: { desired: '99999.99', minimum: '100000' } }), 'cardSetExpectations', 'WAGE_ORDER', ['input', 'wage', 'minimum']);
  });

  it('rejects an unknown workplace region or district (UNKNOWN_CODE) and a district of another region (INVALID_VALUE)', async () => {
    await rejects(kit.api, cardId, set({ workplace: { region: 'KZ-99', settlement: 'Нигде' } }), 'cardSetExpectations', 'UNKNOWN_CODE', ['input', 'workplace', 'region']);
    await rejects(kit.api, cardId, set({ workplace: { region: 'KZ-75', district: 'KZ-75-999' } }), 'cardSetExpectations', 'UNKNOWN_CODE', ['input', 'workplace', 'district']);
    await rejects(kit.api, cardId, set({ workplace: { region: 'KZ-75', district: 'KZ-59-001' } }), 'cardSetExpectations', 'INVALID_VALUE', ['input', 'workplace', 'district']);
  });

  it('rejects empty position texts (INVALID_VALUE)', async () => {
    await rejects(kit.api, cardId, set({ preferredPosition: '  ' }), 'cardSetExpectations', 'INVALID_VALUE', ['input', 'preferredPosition']);
    await rejects(kit.api, cardId, set({ lessSuitablePosition: '' }), 'cardSetExpectations', 'INVALID_VALUE', ['input', 'lessSuitablePosition']);
  });

  it('refuses money that is negative or not exact as BAD_USER_INPUT, changing nothing', async () => {
    const version = await versionOf(cardId);
    for (const desired of ['-1.00', '1.005', 0.1 + 0.2]) {
      await refusedInput(cardId, () => call('cardSetExpectations', { id: cardId, version, input: { ...expectations, wage: { desired } } }), 'input');
    }
    await refusedInput(cardId, () => kit.api.execute(`mutation($id: ID!) { cardSetExpectations(id: $id, version: ${version}, input: { wage: { minimum: "-1.00" } }) { card { id } ${PAYLOAD_ERRORS} } }`, { id: cardId }),
      'input.wage.minimum');
  });

  it('§19.4 refuses a negative or fractional number of months of searching as BAD_USER_INPUT, changing nothing', async () => {
    const version = await versionOf(cardId);
    for (const searchMonths of [-1, 1.5]) {
      await refusedInput(cardId, () => call('cardSetExpectations', { id: cardId, version, input: { ...expectations, searchMonths } }), 'input');
    }
  });

  it('rejects a stale version (STALE_CARD)', async () => {
    await staleCheck(cardId, 'cardSetExpectations', (version) => ({ id: cardId, version, input: { wage: { desired: '1000000' } } }));
    await staleCheck(cardId, 'cardSetExpectations', (version) => ({ id: cardId, version, input: null }));
  });

  it('an id of another type or malformed is BAD_USER_INPUT; an unknown card is NOT_FOUND', async () => {
    const version = await versionOf(cardId);
    await refusedInput(cardId, () => call('cardSetExpectations', { id: toGlobalId('Visit', dbId(cardId)), version, input: expectations }), 'id');
    await refusedInput(cardId, () => call('cardSetExpectations', { id: MALFORMED, version, input: expectations }), 'id');
    await rejects(kit.api, cardId, () => call('cardSetExpectations', { id: toGlobalId('Card', UNKNOWN), version, input: expectations }), 'cardSetExpectations', 'NOT_FOUND', ['id']);
  });
});
