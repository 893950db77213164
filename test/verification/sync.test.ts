import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { toGlobalId } from '../../src/api/relay.ts';
import { Card } from '../../src/modules/card/card.entity.ts';
import type { ChangeDeps } from '../../src/modules/card/card-change.ts';
import { CardHistory } from '../../src/modules/history/history.entity.ts';
import { HttpPersonRegistry } from '../../src/modules/verification/http-registry.ts';
import type { PersonRegistry } from '../../src/modules/verification/person-registry.ts';
import { syncVerifications, type SyncOptions, type SyncProgress } from '../../src/modules/verification/sync.ts';
import { registryActor } from '../../src/modules/verification/verification.service.ts';
import { createTestApi, TODAY, type TestApi } from '../support/api.ts';
import { aCard } from '../support/builders.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { accepted, PAYLOAD_ERRORS } from '../support/keeping.ts';
import { registryPerson, startRegistryServer, type RegistryServer } from '../support/registry-server.ts';
import { counted, growth } from '../support/metrics.ts';

// Rule 4 — `npm run sync` keeps the identities current: it re-checks the cards not confirmed
// lately, changes only those the registry disagrees with (recorded in the history as made by the
// registry), and leaves the version alone where only the outcome of the check changes.

let db: TestDatabase;
let registryServer: RegistryServer;
let registry: PersonRegistry;
let api: TestApi;

beforeAll(async () => {
  db = await createTestDatabase();
  registryServer = await startRegistryServer();
  // No test here waits for a timeout: a generous one keeps a busy machine's slow answers from
  // turning into 'pending' (seen at a load of 12–22 with a 200 ms timeout).
  registry = new HttpPersonRegistry({ baseUrl: registryServer.url, timeoutMs: 5000 });
  api = await createTestApi(db.orm);
});
afterAll(async () => {
  await registryServer.close();
  await db.close();
});

const DAY_MS = 24 * 60 * 60 * 1000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS);

function deps(): ChangeDeps & { registry: PersonRegistry } {
  return { em: db.orm.em.fork(), actor: registryActor(registry), territories: api.territories, now: () => new Date(), today: () => TODAY, registry };
}

type Agreement = 'agrees' | 'disagrees' | 'unknown' | 'down';

/**
 * A card whose person the registry answers about as told (after `delayMs`); `verifiedDaysAgo` for
 * one the registry confirmed then.
 */
async function cardThat(agreement: Agreement, { verifiedDaysAgo, delayMs }: { verifiedDaysAgo?: number; delayMs?: number } = {}): Promise<Card> {
  const verification = verifiedDaysAgo === undefined
    ? undefined
    : { status: 'VERIFIED', source: registry.name, verifiedAt: daysAgo(verifiedDaysAgo), checkedAt: daysAgo(verifiedDaysAgo), reason: null };
  const card = await aCard(verification ? { verification } : {}).save(db.orm.em.fork());
  const person = registryPerson(card.iin, {
    surname: card.fullName.surname, givenName: card.fullName.givenName, patronymic: card.fullName.patronymic, birthDate: card.birthDate,
    sex: card.sex, citizenship: card.citizenship, nationality: card.nationality,
  });
  if (agreement === 'agrees') registryServer.answer(card.iin, { json: person, delayMs });
  if (agreement === 'disagrees') registryServer.answer(card.iin, { json: { ...person, givenName: 'Нурлан', nationality: 'казах' }, delayMs });
  if (agreement === 'down') registryServer.answer(card.iin, { status: 503, json: {}, delayMs });
  return card;
}

/** Runs the sync over the cards created after `first` (earlier tests' cards stay out of it). */
function sync(first: Card, options: Partial<SyncOptions> = {}) {
  const progress: SyncProgress[] = [];
  const afterId = String(BigInt(first.id) - 1n);
  const run = syncVerifications(deps(), {
    olderThanDays: 30, batchSize: 200, concurrency: 8, afterId, onProgress: (p) => progress.push(p), ...options,
  });
  return run.then((totals) => ({ totals, progress }));
}

const stored = (card: Card) => db.orm.em.fork().findOneOrFail(Card, { id: card.id });
const historyOf = (card: Card) => db.orm.em.fork().find(CardHistory, { card: card.id }, { orderBy: { id: 'asc' } });

describe('npm run sync', () => {
  it('re-checks the cards not verified lately, changing only those the registry disagrees with', async () => {
    const agreeing = await cardThat('agrees');
    const disagreeing = await cardThat('disagrees');
    const recent = await cardThat('disagrees', { verifiedDaysAgo: 2 });
    const longAgo = await cardThat('agrees', { verifiedDaysAgo: 45 });
    const unknown = await cardThat('unknown');
    const down = await cardThat('down');
    const asked = registryServer.asked().length;
    const countedBefore = await counted('api_sync_cards_total');

    const { totals, progress } = await sync(agreeing, { batchSize: 2, concurrency: 3 });

    expect(totals).toMatchObject({ checked: 5, verified: 3, changed: 1, pending: 1, failed: 1 });
    // Per card checked, the verified ones whose identity the registry changed apart.
    expect(growth(countedBefore, await counted('api_sync_cards_total'))).toEqual({ verified: 2, changed: 1, pending: 1, failed: 1 });
    // Batches of two in id order: the recently verified card is not even read.
    expect(progress.map((p) => [p.lastId, p.checked])).toEqual([[disagreeing.id, 2], [unknown.id, 4], [down.id, 5]]);
    expect(registryServer.asked().slice(asked).sort()).toEqual([agreeing, disagreeing, longAgo, unknown, down].map((c) => c.iin).sort());

    const changed = await stored(disagreeing);
    expect(changed).toMatchObject({ version: disagreeing.version + 1, fullName: { givenName: 'Нурлан' }, nationality: 'казах' });
    expect(changed.verification).toMatchObject({ status: 'VERIFIED', source: registry.name, reason: null });
    const records = (await historyOf(disagreeing)).filter((record) => record.part === 'identity');
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      actor: 'system:person-registry', actorName: registry.name, action: 'registryVerification', part: 'identity', basedOnVersion: disagreeing.version,
      oldValue: expect.objectContaining({ fullName: disagreeing.fullName, nationality: 'қазақ' }),
      newValue: expect.objectContaining({ fullName: { ...disagreeing.fullName, givenName: 'Нурлан' }, nationality: 'казах' }),
    });

    for (const card of [agreeing, longAgo]) {
      const after = await stored(card);
      expect(after.version).toBe(card.version);
      expect(after.verification).toMatchObject({ status: 'VERIFIED', source: registry.name, reason: null });
      expect(after.verification.verifiedAt!.getTime()).toBeGreaterThan(daysAgo(1).getTime());
      // The identity is unchanged; only the check's outcome is recorded (§7 now checked: the registry gives no address).
      expect((await historyOf(card)).map((record) => record.part)).toEqual(['identityVerification']);
    }
    expect(await stored(recent)).toMatchObject({ version: recent.version, fullName: recent.fullName, verification: recent.verification });
    expect(await stored(unknown)).toMatchObject({ version: unknown.version, verification: { status: 'FAILED', reason: 'the person registry has no person with this IIN' } });
    expect(await stored(down)).toMatchObject({ version: down.version, verification: { status: 'PENDING', reason: 'the person registry answered HTTP 503' } });
  });

  it('checks every card with --all, however recently verified', async () => {
    const recent = await cardThat('disagrees', { verifiedDaysAgo: 1 });
    const { totals } = await sync(recent, { all: true });
    expect(totals).toMatchObject({ checked: 1, verified: 1, changed: 1 });
    expect(await stored(recent)).toMatchObject({ version: recent.version + 1, fullName: { givenName: 'Нурлан' } });
  });

  it('takes the age limit from --older-than-days', async () => {
    const tenDays = await cardThat('agrees', { verifiedDaysAgo: 10 });
    expect((await sync(tenDays, { olderThanDays: 30 })).totals.checked).toBe(0);
    expect((await sync(tenDays, { olderThanDays: 7 })).totals).toMatchObject({ checked: 1, verified: 1, changed: 0 });
  });

  it('re-checks cards pending or failed since their last confirmation', async () => {
    const pending = await cardThat('agrees', { verifiedDaysAgo: 3 });
    await db.orm.em.fork().nativeUpdate(Card, { id: pending.id }, { verification: { ...pending.verification, status: 'PENDING' }, version: pending.version } as never);
    const { totals } = await sync(pending);
    expect(totals).toMatchObject({ checked: 1, verified: 1 });
    expect((await stored(pending)).verification.status).toBe('VERIFIED');
  });

  it('does not bump the version for a status-only change: a caseworker based on that version still commits', async () => {
    const card = await cardThat('agrees');
    await sync(card);
    expect(await stored(card)).toMatchObject({ version: card.version, verification: { status: 'VERIFIED' } });
    const result = await api.execute(`mutation($id: ID!, $v: Int!) {
      cardUpdateIdentity(id: $id, version: $v, input: { fullName: { surname: "Серікбаев", givenName: "Нұрлан" }, phone: "+77015550101" }) {
        card { version } ${PAYLOAD_ERRORS} } }`, { id: toGlobalId('Card', card.id), v: card.version });
    expect(accepted(result, 'cardUpdateIdentity').card.version).toBe(card.version + 1);
  });

  it('asks the registry at most --concurrency at a time', async () => {
    const cards: Card[] = [];
    for (let i = 0; i < 6; i++) cards.push(await cardThat('agrees', { delayMs: 40 }));
    registryServer.maxInFlight = 0;
    const { totals } = await sync(cards[0]!, { concurrency: 2, batchSize: 4 });
    expect(totals).toMatchObject({ checked: 6, verified: 6 });
    expect(registryServer.maxInFlight).toBe(2);
  });

  it('resumes after a given card id', async () => {
    const first = await cardThat('agrees');
    const second = await cardThat('agrees');
    const { totals } = await sync(first, { afterId: first.id });
    expect(totals.checked).toBe(1);
    expect((await stored(first)).verification.status).toBe('PENDING');
    expect((await stored(second)).verification.status).toBe('VERIFIED');
  });

  it('once its signal is aborted, finishes the batch in hand, reads no other, and says where to continue', async () => {
    const cards: Card[] = [];
    for (let i = 0; i < 5; i++) cards.push(await cardThat('agrees'));
    const stop = new AbortController();
    const { totals } = await sync(cards[0]!, { batchSize: 2, signal: stop.signal, onProgress: () => stop.abort() });
    expect(totals).toMatchObject({ checked: 2, stopped: true, lastId: cards[1]!.id });
    expect((await Promise.all(cards.map(stored))).map((card) => card.verification.status)).toEqual(['VERIFIED', 'VERIFIED', 'PENDING', 'PENDING', 'PENDING']);
    const rest = await sync(cards[0]!, { afterId: totals.lastId });
    expect(rest.totals).toMatchObject({ checked: 3, stopped: false, lastId: cards[4]!.id });
  });
});
