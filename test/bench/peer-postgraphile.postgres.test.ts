import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parseGlobalId, toGlobalId } from '../../src/api/relay.ts';
import type { RunningPeer } from '../../src/bench/peer.ts';
import { startPostgraphile } from '../../src/bench/peers/postgraphile.ts';
import { CARD_BY_IIN, DEEP_LIST, MOBILE } from '../../src/bench/queries.ts';
import { kazakhstanDay } from '../../src/modules/base/clock.ts';
import { Territories } from '../../src/modules/dictionary/territories.ts';
import { seedDemoData } from '../../src/seed/seeder.ts';
import { servedApi, type Caller } from '../support/served-api.ts';
import { freePort } from '../support/ports.ts';

// PostGraphile v5, the benchmark's peer, on the same cards as the API: installed on demand (from
// the npm registry the first time, into node_modules/.cache), started as its own process, asked
// the mix's three queries in its own schema. Its answers must hold what the API's hold: the same
// cards in the same order, the same live entries of every section (voided ones left out), the
// same §12 status and §18 next visit on the mobile list.

const api = servedApi();
let peer: RunningPeer;
let center: { id: string; code: string };
let caseworker: Caller;
/** Rows voided before the queries (a visit, an education entry, a family member): no answer may hold them. */
let voided: { visit: string; education: string; member: string };

type Json = Record<string, any>;

async function ask(body: string): Promise<{ data: Json; bytes: number }> {
  const response = await fetch(peer.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const text = await response.text();
  expect(response.status).toBe(200);
  const answer = JSON.parse(text) as { data?: Json; errors?: unknown };
  expect(answer.errors).toBeUndefined();
  return { data: answer.data!, bytes: Buffer.byteLength(text) };
}

/** Every object below `value` (not `value` itself) for which `pick` gives a key. */
function keysBelow(value: unknown, pick: (object: Json) => string | null, top = true): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => keysBelow(item, pick, false));
  if (!value || typeof value !== 'object') return [];
  const key = top ? null : pick(value as Json);
  return [...(key ? [key] : []), ...Object.values(value).flatMap((child) => keysBelow(child, pick, false))];
}

/** The database ids of the entries of an API card (its career center aside), each once: §12's two lists and the footer's signatures name some twice. */
const apiEntries = (card: Json) => [...new Set(keysBelow(card, (object) => {
  const id = typeof object.id === 'string' ? parseGlobalId(object.id) : null;
  return id && id.type !== 'CareerCenter' ? `${id.type}:${id.id}` : null;
}))].map((key) => key.split(':')[1]!).sort();

/** The ids of the entries of a PostGraphile card: every row below it but its career center and §16.4's family members (which the API shows without an id). */
const peerEntries = (card: Json) => keysBelow({ ...card, careerCenter: null }, (object) => (object.rowId && !('ableToWork' in object) ? String(object.rowId) : null)).sort();

/** §16.4 family members by name: the API's under each relocation, PostGraphile's as the relocation's rows. */
const apiFamily = (card: Json) => keysBelow(card, (object) => ('ableToWork' in object ? object.fullName : null)).sort();
const peerFamily = (card: Json) => keysBelow(card, (object) => ('ableToWork' in object ? object.fullName : null)).sort();

beforeAll(async () => {
  const { orm } = api.db;
  // The demo's "today" is today, so that visits lie ahead for the mobile list's next visit.
  await seedDemoData(orm, await Territories.load(orm.em.fork()), { cards: 80, today: kazakhstanDay(new Date()) });
  const connection = orm.em.getConnection();
  // One center keeps them all: a full page of 50 for the deep list.
  [center] = await connection.execute<{ id: string; code: string }[]>('select id::text as id, code from career_center where id = (select min(career_center_id) from card)');
  await connection.execute('update card set career_center_id = ?', [center!.id]);
  caseworker = { role: 'CASEWORKER', subject: 'peer-caseworker', careerCenter: center!.code };
  // Rule 3: a visit, an education entry and a §16.4 family member voided, on cards of the deep list's page.
  const page = 'select id from card order by id limit 50';
  const voidOne = async (table: string, owned: string) => (await connection.execute<{ id: string }[]>(`update ${table} set voided_at = now(),
    voided_by = 'test', void_reason = 'peer test' where id = (select min(id) from ${table} where ${owned}) returning id::text as id`))[0]!.id;
  voided = {
    visit: await voidOne('visit', `card_id in (${page})`),
    education: await voidOne('education_entry', `card_id in (${page})`),
    member: await voidOne('relocation_family_member', `relocation_id in (select id from active_measure where card_id in (${page}))`),
  };
  peer = await startPostgraphile({ databaseUrl: api.db.url!, port: await freePort(), log: () => {} });
}, 300_000); // installing PostGraphile from the registry the first time takes about a minute

afterAll(async () => {
  await peer?.stop();
});

describe('PostGraphile v5 as the peer of the benchmark', () => {
  it('answers the deep list with the cards of the API in the same order, every live entry of every section and every column', async () => {
    const ours = await api.post(DEEP_LIST, { center: toGlobalId('CareerCenter', center.id), first: 50 }, caseworker);
    expect(ours.body.errors).toBeUndefined();
    const theirs = await ask(peer.requests.deepList(center.id, 50));
    const apiCards = (ours.body.data.cards.edges as Json[]).map((edge) => edge.node);
    const peerCards = (theirs.data.cards.edges as Json[]).map((edge) => edge.node);
    expect(peerCards).toHaveLength(50);
    expect(peerCards.map((card) => String(card.rowId))).toEqual(apiCards.map((card) => parseGlobalId(card.id)!.id));
    peerCards.forEach((card, n) => {
      expect(peerEntries(card)).toEqual(apiEntries(apiCards[n]!));
      expect(peerFamily(card)).toEqual(apiFamily(apiCards[n]!));
    });
    expect(peerCards.flatMap(peerEntries).length).toBeGreaterThan(500);
    expect(peerCards.flatMap((card) => card.visits.edges.map((edge: Json) => edge.node.rowId))).not.toContain(voided.visit);
    expect(peerCards.flatMap((card) => card.educationEntries.nodes.map((row: Json) => row.rowId))).not.toContain(voided.education);
    const members = peerCards.flatMap((card) => keysBelow(card, (object) => ('ableToWork' in object ? String(object.rowId) : null)));
    expect(members.length).toBeGreaterThan(0);
    expect(members).not.toContain(voided.member);
    // Every column, by PostGraphile's names (`planned_on` → `plannedOn`, `id` → `rowId`): the card's; its center's and
    // a visit's but the bookkeeping that the API does not show either (when written, voiding, the import's key, the card's id).
    const columns = async (table: string, unshown: string[] = []) => (await api.db.orm.em.getConnection().execute<{ name: string }[]>(
      `select column_name as name from information_schema.columns where table_schema = 'public' and table_name = ?`, [table]))
      .filter(({ name }: { name: string }) => !unshown.includes(name))
      .map(({ name }: { name: string }) => (name === 'id' ? 'rowId' : name.replace(/_(\w)/g, (_: string, letter: string) => letter.toUpperCase()))).sort();
    const bookkeeping = ['created_at', 'updated_at', 'voided_at', 'voided_by', 'void_reason', 'source_id'];
    const card = peerCards[0]!;
    expect(Object.keys(card).filter((key) => typeof card[key] !== 'object' || card[key] === null || Array.isArray(card[key])).sort()).toEqual(await columns('card'));
    expect(Object.keys(card.careerCenter).sort()).toEqual(await columns('career_center', bookkeeping));
    expect(Object.keys(peerCards.flatMap((each) => each.visits.edges)[0].node).sort()).toEqual(await columns('visit', [...bookkeeping, 'card_id']));
  }, 60_000);

  it('answers one card by IIN with the same entries', async () => {
    const [{ iin, id }] = await api.db.orm.em.getConnection().execute<{ iin: string; id: string }[]>('select iin, id::text as id from card order by id desc limit 1');
    const ours = await api.post(CARD_BY_IIN, { iin }, caseworker);
    expect(ours.body.errors).toBeUndefined();
    const theirs = await ask(peer.requests.cardByIin(iin));
    expect(String(theirs.data.cardByIin.rowId)).toBe(id);
    expect(peerEntries(theirs.data.cardByIin)).toEqual(apiEntries(ours.body.data.cardByIin));
    expect(peerEntries(theirs.data.cardByIin).length).toBeGreaterThan(0);
  });

  it('answers the mobile list with the same cards, names, §12 status and §18 next planned visit', async () => {
    const ours = await api.post(MOBILE, { center: toGlobalId('CareerCenter', center.id), first: 20 }, caseworker);
    expect(ours.body.errors).toBeUndefined();
    const theirs = await ask(peer.requests.mobile(center.id, 20));
    const apiCards = (ours.body.data.cards.edges as Json[]).map((edge) => edge.node);
    const peerCards = (theirs.data.cards.edges as Json[]).map((edge) => edge.node);
    expect(peerCards).toHaveLength(20);
    // §12: UNEMPLOYED while an unemployed registration is open, else JOB_SEEKER, else NONE.
    const status = (kinds: string[]) => (kinds.includes('UNEMPLOYED') ? 'UNEMPLOYED' : kinds.includes('JOB_SEEKER') ? 'JOB_SEEKER' : 'NONE');
    expect(peerCards.map((card) => ({
      id: String(card.rowId),
      name: [card.surname, card.givenName, card.patronymic],
      status: status(card.openRegistrations.nodes.map((row: Json) => row.kind)),
      next: card.nextPlannedVisit.nodes[0]?.plannedOn ?? null,
    }))).toEqual(apiCards.map((card) => ({
      id: parseGlobalId(card.id)!.id,
      name: [card.fullName.surname, card.fullName.givenName, card.fullName.patronymic],
      status: card.registrationStatus,
      next: card.nextPlannedVisit?.plannedOn ?? null,
    })));
    // Not a comparison of empty answers.
    expect(apiCards.some((card) => card.nextPlannedVisit)).toBe(true);
    expect(apiCards.some((card) => card.registrationStatus !== 'NONE')).toBe(true);
  });
});
