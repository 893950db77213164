import { beforeAll, describe, expect, it } from '@jest/globals';
import { toGlobalId } from '../../src/api/relay.ts';
import type { Role } from '../../src/modules/access/principal.ts';
import type { CareerCenter } from '../../src/modules/career-center/career-center.entity.ts';
import { aCard, aCareerCenter, nextIin } from '../support/builders.ts';
import { servedApi, type Caller } from '../support/served-api.ts';

// Cards across career centers, tried as the reviewer did: a caseworker of one center who knows
// the IIN of a person whose card another center keeps. IINs are not secret; the card reaches
// another center only when the person applies there (Rule 1), and that move is on record.

const api = servedApi(() => ({ rateLimit: { perWindow: 0, windowSeconds: 60 } }));
let keeping: CareerCenter;
let receiving: CareerCenter;
const callers: Record<string, Caller> = {};

beforeAll(async () => {
  keeping = await aCareerCenter(api.db.orm.em.fork(), { code: 'CC-SEC-KEEP' });
  receiving = await aCareerCenter(api.db.orm.em.fork(), { code: 'CC-SEC-RECV', region: 'KZ-71', district: null });
  const staff: [string, Role, string | null][] = [
    ['receiver', 'CASEWORKER', receiving.code], ['receiving head', 'HEAD', receiving.code],
    ['keeper', 'CASEWORKER', keeping.code], ['keeping head', 'HEAD', keeping.code], ['analyst', 'ANALYST', null],
  ];
  for (const [who, role, careerCenter] of staff) callers[who] = { role, careerCenter, subject: who.replace(' ', '-') };
});

/** What the caller sees of an answer: its status and body (not its timing, which differs by nature). */
async function graphql(who: string, query: string, variables: Record<string, unknown> = {}) {
  const { status, body } = await api.post(query, variables, callers[who]);
  return { status, body };
}

const OPEN = `mutation($input: CardOpenInput!) { cardOpen(input: $input) {
  card { id careerCenter { code } phone visits { edges { node { note } } } }
  registration { appliedOn status }
  existingCard
  transfer { from { code } to { code } ground transferredBy role card { id } }
  userErrors { field code message } } }`;

const application = (iin: string, changes: Record<string, unknown> = {}) => ({
  iin, appliedOn: '2026-11-20', careerCenter: toGlobalId('CareerCenter', receiving.id), fullName: { surname: 'Кто-то', givenName: 'Другой' }, ...changes,
});

/** A card the other center keeps, with an open job-seeker registration, contacts and visits. */
async function cardKeptElsewhere(birthDate = '1984-04-04') {
  const card = await aCard({ iin: nextIin(birthDate), phone: '+77015550101' })
    .withRegistration('JOB_SEEKER', { appliedOn: '2026-03-01', registeredOn: '2026-03-02' })
    .withVisit({ note: 'обсудили вакансии' }).save(api.db.orm.em.fork(), keeping);
  return { iin: card.iin, id: toGlobalId('Card', card.id) };
}

/** The card as the center that keeps it sees it: where, which version, how much history. */
async function asKept(cardId: string) {
  const { body } = await graphql('keeper', `query($id: ID!) { card(id: $id) { careerCenter { code } version history(first: 100) { edges { node { action } } } } }`, { id: cardId });
  return body.data.card;
}

describe('a card kept by another center', () => {
  it('cannot be told apart from no card at all before the person applies: the same answers to every question and every refused application', async () => {
    const kept = await cardKeptElsewhere();
    const unknownIin = nextIin('1984-04-04');
    const before = await asKept(kept.id);
    const answersFor = async (iin: string) => [
      await graphql('receiver', `query($iin: IIN!) { cardByIin(iin: $iin) { id } }`, { iin }),
      await graphql('receiver', `{ cards(first: 100) { totalCount } }`),
      // Refused applications: a date in the future, another center's desk, a name with nothing in it, a date before anything on the card.
      await graphql('receiver', OPEN, { input: application(iin, { appliedOn: '2027-01-01' }) }),
      await graphql('receiver', OPEN, { input: application(iin, { careerCenter: toGlobalId('CareerCenter', keeping.id) }) }),
      await graphql('receiver', OPEN, { input: application(iin, { fullName: { surname: ' ', givenName: 'Другой' } }) }),
    ];
    expect(await answersFor(kept.iin)).toEqual(await answersFor(unknownIin));
    expect((await answersFor(kept.iin))[0]!.body).toEqual({ data: { cardByIin: null } });
    expect(await asKept(kept.id)).toEqual(before);
  });

  it('moves to the receiving center when the person applies there, and only then does its content reach it; an open registration continues', async () => {
    const kept = await cardKeptElsewhere('1979-09-09');
    const { status, body } = await graphql('receiver', OPEN, { input: application(kept.iin) });
    expect(status).toBe(200);
    expect(body.data.cardOpen).toEqual({
      card: { id: kept.id, careerCenter: { code: receiving.code }, phone: '+77015550101', visits: { edges: [{ node: { note: 'обсудили вакансии' } }] } },
      registration: { appliedOn: '2026-03-01', status: 'REGISTERED' },
      existingCard: true,
      transfer: {
        from: { code: keeping.code }, to: { code: receiving.code }, ground: 'PERSON_APPLIED',
        transferredBy: 'receiver', role: 'CASEWORKER', card: { id: kept.id },
      },
      userErrors: [],
    });
    // The center it left no longer reads it; the receiving one does.
    expect((await graphql('keeper', `query($id: ID!) { card(id: $id) { id } }`, { id: kept.id })).body.data.card).toBeNull();
    expect((await graphql('receiver', `query($iin: IIN!) { cardByIin(iin: $iin) { id } }`, { iin: kept.iin })).body.data.cardByIin).toEqual({ id: kept.id });
  });

  it('is added a new application when none is open, after the move', async () => {
    const card = await aCard({ iin: nextIin('1991-01-01') }).save(api.db.orm.em.fork(), keeping);
    const { body } = await graphql('receiver', OPEN, { input: application(card.iin) });
    expect(body.data.cardOpen).toMatchObject({ registration: { appliedOn: '2026-11-20', status: 'APPLIED' }, existingCard: true, transfer: { ground: 'PERSON_APPLIED' }, userErrors: [] });
  });

  it('moved by an application whose own date conflicts with the card: the move stands, the application is refused with the reason', async () => {
    const card = await aCard({ iin: nextIin('1975-05-05') })
      .withRegistration('JOB_SEEKER', { appliedOn: '2026-03-01', registeredOn: '2026-03-02', deregistration: { deregisteredOn: '2026-10-01', reason: 'EMPLOYED' } })
      .save(api.db.orm.em.fork(), keeping);
    const id = toGlobalId('Card', card.id);
    const SHORT = `mutation($input: CardOpenInput!) { cardOpen(input: $input) {
      card { id careerCenter { code } } registration { appliedOn } existingCard transfer { ground } userErrors { field code } } }`;
    const { body } = await graphql('receiver', SHORT, { input: application(card.iin, { appliedOn: '2026-09-15' }) });
    expect(body.data.cardOpen).toEqual({
      card: { id, careerCenter: { code: receiving.code } }, registration: null, existingCard: true, transfer: { ground: 'PERSON_APPLIED' },
      userErrors: [{ field: ['input', 'appliedOn'], code: 'DATE_ORDER' }],
    });
    // Applying again with the right date: the card is the caller's own now, nothing moves.
    const again = await graphql('receiver', SHORT, { input: application(card.iin) });
    expect(again.body.data.cardOpen).toEqual({
      card: { id, careerCenter: { code: receiving.code } }, registration: { appliedOn: '2026-11-20' }, existingCard: true, transfer: null, userErrors: [],
    });
  });
});

describe('the move is on record', () => {
  let kept: { iin: string; id: string };
  beforeAll(async () => {
    kept = await cardKeptElsewhere('1988-08-08');
    const { body } = await graphql('receiver', OPEN, { input: application(kept.iin) });
    expect(body.data.cardOpen.userErrors).toEqual([]);
  });

  it('in the card\'s history: who moved it, from which center to which', async () => {
    const { body } = await graphql('receiver', `query($id: ID!) { card(id: $id) { history(first: 100) { edges { node { action part actor oldValue newValue } } } } }`, { id: kept.id });
    const moves = body.data.card.history.edges.map((e: any) => e.node).filter((n: any) => n.part === 'careerCenter');
    expect(moves).toEqual([{
      action: 'cardOpen', part: 'careerCenter', actor: 'receiver',
      oldValue: expect.objectContaining({ careerCenter: keeping.id }),
      newValue: expect.objectContaining({ careerCenter: receiving.id }),
    }]);
  });

  it('in the read audit of both centers\' heads, the center it left seeing who took it and on what ground', async () => {
    const AUDIT = `query($card: ID!) { readAudit(first: 10, filter: { card: $card }) { edges { node { readBy role readerCareerCenter operationName transferGround cards } } } }`;
    const left = (await graphql('keeping head', AUDIT, { card: kept.id })).body.data.readAudit.edges.map((e: any) => e.node);
    expect(left).toContainEqual({ readBy: 'receiver', role: 'CASEWORKER', readerCareerCenter: receiving.code, operationName: null, transferGround: 'PERSON_APPLIED', cards: [kept.id] });
    const received = (await graphql('receiving head', AUDIT, { card: kept.id })).body.data.readAudit.edges.map((e: any) => e.node);
    expect(received).toContainEqual(expect.objectContaining({ readBy: 'receiver', readerCareerCenter: receiving.code, cards: [kept.id] }));
  });

  it('in the list of transfers of both centers\' heads; only the center that keeps the card reaches it from there', async () => {
    const TRANSFERS = `{ cardTransfers(first: 100) { edges { node { from { code } to { code } ground transferredBy role card { id } } } } }`;
    const expected = { from: { code: keeping.code }, to: { code: receiving.code }, ground: 'PERSON_APPLIED', transferredBy: 'receiver', role: 'CASEWORKER' };
    const left = (await graphql('keeping head', TRANSFERS)).body.data.cardTransfers.edges.map((e: any) => e.node);
    expect(left).toContainEqual({ ...expected, card: null });
    const received = (await graphql('receiving head', TRANSFERS)).body.data.cardTransfers.edges.map((e: any) => e.node);
    expect(received).toContainEqual({ ...expected, card: { id: kept.id } });
  });

  it('the list of transfers is the heads\' own: a caseworker or an analyst is refused', async () => {
    for (const who of ['receiver', 'analyst']) {
      const { body } = await graphql(who, `{ cardTransfers { edges { node { at } } } }`);
      expect(body.data).toBeNull();
      expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });
});
