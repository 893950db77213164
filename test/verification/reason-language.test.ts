import { beforeAll, describe, expect, it } from '@jest/globals';
import { toGlobalId } from '../../src/api/relay.ts';
import { verificationReasonLabels, verificationStatusLabels } from '../../src/modules/dictionary/codes.ts';
import { NO_REGISTRY_REASON } from '../../src/modules/verification/verification.service.ts';
import { aCareerCenter, nextIin } from '../support/builders.ts';
import { servedApi, type Caller } from '../support/served-api.ts';

// Rule 2 — why an identity is not verified, over HTTP: a code for programs (the same in every
// language) and words for people in the request's language — Kazakh or Russian when
// Accept-Language prefers one, else English with the detail. The codes are a dictionary too.

const api = servedApi(() => ({ rateLimit: { perWindow: 0, windowSeconds: 60 } }));
let caseworker: Caller;
let cardId: string;

const VERIFICATION = `query($id: ID!) { card(id: $id) { identityVerification { status reasonCode reason } } }`;

beforeAll(async () => {
  const center = await aCareerCenter(api.db.orm.em.fork(), { code: 'CC-REASON' });
  caseworker = { role: 'CASEWORKER', careerCenter: center.code, subject: 'cw-reason' };
  // Opened over HTTP on a server with no person registry configured: PENDING, NO_REGISTRY.
  const { body } = await api.post(`mutation($input: CardOpenInput!) { cardOpen(input: $input) { card { id } userErrors { code } } }`, {
    input: { iin: nextIin('1990-05-05'), appliedOn: '2026-11-20', careerCenter: toGlobalId('CareerCenter', center.id), fullName: { surname: 'Сапарова', givenName: 'Әсел' } },
  }, caseworker);
  expect(body.data.cardOpen.userErrors).toEqual([]);
  cardId = body.data.cardOpen.card.id;
});

const verification = async (language?: string) => (await api.post(VERIFICATION, { id: cardId }, { ...caseworker, language })).body.data.card.identityVerification;

describe('the reason an identity is not verified', () => {
  it('is told in English with its detail when Accept-Language prefers neither Kazakh nor Russian', async () => {
    expect(await verification()).toEqual({ status: 'PENDING', reasonCode: 'NO_REGISTRY', reason: NO_REGISTRY_REASON });
    expect(await verification('en-GB')).toEqual({ status: 'PENDING', reasonCode: 'NO_REGISTRY', reason: NO_REGISTRY_REASON });
  });

  it('is told in Kazakh or Russian when Accept-Language prefers one; the code stays the same', async () => {
    expect(await verification('kk-KZ')).toEqual({ status: 'PENDING', reasonCode: 'NO_REGISTRY', reason: verificationReasonLabels.NO_REGISTRY.kk });
    expect(await verification('ru,kk;q=0.5')).toEqual({ status: 'PENDING', reasonCode: 'NO_REGISTRY', reason: verificationReasonLabels.NO_REGISTRY.ru });
    expect(verificationReasonLabels.NO_REGISTRY.kk).toMatch(/тізілім/);
    expect(verificationReasonLabels.NO_REGISTRY.ru).toMatch(/[Рр]еестр/);
  });

  it('is, with the status, a code list that `dictionaries` serves with its labels', async () => {
    const { body } = await api.post(`{ dictionaries(names: [VERIFICATION_STATUS, VERIFICATION_REASON]) { name entries { code kk ru label } } }`, {}, { ...caseworker, language: 'ru' });
    const entries = (labels: Record<string, { kk: string; ru: string }>) => Object.entries(labels).map(([code, { kk, ru }]) => ({ code, kk, ru, label: ru }));
    expect(body.data.dictionaries).toEqual([
      { name: 'VERIFICATION_STATUS', entries: entries(verificationStatusLabels) },
      { name: 'VERIFICATION_REASON', entries: entries(verificationReasonLabels) },
    ]);
    expect(body.data.dictionaries[0].entries.map((e: { code: string }) => e.code)).toEqual(['VERIFIED', 'PENDING', 'FAILED']);
  });
});
