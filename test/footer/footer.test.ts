import { beforeAll, describe, expect, it } from '@jest/globals';
import { toGlobalId } from '../../src/api/relay.ts';
import { TODAY } from '../support/api.ts';
import { aCard } from '../support/builders.ts';
import { MALFORMED, rejects, TOMORROW, UNKNOWN, wholeCard } from '../support/keeping.ts';
import { dbId, sectionKit } from '../support/section-kit.ts';

const kit = sectionKit();
const { call, apply, newCard, versionOf, lastChange, refusedInput, staleCheck } = kit;

// ---------------------------------------------------------------------------------------------
// Footer

describe('footer cardUpdateFooter', () => {
  let cardId: string;
  const footer = {
    organisation: { name: 'Центр карьеры Алмалинского района', address: 'Алматы, ул. Толе би, 155', phone: '+77272501010', email: 'almaly@career-center.kz' },
    filledOn: '2026-01-15',
  };
  const update = (data: object) => async () => call('cardUpdateFooter', { id: cardId, version: await versionOf(cardId), input: { ...footer, ...data } });

  beforeAll(async () => {
    cardId = await newCard(aCard({ openedOn: '2026-01-15' }));
  });

  it('sets the footer, filled on the day the card was opened: version + 1, the card reads back exactly the values given', async () => {
    const payload = await apply('cardUpdateFooter', { id: cardId, version: 1, input: footer });
    // The signatories are named by their signatures, not here: none yet.
    const expected = { organisation: footer.organisation, executor: null, head: null, filledOn: '2026-01-15' };
    expect(payload.card).toEqual({ id: cardId, version: 2, footer: expected });
    const card = await wholeCard(kit.api, cardId);
    expect(card.version).toBe(2);
    expect(card.footer).toEqual({ organisation: footer.organisation, keptBy: null, executor: null, head: null, filledOn: '2026-01-15', signatures: [] });
    expect(await lastChange(cardId)).toEqual([{
      action: 'cardUpdateFooter', part: 'footer', entryId: null, actor: 'caseworker-7',
      oldValue: { organisation: null, headName: null, filledOn: null },
      newValue: { organisation: footer.organisation, headName: null, filledOn: '2026-01-15' },
    }]);
  });

  it('corrects it, filled today; what is left out is cleared; the earlier value stays in the history', async () => {
    const corrected = { organisation: { name: 'Мансап орталығы' }, filledOn: TODAY };
    const payload = await apply('cardUpdateFooter', { id: cardId, version: 2, input: corrected });
    const expected = { organisation: { name: 'Мансап орталығы', address: null, phone: null, email: null }, executor: null, head: null, filledOn: TODAY };
    expect(payload.card).toEqual({ id: cardId, version: 3, footer: expected });
    expect((await wholeCard(kit.api, cardId)).footer).toEqual({ ...expected, keptBy: null, signatures: [] });
    expect(await lastChange(cardId)).toEqual([expect.objectContaining({
      part: 'footer', oldValue: expect.objectContaining({ organisation: footer.organisation }), newValue: expect.objectContaining({ organisation: expected.organisation, filledOn: TODAY }),
    })]);
    const bare = await apply('cardUpdateFooter', { id: cardId, version: 3, input: {} });
    expect(bare.card).toEqual({ id: cardId, version: 4, footer: { organisation: null, executor: null, head: null, filledOn: null } });
    await apply('cardUpdateFooter', { id: cardId, version: 4, input: footer });
  });

  it('rejects a filledOn before the card was opened (DATE_ORDER)', async () => {
    await rejects(kit.api, cardId, update({ filledOn: '2026-01-14' }), 'cardUpdateFooter', 'DATE_ORDER', ['input', 'filledOn']);
  });

  it('rejects a filledOn in the future (IN_FUTURE)', async () => {
    await rejects(kit.api, cardId, update({ filledOn: TOMORROW }), 'cardUpdateFooter', 'IN_FUTURE', ['input', 'filledOn']);
  });

  it('rejects empty texts (INVALID_VALUE)', async () => {
    await rejects(kit.api, cardId, update({ organisation: { ...footer.organisation, name: '  ' } }), 'cardUpdateFooter', 'INVALID_VALUE', ['input', 'organisation', 'name']);
    await rejects(kit.api, cardId, update({ organisation: { ...footer.organisation, address: '' } }), 'cardUpdateFooter', 'INVALID_VALUE', ['input', 'organisation', 'address']);
  });

  it('takes no signatory names: the signatures name them (BAD_USER_INPUT)', async () => {
    for (const name of ['executorName', 'headName']) {
      await refusedInput(cardId, () => call('cardUpdateFooter', { id: cardId, version: 1, input: { ...footer, [name]: 'Кто-то Другой' } }), 'input');
    }
  });

  it('rejects a stale version (STALE_CARD)', async () => {
    await staleCheck(cardId, 'cardUpdateFooter', (version) => ({ id: cardId, version, input: { ...footer, filledOn: TODAY } }));
  });

  it('an id of another type or malformed is BAD_USER_INPUT; an unknown card is NOT_FOUND', async () => {
    const version = await versionOf(cardId);
    await refusedInput(cardId, () => call('cardUpdateFooter', { id: toGlobalId('CardSignature', dbId(cardId)), version, input: footer }), 'id');
    await refusedInput(cardId, () => call('cardUpdateFooter', { id: MALFORMED, version, input: footer }), 'id');
    await rejects(kit.api, cardId, () => call('cardUpdateFooter', { id: toGlobalId('Card', UNKNOWN), version, input: footer }), 'cardUpdateFooter', 'NOT_FOUND', ['id']);
  });
});
