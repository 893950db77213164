import { beforeAll, describe, expect, it } from '@jest/globals';
import { toGlobalId } from '../../src/api/relay.ts';
import { CASEWORKER, dataOf, TODAY, type GraphQLResult } from '../support/api.ts';
import { aCareerCenter, nextIin } from '../support/builders.ts';
import { accepted, PAYLOAD_ERRORS, rejects, wholeCard } from '../support/keeping.ts';
import { apiFixture } from '../support/fixture.ts';

// §12 (job seeker) and §15 (unemployed) — the lifecycle of one registration episode:
//
//   registrationApply (or cardOpen for §12) ──► APPLIED
//   APPLIED     ──registrationRegister──►   REGISTERED
//   APPLIED     ──registrationRefuse────►   REFUSED        (final)
//   REGISTERED  ──registrationDeregister─►  DEREGISTERED   (final)
//   any other step from any other state  ──► INVALID_TRANSITION
//
// An episode is open while APPLIED or REGISTERED; each kind has at most one open episode
// (REGISTRATION_ALREADY_OPEN), the two kinds are independent. Every date is a fact: not in the
// future (IN_FUTURE), not before the birth date (BEFORE_BIRTH), and not before the date it follows
// (registration and refusal after the application, deregistration after the registration:
// DATE_ORDER). The card's `registrationStatus` is UNEMPLOYED while a §15 episode is REGISTERED,
// else JOB_SEEKER while a §12 episode is REGISTERED, else NONE. `registrationCorrect` rewrites an
// episode as a whole; the result must be a state the lifecycle can reach.
// Every rejection leaves the whole card (sections, version, history) as it was.

let center: string;

const fixture = apiFixture();
beforeAll(async () => {
  center = toGlobalId('CareerCenter', (await aCareerCenter(fixture.db.orm.em.fork())).id);
});

type Kind = 'JOB_SEEKER' | 'UNEMPLOYED';
type State = 'APPLIED' | 'REGISTERED' | 'REFUSED' | 'DEREGISTERED';

const BIRTH_DATE = '1990-05-17';
const EPISODE = 'id kind status appliedOn registeredOn refusal { refusedOn reason note } deregistration { deregisteredOn reason note }';
const RESULT = `card { id version registrationStatus } registration { ${EPISODE} } ${PAYLOAD_ERRORS}`;

const OPEN = `mutation($input: CardOpenInput!) { cardOpen(input: $input) { ${RESULT} } }`;
const APPLY = `mutation($cardId: ID!, $version: Int!, $input: RegistrationApplyInput!) {
  registrationApply(cardId: $cardId, version: $version, input: $input) { ${RESULT} } }`;
const REGISTER = `mutation($id: ID!, $version: Int!, $input: RegistrationRegisterInput!) {
  registrationRegister(id: $id, version: $version, input: $input) { ${RESULT} } }`;
const REFUSE = `mutation($id: ID!, $version: Int!, $input: RegistrationRefuseInput!) {
  registrationRefuse(id: $id, version: $version, input: $input) { ${RESULT} } }`;
const DEREGISTER = `mutation($id: ID!, $version: Int!, $input: RegistrationDeregisterInput!) {
  registrationDeregister(id: $id, version: $version, input: $input) { ${RESULT} } }`;
const CORRECT = `mutation($id: ID!, $version: Int!, $input: RegistrationCorrectInput!) {
  registrationCorrect(id: $id, version: $version, input: $input) { ${RESULT} } }`;
const HISTORY = `query($id: ID!) { card(id: $id) { history(first: 100) {
  edges { node { actor actorName action part entryId oldValue newValue } } } } }`;

const run = {
  apply: (cardId: string, version: number, kind: Kind, appliedOn: string) => fixture.api.execute(APPLY, { cardId, version, input: { kind, appliedOn } }),
  register: (id: string, version: number, registeredOn: string) => fixture.api.execute(REGISTER, { id, version, input: { registeredOn } }),
  refuse: (id: string, version: number, input: object) => fixture.api.execute(REFUSE, { id, version, input }),
  deregister: (id: string, version: number, input: object) => fixture.api.execute(DEREGISTER, { id, version, input }),
  correct: (id: string, version: number, input: object) => fixture.api.execute(CORRECT, { id, version, input }),
};

/** A card being driven through the mutations: it remembers its current version. */
class Subject {
  readonly cardId: string;
  version: number;
  /** The §12 episode `cardOpen` started. */
  readonly jobSeeker: string;

  constructor(cardId: string, version: number, jobSeeker: string) {
    this.cardId = cardId;
    this.version = version;
    this.jobSeeker = jobSeeker;
  }

  /** Runs a mutation that must succeed, keeping the new version; returns its payload. */
  async ok(field: string, result: Promise<GraphQLResult>) {
    const payload = accepted(await result, field);
    expect(payload.card.version).toBe(this.version + 1);
    this.version = payload.card.version;
    return payload;
  }

  apply(kind: Kind, appliedOn: string) {
    return this.ok('registrationApply', run.apply(this.cardId, this.version, kind, appliedOn));
  }
  register(id: string, registeredOn: string) {
    return this.ok('registrationRegister', run.register(id, this.version, registeredOn));
  }
  refuse(id: string, input: object) {
    return this.ok('registrationRefuse', run.refuse(id, this.version, input));
  }
  deregister(id: string, input: object) {
    return this.ok('registrationDeregister', run.deregister(id, this.version, input));
  }
  correct(id: string, input: object) {
    return this.ok('registrationCorrect', run.correct(id, this.version, input));
  }

  /** Runs a mutation that must be rejected with `code` (at `path`) and leave the card unchanged. */
  rejects(field: string, result: () => Promise<GraphQLResult>, code: string, path?: string[]) {
    return rejects(fixture.api, this.cardId, result, field, code, path);
  }

  async status(): Promise<string> {
    return (await wholeCard(fixture.api, this.cardId)).registrationStatus;
  }
}

/** Opens a card through `cardOpen` on `appliedOn`: version 1, one APPLIED §12 episode. */
async function openCard(appliedOn = '2026-03-02'): Promise<Subject> {
  const payload = accepted(await fixture.api.execute(OPEN, {
    input: { iin: nextIin(BIRTH_DATE, 'MALE'), appliedOn, careerCenter: center, fullName: { surname: 'Серікбаев', givenName: 'Нұрлан' } },
  }), 'cardOpen');
  expect(payload.card.version).toBe(1);
  return new Subject(payload.card.id, 1, payload.registration.id);
}

/**
 * A card with an episode of `kind` in `state`: applied 2026-03-02, registered 2026-03-05 or refused
 * 2026-03-06, deregistered 2026-04-10. For UNEMPLOYED the §12 episode is refused first.
 */
async function episodeIn(kind: Kind, state: State): Promise<{ subject: Subject; id: string }> {
  const subject = await openCard('2026-03-01');
  let id = subject.jobSeeker;
  if (kind === 'UNEMPLOYED') {
    await subject.refuse(subject.jobSeeker, { refusedOn: '2026-03-01', reason: 'EMPLOYED' });
    id = (await subject.apply('UNEMPLOYED', '2026-03-02')).registration.id;
  }
  if (state === 'REGISTERED' || state === 'DEREGISTERED') await subject.register(id, '2026-03-05');
  if (state === 'REFUSED') await subject.refuse(id, { refusedOn: '2026-03-06', reason: 'INCOMPLETE_DOCUMENTS' });
  if (state === 'DEREGISTERED') await subject.deregister(id, { deregisteredOn: '2026-04-10', reason: 'EMPLOYED' });
  const episodes = await episodesOf(subject, kind);
  expect(episodes.find((e: any) => e.id === id).status).toBe(state);
  return { subject, id };
}

async function episodesOf(subject: Subject, kind: Kind): Promise<any[]> {
  const card = await wholeCard(fixture.api, subject.cardId);
  return kind === 'JOB_SEEKER' ? card.jobSeekerRegistrations : card.unemployedRegistrations;
}

async function history(cardId: string): Promise<any[]> {
  const { card } = dataOf(await fixture.api.execute(HISTORY, { id: cardId }));
  return card.history.edges.map((edge: any) => edge.node);
}

describe('§12 / §15 lifecycles', () => {
  it('apply → register → deregister (§12): statuses, dates, versions, card status and history', async () => {
    const subject = await openCard('2026-03-02');
    expect(await subject.status()).toBe('NONE');

    const registered = await subject.register(subject.jobSeeker, '2026-03-05');
    expect(registered.registration).toEqual({
      id: subject.jobSeeker, kind: 'JOB_SEEKER', status: 'REGISTERED', appliedOn: '2026-03-02', registeredOn: '2026-03-05', refusal: null, deregistration: null,
    });
    expect(registered.card).toMatchObject({ version: 2, registrationStatus: 'JOB_SEEKER' });

    const deregistered = await subject.deregister(subject.jobSeeker, { deregisteredOn: '2026-06-30', reason: 'OTHER', note: '  переехал к родителям ' });
    expect(deregistered.registration).toMatchObject({
      status: 'DEREGISTERED', registeredOn: '2026-03-05', refusal: null,
      deregistration: { deregisteredOn: '2026-06-30', reason: 'OTHER', note: 'переехал к родителям' },
    });
    expect(deregistered.card).toMatchObject({ version: 3, registrationStatus: 'NONE' });

    const card = await wholeCard(fixture.api, subject.cardId);
    expect(card.jobSeekerRegistrations).toEqual([deregistered.registration]);
    expect(card.unemployedRegistrations).toEqual([]);

    const steps = (await history(subject.cardId)).filter((r) => r.action !== 'cardOpen');
    expect(steps.map((r) => [r.action, r.part, r.entryId, r.actor, r.actorName])).toEqual([
      ['registrationRegister', 'registration', subject.jobSeeker, CASEWORKER.id, CASEWORKER.name],
      ['registrationDeregister', 'registration', subject.jobSeeker, CASEWORKER.id, CASEWORKER.name],
    ]);
    expect(steps[0].oldValue).toMatchObject({ kind: 'JOB_SEEKER', appliedOn: '2026-03-02' });
    expect(steps[0].oldValue.registeredOn ?? null).toBeNull();
    expect(steps[0].newValue).toMatchObject({ appliedOn: '2026-03-02', registeredOn: '2026-03-05' });
    expect(steps[1].oldValue).toMatchObject({ registeredOn: '2026-03-05', deregistration: null });
    expect(steps[1].newValue).toMatchObject({ deregistration: { deregisteredOn: '2026-06-30', reason: 'OTHER', note: 'переехал к родителям' } });
  });

  it('apply → refuse (§12): REFUSED is final and the card status stays NONE', async () => {
    const subject = await openCard('2026-03-02');
    const refused = await subject.refuse(subject.jobSeeker, { refusedOn: '2026-03-04', reason: 'FULL_TIME_STUDENT' });
    expect(refused.registration).toEqual({
      id: subject.jobSeeker, kind: 'JOB_SEEKER', status: 'REFUSED', appliedOn: '2026-03-02', registeredOn: null,
      refusal: { refusedOn: '2026-03-04', reason: 'FULL_TIME_STUDENT', note: null }, deregistration: null,
    });
    expect(refused.card).toMatchObject({ version: 2, registrationStatus: 'NONE' });
    const [step] = (await history(subject.cardId)).filter((r) => r.action === 'registrationRefuse');
    expect(step).toMatchObject({ part: 'registration', entryId: subject.jobSeeker, newValue: { refusal: { refusedOn: '2026-03-04', reason: 'FULL_TIME_STUDENT' } } });
  });

  it('apply → register → deregister (§15) beside an open §12 episode; the card status follows UNEMPLOYED > JOB_SEEKER > NONE', async () => {
    const subject = await openCard('2026-03-02');
    await subject.register(subject.jobSeeker, '2026-03-03');
    expect(await subject.status()).toBe('JOB_SEEKER');

    // The two kinds are independent: a §15 application while the §12 registration is open.
    const applied = await subject.apply('UNEMPLOYED', '2026-03-10');
    const unemployed = applied.registration.id;
    expect(applied.registration).toMatchObject({ kind: 'UNEMPLOYED', status: 'APPLIED', appliedOn: '2026-03-10' });
    expect(applied.card.registrationStatus).toBe('JOB_SEEKER');

    const registered = await subject.register(unemployed, '2026-03-12');
    expect(registered.registration).toMatchObject({ kind: 'UNEMPLOYED', status: 'REGISTERED', registeredOn: '2026-03-12' });
    expect(registered.card.registrationStatus).toBe('UNEMPLOYED');
    const card = await wholeCard(fixture.api, subject.cardId);
    expect(card.jobSeekerRegistrations.map((r: any) => r.status)).toEqual(['REGISTERED']);
    expect(card.unemployedRegistrations.map((r: any) => r.status)).toEqual(['REGISTERED']);
    expect(card.registrationStatus).toBe('UNEMPLOYED');

    const deregistered = await subject.deregister(unemployed, { deregisteredOn: '2026-05-01', reason: 'EMPLOYED' });
    expect(deregistered.registration).toMatchObject({ status: 'DEREGISTERED', deregistration: { deregisteredOn: '2026-05-01', reason: 'EMPLOYED', note: null } });
    expect(deregistered.card.registrationStatus).toBe('JOB_SEEKER');

    expect((await subject.deregister(subject.jobSeeker, { deregisteredOn: '2026-05-01', reason: 'EMPLOYED' })).card.registrationStatus).toBe('NONE');
  });

  it('apply → refuse (§15)', async () => {
    const subject = await openCard('2026-03-02');
    const applied = await subject.apply('UNEMPLOYED', '2026-03-02');
    const refused = await subject.refuse(applied.registration.id, { refusedOn: '2026-03-02', reason: 'OTHER', note: 'не готов приступить к работе' });
    expect(refused.registration).toMatchObject({
      kind: 'UNEMPLOYED', status: 'REFUSED', refusal: { refusedOn: '2026-03-02', reason: 'OTHER', note: 'не готов приступить к работе' },
    });
    expect(refused.card.registrationStatus).toBe('NONE');
  });

  it('an unemployed registration alone makes the card UNEMPLOYED', async () => {
    const { subject } = await episodeIn('UNEMPLOYED', 'REGISTERED');
    expect(await subject.status()).toBe('UNEMPLOYED');
  });

  it('accepts dates equal to the date they follow and dates of today', async () => {
    const subject = await openCard(TODAY);
    await subject.register(subject.jobSeeker, TODAY);
    const done = await subject.deregister(subject.jobSeeker, { deregisteredOn: TODAY, reason: 'OWN_REQUEST' });
    expect(done.registration).toMatchObject({ appliedOn: TODAY, registeredOn: TODAY, deregistration: { deregisteredOn: TODAY } });
  });

  it('after a refusal or a deregistration, a new episode of the kind may be applied for', async () => {
    const { subject, id } = await episodeIn('UNEMPLOYED', 'DEREGISTERED');
    const again = await subject.apply('UNEMPLOYED', '2026-05-01');
    expect(again.registration).toMatchObject({ kind: 'UNEMPLOYED', status: 'APPLIED' });
    expect(again.registration.id).not.toBe(id);
    await subject.refuse(again.registration.id, { refusedOn: '2026-05-02', reason: 'EMPLOYED' });
    const third = await subject.apply('UNEMPLOYED', '2026-06-01');
    expect((await episodesOf(subject, 'UNEMPLOYED')).map((e) => [e.id, e.status])).toEqual([
      [id, 'DEREGISTERED'], [again.registration.id, 'REFUSED'], [third.registration.id, 'APPLIED'],
    ]);
  });
});

describe('steps from a wrong state are INVALID_TRANSITION', () => {
  const cases: ['register' | 'refuse' | 'deregister', State][] = [
    ['register', 'REGISTERED'], ['register', 'REFUSED'], ['register', 'DEREGISTERED'],
    ['refuse', 'REGISTERED'], ['refuse', 'REFUSED'], ['refuse', 'DEREGISTERED'],
    ['deregister', 'APPLIED'], ['deregister', 'REFUSED'], ['deregister', 'DEREGISTERED'],
  ];
  const kinds: Kind[] = ['JOB_SEEKER', 'UNEMPLOYED'];
  const table = kinds.flatMap((kind) => cases.map(([step, state]) => [kind, step, state] as const));

  it.each(table)('%s: %s from %s', async (kind, step, state) => {
    const { subject, id } = await episodeIn(kind, state);
    const attempt = {
      register: () => run.register(id, subject.version, '2026-11-01'),
      refuse: () => run.refuse(id, subject.version, { refusedOn: '2026-11-01', reason: 'EMPLOYED' }),
      deregister: () => run.deregister(id, subject.version, { deregisteredOn: '2026-11-01', reason: 'EMPLOYED' }),
    }[step];
    const field = { register: 'registrationRegister', refuse: 'registrationRefuse', deregister: 'registrationDeregister' }[step];
    await subject.rejects(field, attempt, 'INVALID_TRANSITION', ['id']);
  });
});

describe('dates of the steps', () => {
  it('registration before the application → DATE_ORDER', async () => {
    const subject = await openCard('2026-03-02');
    await subject.rejects('registrationRegister', () => run.register(subject.jobSeeker, 1, '2026-03-01'), 'DATE_ORDER', ['input', 'registeredOn']);
  });

  it('refusal before the application → DATE_ORDER', async () => {
    const subject = await openCard('2026-03-02');
    await subject.rejects('registrationRefuse', () => run.refuse(subject.jobSeeker, 1, { refusedOn: '2026-03-01', reason: 'EMPLOYED' }), 'DATE_ORDER');
  });

  it('deregistration before the registration → DATE_ORDER', async () => {
    const { subject, id } = await episodeIn('JOB_SEEKER', 'REGISTERED');
    await subject.rejects('registrationDeregister', () => run.deregister(id, subject.version, { deregisteredOn: '2026-03-04', reason: 'EMPLOYED' }), 'DATE_ORDER');
  });

  it('an application in the future → IN_FUTURE', async () => {
    const subject = await openCard('2026-03-02');
    await subject.refuse(subject.jobSeeker, { refusedOn: '2026-03-03', reason: 'EMPLOYED' });
    await subject.rejects('registrationApply', () => run.apply(subject.cardId, subject.version, 'JOB_SEEKER', '2026-11-30'), 'IN_FUTURE', ['input', 'appliedOn']);
    await subject.rejects('registrationApply', () => run.apply(subject.cardId, subject.version, 'UNEMPLOYED', '2027-01-01'), 'IN_FUTURE', ['input', 'appliedOn']);
  });

  it('a registration in the future → IN_FUTURE', async () => {
    const subject = await openCard('2026-03-02');
    await subject.rejects('registrationRegister', () => run.register(subject.jobSeeker, 1, '2026-11-30'), 'IN_FUTURE', ['input', 'registeredOn']);
  });

  it('a refusal in the future → IN_FUTURE', async () => {
    const subject = await openCard('2026-03-02');
    await subject.rejects('registrationRefuse', () => run.refuse(subject.jobSeeker, 1, { refusedOn: '2026-11-30', reason: 'EMPLOYED' }), 'IN_FUTURE');
  });

  it('a deregistration in the future → IN_FUTURE', async () => {
    const { subject, id } = await episodeIn('UNEMPLOYED', 'REGISTERED');
    await subject.rejects('registrationDeregister', () => run.deregister(id, subject.version, { deregisteredOn: '2026-12-01', reason: 'EMPLOYED' }), 'IN_FUTURE');
  });

  it('an application before the birth date → BEFORE_BIRTH', async () => {
    const subject = await openCard('2026-03-02');
    await subject.rejects('registrationApply', () => run.apply(subject.cardId, 1, 'UNEMPLOYED', '1990-05-16'), 'BEFORE_BIRTH', ['input', 'appliedOn']);
    // The birth date itself is not before it.
    expect((await subject.apply('UNEMPLOYED', BIRTH_DATE)).registration.appliedOn).toBe(BIRTH_DATE);
  });

  it('a registration before the birth date → BEFORE_BIRTH', async () => {
    const subject = await openCard('2026-03-02');
    await subject.rejects('registrationRegister', () => run.register(subject.jobSeeker, 1, '1990-05-16'), 'BEFORE_BIRTH', ['input', 'registeredOn']);
  });

  // Episodes of one kind do not overlap (at most one open at a time): cardOpen rejects a §12
  // application dated before the end of the previous episode, and registrationApply must too.
  it.each(['JOB_SEEKER', 'UNEMPLOYED'] as const)('%s: registrationApply dated before the end of the previous episode of its kind → DATE_ORDER', async (kind) => {
    const { subject } = await episodeIn(kind, 'DEREGISTERED');
    // The episode was deregistered on 2026-04-10.
    await subject.rejects('registrationApply', () => run.apply(subject.cardId, subject.version, kind, '2026-04-09'), 'DATE_ORDER', ['input', 'appliedOn']);
  });
});

describe('reasons', () => {
  it('a refusal for OTHER needs a note → REQUIRED; a blank note → INVALID_VALUE', async () => {
    const subject = await openCard('2026-03-02');
    await subject.rejects('registrationRefuse', () => run.refuse(subject.jobSeeker, 1, { refusedOn: '2026-03-03', reason: 'OTHER' }), 'REQUIRED');
    await subject.rejects('registrationRefuse', () => run.refuse(subject.jobSeeker, 1, { refusedOn: '2026-03-03', reason: 'OTHER', note: '   ' }), 'INVALID_VALUE');
  });

  it('a deregistration for OTHER needs a note → REQUIRED; a blank note → INVALID_VALUE', async () => {
    const { subject, id } = await episodeIn('JOB_SEEKER', 'REGISTERED');
    await subject.rejects('registrationDeregister', () => run.deregister(id, subject.version, { deregisteredOn: '2026-04-01', reason: 'OTHER' }), 'REQUIRED');
    await subject.rejects('registrationDeregister', () => run.deregister(id, subject.version, { deregisteredOn: '2026-04-01', reason: 'OTHER', note: '' }), 'INVALID_VALUE');
  });
});

describe('user errors name the field of the mutation input at fault', () => {
  // RegistrationRefuseInput and RegistrationDeregisterInput are flat: their fields are
  // `input.refusedOn`, `input.deregisteredOn`, `input.note` (UserError.field: "Path of the input field at fault").
  it.each([
    ['DATE_ORDER', { refusedOn: '2026-03-01', reason: 'EMPLOYED' }, ['input', 'refusedOn']],
    ['IN_FUTURE', { refusedOn: '2026-11-30', reason: 'EMPLOYED' }, ['input', 'refusedOn']],
    ['REQUIRED', { refusedOn: '2026-03-03', reason: 'OTHER' }, ['input', 'note']],
  ])('registrationRefuse: %s at %j', async (code, input, path) => {
    const subject = await openCard('2026-03-02');
    await subject.rejects('registrationRefuse', () => run.refuse(subject.jobSeeker, 1, input), code, path);
  });

  it.each([
    ['DATE_ORDER', { deregisteredOn: '2026-03-04', reason: 'EMPLOYED' }, ['input', 'deregisteredOn']],
    ['IN_FUTURE', { deregisteredOn: '2026-11-30', reason: 'EMPLOYED' }, ['input', 'deregisteredOn']],
    ['REQUIRED', { deregisteredOn: '2026-04-01', reason: 'OTHER' }, ['input', 'note']],
  ])('registrationDeregister: %s at %j', async (code, input, path) => {
    const { subject, id } = await episodeIn('JOB_SEEKER', 'REGISTERED');
    await subject.rejects('registrationDeregister', () => run.deregister(id, subject.version, input), code, path);
  });
});

describe('one open episode per kind', () => {
  it('a second §12 application while one is APPLIED or REGISTERED → REGISTRATION_ALREADY_OPEN', async () => {
    const subject = await openCard('2026-03-02');
    await subject.rejects('registrationApply', () => run.apply(subject.cardId, 1, 'JOB_SEEKER', '2026-03-03'), 'REGISTRATION_ALREADY_OPEN');
    await subject.register(subject.jobSeeker, '2026-03-04');
    await subject.rejects('registrationApply', () => run.apply(subject.cardId, subject.version, 'JOB_SEEKER', '2026-03-05'), 'REGISTRATION_ALREADY_OPEN');
  });

  it('a second §15 application while one is APPLIED or REGISTERED → REGISTRATION_ALREADY_OPEN, while §12 stays independent', async () => {
    const subject = await openCard('2026-03-02');
    const unemployed = (await subject.apply('UNEMPLOYED', '2026-03-03')).registration.id;
    // Both kinds open at once.
    const card = await wholeCard(fixture.api, subject.cardId);
    expect(card.jobSeekerRegistrations.map((r: any) => r.status)).toEqual(['APPLIED']);
    expect(card.unemployedRegistrations.map((r: any) => r.status)).toEqual(['APPLIED']);
    await subject.rejects('registrationApply', () => run.apply(subject.cardId, subject.version, 'UNEMPLOYED', '2026-03-04'), 'REGISTRATION_ALREADY_OPEN');
    await subject.register(unemployed, '2026-03-05');
    await subject.rejects('registrationApply', () => run.apply(subject.cardId, subject.version, 'UNEMPLOYED', '2026-03-06'), 'REGISTRATION_ALREADY_OPEN');
    // Closing the §12 episode does not open the way for a second §15 one.
    await subject.refuse(subject.jobSeeker, { refusedOn: '2026-03-07', reason: 'EMPLOYED' });
    await subject.rejects('registrationApply', () => run.apply(subject.cardId, subject.version, 'UNEMPLOYED', '2026-03-08'), 'REGISTRATION_ALREADY_OPEN');
    // …but it does for a new §12 one.
    expect((await subject.apply('JOB_SEEKER', '2026-03-08')).registration).toMatchObject({ kind: 'JOB_SEEKER', status: 'APPLIED' });
  });
});

describe('voided episodes (Rule 3)', () => {
  const VOID = `mutation($id: ID!, $version: Int!) { cardEntryVoid(id: $id, version: $version, reason: "введено ошибочно") { card { version registrationStatus } ${PAYLOAD_ERRORS} } }`;

  it('a voided registration no longer counts for the card status nor blocks a new application, and cannot change', async () => {
    const { subject, id } = await episodeIn('UNEMPLOYED', 'REGISTERED');
    expect(await subject.status()).toBe('UNEMPLOYED');
    const voided = await subject.ok('cardEntryVoid', fixture.api.execute(VOID, { id, version: subject.version }));
    expect(voided.card.registrationStatus).toBe('NONE');
    expect(await episodesOf(subject, 'UNEMPLOYED')).toEqual([]);
    await subject.rejects('registrationDeregister', () => run.deregister(id, subject.version, { deregisteredOn: '2026-04-01', reason: 'EMPLOYED' }), 'VOIDED', ['id']);
    await subject.rejects('registrationCorrect', () => run.correct(id, subject.version, { appliedOn: '2026-03-02' }), 'VOIDED', ['id']);
    expect((await subject.apply('UNEMPLOYED', '2026-03-02')).registration).toMatchObject({ kind: 'UNEMPLOYED', status: 'APPLIED' });
  });
});

describe('version and identity of the target', () => {
  it('a stale version → STALE_CARD', async () => {
    const subject = await openCard('2026-03-02');
    await subject.register(subject.jobSeeker, '2026-03-03');
    await subject.rejects('registrationDeregister', () => run.deregister(subject.jobSeeker, 1, { deregisteredOn: '2026-03-04', reason: 'EMPLOYED' }), 'STALE_CARD', ['version']);
    await subject.rejects('registrationApply', () => run.apply(subject.cardId, 1, 'UNEMPLOYED', '2026-03-04'), 'STALE_CARD', ['version']);
    await subject.rejects('registrationCorrect', () => run.correct(subject.jobSeeker, 1, { appliedOn: '2026-03-01' }), 'STALE_CARD', ['version']);
  });

  it('an unknown episode → NOT_FOUND', async () => {
    const subject = await openCard('2026-03-02');
    await subject.rejects('registrationRegister', () => run.register(toGlobalId('Registration', '987654321'), 1, '2026-03-03'), 'NOT_FOUND', ['id']);
  });
});

describe('registrationCorrect', () => {
  it('fixes the dates of a registered episode and records the old and new episode', async () => {
    const { subject, id } = await episodeIn('JOB_SEEKER', 'REGISTERED');
    const corrected = await subject.correct(id, { appliedOn: '2026-02-27', registeredOn: '2026-03-02' });
    expect(corrected.registration).toEqual({
      id, kind: 'JOB_SEEKER', status: 'REGISTERED', appliedOn: '2026-02-27', registeredOn: '2026-03-02', refusal: null, deregistration: null,
    });
    expect(corrected.card.registrationStatus).toBe('JOB_SEEKER');
    const [record] = (await history(subject.cardId)).filter((r) => r.action === 'registrationCorrect');
    expect(record).toMatchObject({
      actor: CASEWORKER.id, part: 'registration', entryId: id,
      oldValue: { appliedOn: '2026-03-01', registeredOn: '2026-03-05' }, newValue: { appliedOn: '2026-02-27', registeredOn: '2026-03-02' },
    });
  });

  it('fixes a refusal (date, reason, note) and a deregistration', async () => {
    const refused = await episodeIn('UNEMPLOYED', 'REFUSED');
    const fixed = await refused.subject.correct(refused.id, {
      appliedOn: '2026-03-02', refusal: { refusedOn: '2026-03-03', reason: 'OTHER', note: 'не явился за решением' },
    });
    expect(fixed.registration).toMatchObject({
      status: 'REFUSED', registeredOn: null, refusal: { refusedOn: '2026-03-03', reason: 'OTHER', note: 'не явился за решением' },
    });

    const done = await episodeIn('JOB_SEEKER', 'DEREGISTERED');
    const redone = await done.subject.correct(done.id, {
      appliedOn: '2026-03-01', registeredOn: '2026-03-05', deregistration: { deregisteredOn: '2026-04-20', reason: 'MOVED_AWAY' },
    });
    expect(redone.registration).toMatchObject({ status: 'DEREGISTERED', deregistration: { deregisteredOn: '2026-04-20', reason: 'MOVED_AWAY', note: null } });
    expect(redone.card.registrationStatus).toBe('NONE');
  });

  it('may move an episode to another state the lifecycle can reach, and the card status follows', async () => {
    const { subject, id } = await episodeIn('UNEMPLOYED', 'DEREGISTERED');
    expect(await subject.status()).toBe('NONE');
    // The deregistration was entered by mistake: the person is still registered.
    const reopened = await subject.correct(id, { appliedOn: '2026-03-02', registeredOn: '2026-03-05' });
    expect(reopened.registration.status).toBe('REGISTERED');
    expect(reopened.card.registrationStatus).toBe('UNEMPLOYED');
  });

  it('rejects a refusal together with a registration date', async () => {
    const { subject, id } = await episodeIn('JOB_SEEKER', 'REGISTERED');
    await subject.rejects('registrationCorrect', () => run.correct(id, subject.version, {
      appliedOn: '2026-03-01', registeredOn: '2026-03-05', refusal: { refusedOn: '2026-03-05', reason: 'EMPLOYED' },
    }), 'INVALID_TRANSITION', ['input', 'refusal']);
  });

  it('rejects a deregistration without a registration', async () => {
    const { subject, id } = await episodeIn('JOB_SEEKER', 'DEREGISTERED');
    await subject.rejects('registrationCorrect', () => run.correct(id, subject.version, {
      appliedOn: '2026-03-01', deregistration: { deregisteredOn: '2026-04-10', reason: 'EMPLOYED' },
    }), 'INVALID_TRANSITION', ['input', 'deregistration']);
  });

  it('rejects dates out of order, in the future or before birth', async () => {
    const { subject, id } = await episodeIn('JOB_SEEKER', 'DEREGISTERED');
    const correct = (input: object) => () => run.correct(id, subject.version, input);
    const deregistration = { deregisteredOn: '2026-04-10', reason: 'EMPLOYED' };
    await subject.rejects('registrationCorrect', correct({ appliedOn: '2026-03-06', registeredOn: '2026-03-05', deregistration }), 'DATE_ORDER', ['input', 'registeredOn']);
    await subject.rejects('registrationCorrect', correct({
      appliedOn: '2026-03-01', registeredOn: '2026-03-05', deregistration: { ...deregistration, deregisteredOn: '2026-03-04' },
    }), 'DATE_ORDER', ['input', 'deregistration', 'deregisteredOn']);
    await subject.rejects('registrationCorrect', correct({
      appliedOn: '2026-03-01', registeredOn: '2026-03-05', deregistration: { ...deregistration, deregisteredOn: '2026-11-30' },
    }), 'IN_FUTURE', ['input', 'deregistration', 'deregisteredOn']);
    await subject.rejects('registrationCorrect', correct({ appliedOn: '1990-05-16', registeredOn: '2026-03-05', deregistration }), 'BEFORE_BIRTH', ['input', 'appliedOn']);
    await subject.rejects('registrationCorrect', correct({
      appliedOn: '2026-03-01', registeredOn: '2026-03-05', deregistration: { ...deregistration, reason: 'OTHER' },
    }), 'REQUIRED', ['input', 'deregistration', 'note']);
  });

  it('rejects a correction that would leave two open episodes of one kind', async () => {
    const subject = await openCard('2026-03-02');
    const first = subject.jobSeeker;
    await subject.refuse(first, { refusedOn: '2026-03-03', reason: 'EMPLOYED' });
    await subject.apply('JOB_SEEKER', '2026-04-01');
    // Undoing the refusal would make the first episode APPLIED again, or REGISTERED: both open.
    await subject.rejects('registrationCorrect', () => run.correct(first, subject.version, { appliedOn: '2026-03-02' }), 'REGISTRATION_ALREADY_OPEN');
    await subject.rejects('registrationCorrect', () => run.correct(first, subject.version, { appliedOn: '2026-03-02', registeredOn: '2026-03-03' }), 'REGISTRATION_ALREADY_OPEN');
    // An open episode of the other kind does not count.
    await subject.apply('UNEMPLOYED', '2026-04-02');
    const unemployed = (await episodesOf(subject, 'UNEMPLOYED'))[0].id;
    expect((await subject.correct(unemployed, { appliedOn: '2026-04-01' })).registration).toMatchObject({ status: 'APPLIED', appliedOn: '2026-04-01' });
  });
});
