import { beforeAll, describe, expect, it } from '@jest/globals';
import { toGlobalId } from '../../src/api/relay.ts';
import { userErrorTexts } from '../../src/modules/base/user-error-texts.ts';
import { aCard, aCareerCenter } from '../support/builders.ts';
import { servedApi, type Caller } from '../support/served-api.ts';

// User errors in the request's language: a Kazakh or Russian text per code when `Accept-Language`
// prefers one, the English message (with the values at fault) otherwise; the code and the field
// path the same in every language.

const api = servedApi(() => ({ rateLimit: { perWindow: 0, windowSeconds: 60 } }));
let caseworker: Caller;
let cardId: string;

beforeAll(async () => {
  const center = await aCareerCenter(api.db.orm.em.fork(), { code: 'CC-LANG' });
  caseworker = { role: 'CASEWORKER', careerCenter: center.code, subject: 'cw-lang' };
  cardId = toGlobalId('Card', (await aCard().save(api.db.orm.em.fork(), center)).id);
});

const WAGES = `mutation($id: ID!, $version: Int!) { cardSetExpectations(id: $id, version: $version, input: { wage: { desired: "200000", minimum: "300000" } }) {
  card { id } userErrors { field code message } } }`;
const STALE = `mutation($id: ID!) { cardSetExpectations(id: $id, version: 999, input: null) { card { id } userErrors { field code message } } }`;

async function errors(query: string, language?: string) {
  const { status, body } = await api.post(query, { id: cardId, version: 1 }, { ...caseworker, language });
  expect(status).toBe(200);
  return body.data.cardSetExpectations.userErrors;
}

describe('user errors in the language of the request', () => {
  it('are in English, with the values at fault, when Accept-Language names neither Kazakh nor Russian (or is absent)', async () => {
    const english = [{ field: ['input', 'wage', 'minimum'], code: 'WAGE_ORDER', message: 'the minimum wage (300000.00) is above the desired one (200000.00)' }];
    expect(await errors(WAGES)).toEqual(english);
    expect(await errors(WAGES, 'en-US,en;q=0.9')).toEqual(english);
    expect(await errors(WAGES, 'de')).toEqual(english);
  });

  it('are in Kazakh or Russian when Accept-Language prefers one, by its weights; code and field unchanged', async () => {
    const kk = [{ field: ['input', 'wage', 'minimum'], code: 'WAGE_ORDER', message: 'Ең төменгі еңбекақы күтетін еңбекақыдан жоғары.' }];
    const ru = [{ field: ['input', 'wage', 'minimum'], code: 'WAGE_ORDER', message: 'Минимальная заработная плата выше желаемой.' }];
    expect(await errors(WAGES, 'kk')).toEqual(kk);
    expect(await errors(WAGES, 'kk-KZ,ru;q=0.5')).toEqual(kk);
    expect(await errors(WAGES, 'ru-RU')).toEqual(ru);
    expect(await errors(WAGES, 'en;q=1, ru;q=0.8, kk;q=0.3')).toEqual(ru);
    expect(await errors(STALE, 'ru')).toEqual([{ field: ['version'], code: 'STALE_CARD', message: userErrorTexts.STALE_CARD.ru }]);
    expect(await errors(STALE, 'kk')).toEqual([{ field: ['version'], code: 'STALE_CARD', message: userErrorTexts.STALE_CARD.kk }]);
  });

  it('every code has a Kazakh and a Russian text of its own', () => {
    for (const [code, { kk, ru }] of Object.entries(userErrorTexts)) {
      expect([code, kk.trim().length > 0, ru.trim().length > 0, kk !== ru]).toEqual([code, true, true, true]);
    }
    const kk = Object.values(userErrorTexts).map((text) => text.kk);
    expect(new Set(kk).size).toBe(kk.length);
  });
});
