import { beforeAll, describe, expect, it } from '@jest/globals';
import { toGlobalId } from '../../src/api/relay.ts';
import { MALFORMED, rejects, UNKNOWN } from '../support/keeping.ts';
import { dbId, sectionKit, type Name } from '../support/section-kit.ts';

const kit = sectionKit();
const { call, newCard, refusedInput } = kit;

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
      const errors = await rejects(kit.api, cardId, () => call(name, { cardId: toGlobalId('Card', UNKNOWN), version: 1, input }), name, 'NOT_FOUND');
      fields[name] = errors.map((error) => error.field);
    }
    expect(fields).toEqual(Object.fromEntries(adds.map(([name]) => [name, [['cardId']]])));
  });
});
