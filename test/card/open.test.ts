import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { toGlobalId } from '../../src/api/relay.ts';
import { Card } from '../../src/modules/card/card.entity.ts';
import { Registration } from '../../src/modules/registration/registration.entity.ts';
import { CASEWORKER, createTestApi, dataOf, TODAY, type TestApi } from '../support/api.ts';
import { aCareerCenter, nextIin } from '../support/builders.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { accepted, PAYLOAD_ERRORS, rejects, wholeCard } from '../support/keeping.ts';

// Rule 1 — `cardOpen`: a job seeker's application opens the card of a new IIN, or adds a new §12
// episode to the one card an IIN already has (and moves it to the receiving career center).

let db: TestDatabase;
let api: TestApi;
/** Two career centers: their database ids and global ids. */
let centerA: { id: string; gid: string };
let centerB: { id: string; gid: string };

beforeAll(async () => {
  db = await createTestDatabase();
  api = await createTestApi(db.orm);
  const em = db.orm.em.fork();
  const a = await aCareerCenter(em);
  const b = await aCareerCenter(em, { region: 'KZ-71', district: 'KZ-71-001', nameRu: 'Центр карьеры района Алматы (Астана)' });
  centerA = { id: a.id, gid: toGlobalId('CareerCenter', a.id) };
  centerB = { id: b.id, gid: toGlobalId('CareerCenter', b.id) };
});
afterAll(() => db.close());

const OPEN = `mutation($input: CardOpenInput!) { cardOpen(input: $input) {
  card { id version }
  registration { id kind status appliedOn registeredOn refusal { refusedOn } deregistration { deregisteredOn } }
  existingCard ${PAYLOAD_ERRORS}
} }`;

const REFUSE = `mutation($id: ID!, $version: Int!, $input: RegistrationRefuseInput!) {
  registrationRefuse(id: $id, version: $version, input: $input) { card { version } ${PAYLOAD_ERRORS} } }`;
const REGISTER = `mutation($id: ID!, $version: Int!, $on: Date!) {
  registrationRegister(id: $id, version: $version, input: { registeredOn: $on }) { card { version } ${PAYLOAD_ERRORS} } }`;
const DEREGISTER = `mutation($id: ID!, $version: Int!, $input: RegistrationDeregisterInput!) {
  registrationDeregister(id: $id, version: $version, input: $input) { card { version } ${PAYLOAD_ERRORS} } }`;

const HISTORY = `query($id: ID!) { card(id: $id) { history(first: 100) {
  totalCount edges { node { actor actorName action part entryId oldValue newValue } } } } }`;

type Input = Record<string, unknown>;

/** A complete, valid application (every optional field given). */
function application(iin: string, data: Input = {}): Input {
  return {
    iin, appliedOn: '2026-03-02', careerCenter: centerA.gid,
    fullName: { surname: 'Бекова', givenName: 'Айгерім', patronymic: 'Ерланқызы' },
    citizenship: 'KZ', nationality: 'қазақ',
    address: { region: 'KZ-75', district: 'KZ-75-002', settlement: 'Алматы', street: 'Абай даңғылы', house: '10', apartment: '5' },
    phone: '+77011234567', email: 'aigerim@example.kz',
    ...data,
  };
}

async function open(input: Input) {
  return accepted(await api.execute(OPEN, { input }), 'cardOpen');
}

async function history(cardId: string): Promise<any[]> {
  const { card } = dataOf(await api.execute(HISTORY, { id: cardId }));
  return card.history.edges.map((edge: any) => edge.node);
}

async function cardIdByIin(iin: string): Promise<string | null> {
  const { cardByIin } = dataOf(await api.execute(`query($iin: IIN!) { cardByIin(iin: $iin) { id } }`, { iin }));
  return cardByIin?.id ?? null;
}

/** Database truth: how many cards and §12 episodes this IIN has. */
async function stored(iin: string) {
  const em = db.orm.em.fork();
  const cards = await em.find(Card, { iin });
  const episodes = cards.length ? await em.find(Registration, { card: cards.map((c) => c.id), kind: 'JOB_SEEKER' }) : [];
  return { cards: cards.length, episodes };
}

/** A card opened on 2026-02-02 whose job-seeker application was refused on 2026-02-10 (version 2). */
async function cardWithRefusedEpisode(iin = nextIin('1990-05-17', 'MALE')) {
  const opened = await open(application(iin, { appliedOn: '2026-02-02' }));
  const refused = accepted(await api.execute(REFUSE, {
    id: opened.registration.id, version: 1, input: { refusedOn: '2026-02-10', reason: 'INCOMPLETE_DOCUMENTS' },
  }), 'registrationRefuse');
  expect(refused.card.version).toBe(2);
  return { iin, cardId: opened.card.id as string, registrationId: opened.registration.id as string };
}

describe('cardOpen for a new IIN', () => {
  it('opens a card at version 1 with §2–4 from the IIN, §1 and §5–9 as given and an APPLIED §12 episode', async () => {
    const iin = nextIin('1985-07-09', 'FEMALE');
    const opened = await open(application(iin, { appliedOn: '2026-03-02' }));
    expect(opened.existingCard).toBe(false);
    expect(opened.card.version).toBe(1);
    expect(opened.registration).toEqual({
      id: expect.any(String), kind: 'JOB_SEEKER', status: 'APPLIED', appliedOn: '2026-03-02', registeredOn: null, refusal: null, deregistration: null,
    });

    const card = await wholeCard(api, opened.card.id);
    expect(card).toMatchObject({
      id: opened.card.id, version: 1, openedOn: '2026-03-02', registrationStatus: 'NONE',
      iin, sex: 'FEMALE', birthDate: '1985-07-09',
      fullName: { surname: 'Бекова', givenName: 'Айгерім', patronymic: 'Ерланқызы' },
      citizenship: 'KZ', nationality: 'қазақ', phone: '+77011234567', email: 'aigerim@example.kz',
      careerCenter: { id: centerA.gid },
    });
    expect(card.address).toEqual({
      region: { code: 'KZ-75', kk: expect.any(String), ru: expect.any(String) },
      district: { code: 'KZ-75-002', kk: expect.any(String), ru: expect.any(String), region: { code: 'KZ-75' } },
      settlement: 'Алматы', street: 'Абай даңғылы', house: '10', apartment: '5',
    });
    expect(card.jobSeekerRegistrations).toEqual([opened.registration]);
    expect(card.unemployedRegistrations).toEqual([]);
    expect(await cardIdByIin(iin)).toBe(opened.card.id);
  });

  it('takes a male birth date in the 2000s from the IIN', async () => {
    const iin = nextIin('2004-12-31', 'MALE');
    const opened = await open(application(iin));
    const card = await wholeCard(api, opened.card.id);
    expect(card).toMatchObject({ sex: 'MALE', birthDate: '2004-12-31' });
  });

  it('records identity, careerCenter, the executor and the registration entry in the history, by the acting user, as cardOpen', async () => {
    const iin = nextIin('1985-07-10', 'FEMALE');
    const opened = await open(application(iin, { appliedOn: '2026-03-03' }));
    const records = await history(opened.card.id);
    expect(records).toHaveLength(4);
    for (const record of records) expect(record).toMatchObject({ actor: CASEWORKER.id, actorName: CASEWORKER.name, action: 'cardOpen', oldValue: null });
    const byPart = Object.fromEntries(records.map((r) => [r.part, r]));
    expect(Object.keys(byPart).sort()).toEqual(['careerCenter', 'executor', 'identity', 'registration']);
    // Footer: the caseworker who opens the card keeps it.
    expect(byPart.executor).toMatchObject({ entryId: null, newValue: { userId: CASEWORKER.id, fullName: CASEWORKER.name } });
    expect(byPart.identity).toMatchObject({
      entryId: null,
      newValue: {
        iin, sex: 'FEMALE', birthDate: '1985-07-10',
        fullName: { surname: 'Бекова', givenName: 'Айгерім', patronymic: 'Ерланқызы' },
        citizenship: 'KZ', nationality: 'қазақ',
        address: { region: 'KZ-75', district: 'KZ-75-002', settlement: 'Алматы', street: 'Абай даңғылы', house: '10', apartment: '5' },
        phone: '+77011234567', email: 'aigerim@example.kz',
      },
    });
    expect(byPart.careerCenter).toMatchObject({ entryId: null, newValue: { careerCenter: centerA.id, openedOn: '2026-03-03' } });
    expect(byPart.registration).toMatchObject({
      entryId: opened.registration.id,
      newValue: expect.objectContaining({ kind: 'JOB_SEEKER', appliedOn: '2026-03-03' }),
    });
    const episode = byPart.registration.newValue;
    expect([episode.registeredOn ?? null, episode.refusal ?? null, episode.deregistration ?? null]).toEqual([null, null, null]);
  });

  it('accepts an application dated today and leaves out the optional fields', async () => {
    const iin = nextIin('1979-01-01', 'MALE');
    const opened = await open({ iin, appliedOn: TODAY, careerCenter: centerA.gid, fullName: { surname: 'Омаров', givenName: 'Ерлан' } });
    const card = await wholeCard(api, opened.card.id);
    expect(card).toMatchObject({
      openedOn: TODAY, fullName: { surname: 'Омаров', givenName: 'Ерлан', patronymic: null },
      citizenship: null, nationality: null, address: null, phone: null, email: null,
    });
  });
});

describe('cardOpen for an IIN that has a card', () => {
  it('after a refusal: a new APPLIED episode on the same card, moved to the receiving center, version bumped', async () => {
    const { iin, cardId, registrationId } = await cardWithRefusedEpisode();
    const historyBefore = await history(cardId);
    const again = await open(application(iin, {
      appliedOn: '2026-04-01', careerCenter: centerB.gid, fullName: { surname: 'Басқа', givenName: 'Есім' },
    }));
    expect(again.existingCard).toBe(true);
    expect(again.card).toEqual({ id: cardId, version: 3 });
    expect(again.registration).toMatchObject({ kind: 'JOB_SEEKER', status: 'APPLIED', appliedOn: '2026-04-01' });
    expect(again.registration.id).not.toBe(registrationId);

    const card = await wholeCard(api, cardId);
    expect(card).toMatchObject({
      version: 3, openedOn: '2026-02-02', careerCenter: { id: centerB.gid },
      // §1 is only used when a new card is opened.
      fullName: { surname: 'Бекова', givenName: 'Айгерім', patronymic: 'Ерланқызы' },
    });
    expect(card.jobSeekerRegistrations.map((r: any) => [r.id, r.status, r.appliedOn])).toEqual([
      [registrationId, 'REFUSED', '2026-02-02'],
      [again.registration.id, 'APPLIED', '2026-04-01'],
    ]);
    expect(await cardIdByIin(iin)).toBe(cardId);
    expect((await stored(iin)).cards).toBe(1);

    const added = (await history(cardId)).slice(historyBefore.length);
    expect(added).toHaveLength(2);
    for (const record of added) expect(record).toMatchObject({ actor: CASEWORKER.id, actorName: CASEWORKER.name, action: 'cardOpen' });
    expect(added.find((r) => r.part === 'careerCenter')).toMatchObject({
      entryId: null,
      oldValue: { careerCenter: centerA.id, openedOn: '2026-02-02' },
      newValue: { careerCenter: centerB.id, openedOn: '2026-02-02' },
    });
    expect(added.find((r) => r.part === 'registration')).toMatchObject({
      entryId: again.registration.id, oldValue: null, newValue: expect.objectContaining({ kind: 'JOB_SEEKER', appliedOn: '2026-04-01' }),
    });
  });

  it('after a deregistration: a new episode on the same card; applying at the same center records no move', async () => {
    const iin = nextIin('1992-08-14', 'MALE');
    const opened = await open(application(iin, { appliedOn: '2026-02-02' }));
    accepted(await api.execute(REGISTER, { id: opened.registration.id, version: 1, on: '2026-02-05' }), 'registrationRegister');
    accepted(await api.execute(DEREGISTER, {
      id: opened.registration.id, version: 2, input: { deregisteredOn: '2026-05-20', reason: 'EMPLOYED' },
    }), 'registrationDeregister');
    const historyBefore = await history(opened.card.id);

    // The new application may be dated the very day the previous episode ended.
    const again = await open(application(iin, { appliedOn: '2026-05-20' }));
    expect(again).toMatchObject({ existingCard: true, card: { id: opened.card.id, version: 4 }, registration: { status: 'APPLIED', appliedOn: '2026-05-20' } });
    const card = await wholeCard(api, opened.card.id);
    expect(card.careerCenter.id).toBe(centerA.gid);
    expect(card.jobSeekerRegistrations.map((r: any) => r.status)).toEqual(['DEREGISTERED', 'APPLIED']);
    const added = (await history(opened.card.id)).slice(historyBefore.length);
    expect(added.map((r) => [r.part, r.action])).toEqual([['registration', 'cardOpen']]);
    expect((await stored(iin)).cards).toBe(1);
  });
});

describe('cardOpen and §15', () => {
  it('an open unemployed (§15) episode does not block a new job-seeker (§12) application', async () => {
    const { iin, cardId } = await cardWithRefusedEpisode();
    const applied = accepted(await api.execute(`mutation($id: ID!) {
      registrationApply(cardId: $id, version: 2, input: { kind: UNEMPLOYED, appliedOn: "2026-03-01" }) { card { version } ${PAYLOAD_ERRORS} } }`,
    { id: cardId }), 'registrationApply');
    expect(applied.card.version).toBe(3);
    const again = await open(application(iin, { appliedOn: '2026-04-01' }));
    expect(again).toMatchObject({ existingCard: true, card: { id: cardId, version: 4 } });
    const card = await wholeCard(api, cardId);
    expect(card.jobSeekerRegistrations.map((r: any) => r.status)).toEqual(['REFUSED', 'APPLIED']);
    expect(card.unemployedRegistrations.map((r: any) => r.status)).toEqual(['APPLIED']);
  });
});

describe('cardOpen rejections', () => {
  it('rejects a second application while the job-seeker episode is APPLIED', async () => {
    const iin = nextIin('1987-04-04', 'FEMALE');
    const opened = await open(application(iin));
    await rejects(api, opened.card.id, () => api.execute(OPEN, { input: application(iin, { appliedOn: '2026-03-05' }) }),
      'cardOpen', 'REGISTRATION_ALREADY_OPEN');
    expect((await stored(iin)).episodes).toHaveLength(1);
  });

  it('at another center, a second application moves the card there and the open episode continues: nothing is refused', async () => {
    const iin = nextIin('1987-04-06', 'FEMALE');
    const opened = await open(application(iin));
    const moved = accepted(await api.execute(`mutation($input: CardOpenInput!) { cardOpen(input: $input) {
      card { id careerCenter { id } } registration { id } transfer { ground } ${PAYLOAD_ERRORS} } }`,
    { input: application(iin, { appliedOn: '2026-03-05', careerCenter: centerB.gid }) }), 'cardOpen');
    expect(moved).toMatchObject({ card: { id: opened.card.id, careerCenter: { id: centerB.gid } }, registration: { id: opened.registration.id }, transfer: { ground: 'PERSON_APPLIED' } });
    expect((await stored(iin)).episodes).toHaveLength(1);
  });

  it('rejects a second application while the job-seeker episode is REGISTERED', async () => {
    const iin = nextIin('1987-04-05', 'FEMALE');
    const opened = await open(application(iin));
    accepted(await api.execute(REGISTER, { id: opened.registration.id, version: 1, on: '2026-03-04' }), 'registrationRegister');
    await rejects(api, opened.card.id, () => api.execute(OPEN, { input: application(iin, { appliedOn: '2026-06-01' }) }),
      'cardOpen', 'REGISTRATION_ALREADY_OPEN');
  });

  it('rejects a new application dated before the end of the previous episode (refused)', async () => {
    const { iin, cardId } = await cardWithRefusedEpisode();
    await rejects(api, cardId, () => api.execute(OPEN, { input: application(iin, { appliedOn: '2026-02-09' }) }),
      'cardOpen', 'DATE_ORDER', ['input', 'appliedOn']);
  });

  it('rejects a new application dated before the end of the previous episode (deregistered)', async () => {
    const iin = nextIin('1993-01-20', 'MALE');
    const opened = await open(application(iin, { appliedOn: '2026-02-02' }));
    accepted(await api.execute(REGISTER, { id: opened.registration.id, version: 1, on: '2026-02-05' }), 'registrationRegister');
    accepted(await api.execute(DEREGISTER, {
      id: opened.registration.id, version: 2, input: { deregisteredOn: '2026-05-20', reason: 'OWN_REQUEST' },
    }), 'registrationDeregister');
    await rejects(api, opened.card.id, () => api.execute(OPEN, { input: application(iin, { appliedOn: '2026-05-19' }) }),
      'cardOpen', 'DATE_ORDER', ['input', 'appliedOn']);
  });

  // Invalid applications: for a new IIN no card appears; for a known IIN the card stays as it was.
  const invalid: [string, (iin: string) => Input, string, string[]][] = [
    ['an application date in the future', (iin) => application(iin, { appliedOn: '2026-11-30' }), 'IN_FUTURE', ['input', 'appliedOn']],
    ['an application date before the birth date', (iin) => application(iin, { appliedOn: '1990-05-16' }), 'BEFORE_BIRTH', ['input', 'appliedOn']],
    ['an unknown career center', (iin) => application(iin, { careerCenter: toGlobalId('CareerCenter', '987654321') }), 'UNKNOWN_CODE', ['input', 'careerCenter']],
    ['an empty surname', (iin) => application(iin, { fullName: { surname: '   ', givenName: 'Айгерім' } }), 'INVALID_VALUE', ['input', 'fullName', 'surname']],
    ['an unknown region', (iin) => application(iin, { address: { region: 'KZ-99', settlement: 'Алматы' } }), 'UNKNOWN_CODE', ['input', 'address', 'region']],
    ['a district not in the region', (iin) => application(iin, { address: { region: 'KZ-71', district: 'KZ-75-002' } }), 'INVALID_VALUE', ['input', 'address', 'district']],
  ];

  it.each(invalid)('rejects %s for a new IIN and opens no card', async (_, input, code, path) => {
    const iin = nextIin('1990-05-17', 'MALE');
    const payload = dataOf(await api.execute(OPEN, { input: input(iin) })).cardOpen;
    expect(payload.userErrors).toEqual(expect.arrayContaining([expect.objectContaining({ code, field: path })]));
    expect(payload.card).toBeNull();
    expect(payload.registration).toBeNull();
    expect(await cardIdByIin(iin)).toBeNull();
    expect((await stored(iin)).cards).toBe(0);
  });

  it.each(invalid)('rejects %s for a known IIN and leaves its card unchanged', async (_, input, code, path) => {
    const { iin, cardId } = await cardWithRefusedEpisode(nextIin('1990-05-17', 'MALE'));
    // Sent to the other center, so that an accepted application would also move the card.
    const sent = input(iin);
    if (sent.careerCenter === centerA.gid) sent.careerCenter = centerB.gid;
    await rejects(api, cardId, () => api.execute(OPEN, { input: sent }), 'cardOpen', code, path);
  });

  it('answers a malformed career-center id with BAD_USER_INPUT and opens no card', async () => {
    const iin = nextIin('1990-05-17', 'FEMALE');
    for (const careerCenter of ['not-a-global-id', toGlobalId('Card', '1')]) {
      const result = await api.execute(OPEN, { input: application(iin, { careerCenter }) });
      expect(result.errors).toHaveLength(1);
      expect(result.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.careerCenter' });
      expect(result.data?.cardOpen ?? null).toBeNull();
    }
    expect(await cardIdByIin(iin)).toBeNull();
  });

  it('refuses a request without an actor with UNAUTHENTICATED and changes nothing', async () => {
    const iin = nextIin('1990-05-18', 'FEMALE');
    const result = await api.execute(OPEN, { input: application(iin) }, { actor: null });
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    expect(result.data?.cardOpen ?? null).toBeNull();
    expect(await cardIdByIin(iin)).toBeNull();
    expect((await stored(iin)).cards).toBe(0);

    const { iin: known, cardId } = await cardWithRefusedEpisode();
    const before = await wholeCard(api, cardId);
    const again = await api.execute(OPEN, { input: application(known, { appliedOn: '2026-06-01', careerCenter: centerB.gid }) }, { actor: null });
    expect(again.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    expect(await wholeCard(api, cardId)).toEqual(before);
  });
});

describe('cardOpen concurrency', () => {
  it('two simultaneous applications for one new IIN end with one card and at most one open episode', async () => {
    for (let round = 0; round < 5; round++) {
      const iin = nextIin('1995-10-10', round % 2 ? 'MALE' : 'FEMALE');
      const results = await Promise.all([
        api.execute(OPEN, { input: application(iin, { appliedOn: '2026-03-02' }) }),
        api.execute(OPEN, { input: application(iin, { appliedOn: '2026-03-03', careerCenter: centerB.gid }) }),
      ]);
      const payloads = results.map((result) => dataOf(result).cardOpen);
      const acceptedOnes = payloads.filter((p) => p.userErrors.length === 0);
      expect(acceptedOnes.length).toBeGreaterThanOrEqual(1);
      for (const p of payloads) {
        if (p.userErrors.length) {
          expect(p.userErrors).toEqual([expect.objectContaining({ code: 'REGISTRATION_ALREADY_OPEN' })]);
          expect(p.card).toBeNull();
        }
      }
      const { cards, episodes } = await stored(iin);
      expect(cards).toBe(1);
      const openEpisodes = episodes.filter((r) => !r.voidedAt && !r.refusal && !r.deregistration);
      expect(openEpisodes.length).toBeLessThanOrEqual(1);
      // Every accepted application is the one episode on the one card; the later one, received by
      // the other center, moved the card there and continues that episode.
      expect(episodes).toHaveLength(1);
      const cardId = await cardIdByIin(iin);
      for (const p of acceptedOnes) expect(p.card.id).toBe(cardId);
      const card = await wholeCard(api, cardId!);
      expect(card.jobSeekerRegistrations.filter((r: any) => r.status === 'APPLIED' || r.status === 'REGISTERED')).toHaveLength(1);
    }
  });
});
