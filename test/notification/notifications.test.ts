import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parseGlobalId, toGlobalId } from '../../src/api/relay.ts';
import type { JobDefinition, JobQueue, JobRun } from '../../src/jobs/job.ts';
import { FileNotifier } from '../../src/modules/notification/file-notifier.ts';
import { HttpNotifier } from '../../src/modules/notification/http-notifier.ts';
import { Notification } from '../../src/modules/notification/notification.entity.ts';
import { DELIVER_JOB, DELIVER_RETRY, DISPATCH_JOB, notificationJobs } from '../../src/modules/notification/notification.jobs.ts';
import { notifierFrom } from '../../src/modules/notification/notifier-from-settings.ts';
import type { Notifier } from '../../src/modules/notification/notifier.ts';
import { readSettings } from '../../src/runtime/settings.ts';
import { Rejected, userError } from '../../src/modules/base/user-errors.ts';
import { changeCard } from '../../src/modules/card/card-change.ts';
import { createTestApi, dataOf, TODAY, type TestApi } from '../support/api.ts';
import { aCareerCenter, nextIin } from '../support/builders.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { accepted, PAYLOAD_ERRORS } from '../support/keeping.ts';
import { startNotificationGateway, type NotificationGateway } from '../support/notification-gateway.ts';

// Appendix 2, item 6 — the person is told when an application is decided, a visit planned or a
// referral made: a message in Kazakh and Russian is queued in the change's own transaction (an
// outbox row), and jobs deliver it to the gateway (a real local HTTP server here), once.

let db: TestDatabase;
let api: TestApi;
let gateway: NotificationGateway;
let center: string;
let centerCode: string;
let scratch: string;

beforeAll(async () => {
  db = await createTestDatabase();
  api = await createTestApi(db.orm);
  gateway = await startNotificationGateway();
  const keeping = await aCareerCenter(db.orm.em.fork());
  center = toGlobalId('CareerCenter', keeping.id);
  centerCode = keeping.code;
  scratch = await mkdtemp(join(tmpdir(), 'notifications-'));
});
afterAll(async () => {
  await gateway.close();
  await db.close();
  await rm(scratch, { recursive: true, force: true });
});

const CONTACTS = { phone: '+77011234567', email: 'erlan@example.kz' };
const OPEN = `mutation($input: CardOpenInput!) { cardOpen(input: $input) { card { id version } registration { id } ${PAYLOAD_ERRORS} } }`;
const REGISTER = `mutation($id: ID!, $version: Int!, $on: Date!) {
  registrationRegister(id: $id, version: $version, input: { registeredOn: $on }) { card { version } ${PAYLOAD_ERRORS} } }`;
const REFUSE = `mutation($id: ID!, $version: Int!) {
  registrationRefuse(id: $id, version: $version, input: { refusedOn: "2026-03-04", reason: INCOMPLETE_DOCUMENTS }) { card { version } ${PAYLOAD_ERRORS} } }`;
const PLAN = `mutation($id: ID!, $version: Int!, $on: Date!) { visitPlan(cardId: $id, version: $version, input: { plannedOn: $on }) { card { version } ${PAYLOAD_ERRORS} } }`;
const REFER = `mutation($id: ID!, $version: Int!) { referralCreate(cardId: $id, version: $version,
  input: { employerName: "ТОО Алатау Құрылыс", position: "Электрик", referredOn: "2026-03-10" }) { card { version } ${PAYLOAD_ERRORS} } }`;

/** A new card with an application (APPLIED) made on 2026-03-02. */
async function applied(contacts: object = CONTACTS) {
  const payload = accepted(await api.execute(OPEN, { input: {
    iin: nextIin('1990-05-17', 'MALE'), appliedOn: '2026-03-02', careerCenter: center,
    fullName: { surname: 'Оспанов', givenName: 'Ерлан' }, ...contacts,
  } }), 'cardOpen');
  return { id: payload.card.id as string, version: payload.card.version as number, registration: payload.registration.id as string };
}

/** A card registered as a job seeker on 2026-03-03. */
async function registered() {
  const card = await applied();
  const { card: after } = accepted(await api.execute(REGISTER, { id: card.registration, version: card.version, on: '2026-03-03' }), 'registrationRegister');
  return { ...card, version: after.version as number };
}

const localId = (id: string) => parseGlobalId(id)!.id;
const outbox = (cardId: string) => db.orm.em.fork().find(Notification, { card: localId(cardId) }, { orderBy: { id: 'asc' } });
const row = (id: string) => db.orm.em.fork().findOneOrFail(Notification, { id });

describe('each event queues one message, in Kazakh and Russian, with the change', () => {
  it('an application registered', async () => {
    const card = await applied();
    expect(await outbox(card.id)).toEqual([]);
    accepted(await api.execute(REGISTER, { id: card.registration, version: card.version, on: '2026-03-03' }), 'registrationRegister');
    const rows = await outbox(card.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      kind: 'REGISTRATION_REGISTERED', phone: CONTACTS.phone, email: CONTACTS.email, status: 'PENDING', attempts: 0, lastError: null, sentAt: null,
      textKk: 'Алмалы ауданының мансап орталығы: сіз 03.03.2026 бастап жұмыс іздеуші адам ретінде тіркелдіңіз.',
      textRu: 'Центр карьеры Алмалинского района: вы зарегистрированы в качестве лица, ищущего работу с 03.03.2026.',
    });
  });

  it('an application refused, with the reason', async () => {
    const card = await applied();
    accepted(await api.execute(REFUSE, { id: card.registration, version: card.version }), 'registrationRefuse');
    const rows = await outbox(card.id);
    expect(rows.map((r) => r.kind)).toEqual(['REGISTRATION_REFUSED']);
    expect(rows[0]!.textKk).toMatch(/02\.03\.2026 күнгі .* өтінішіңіз 04\.03\.2026 қабылданбады\. Себебі: Құжаттар топтамасы толық ұсынылмады\./);
    expect(rows[0]!.textRu).toMatch(/по заявлению от 02\.03\.2026 отказано 04\.03\.2026\. Причина: Представлен неполный пакет документов\./);
  });

  it('a visit planned', async () => {
    const card = await registered();
    accepted(await api.execute(PLAN, { id: card.id, version: card.version, on: '2026-12-05' }), 'visitPlan');
    const rows = await outbox(card.id);
    expect(rows.map((r) => r.kind)).toEqual(['REGISTRATION_REGISTERED', 'VISIT_PLANNED']);
    expect(rows[1]).toMatchObject({ textKk: expect.stringContaining('сізді 05.12.2026 мансап орталығына күтеміз'), textRu: expect.stringContaining('ждём вас в центре карьеры 05.12.2026') });
  });

  it('a referral made', async () => {
    const card = await registered();
    accepted(await api.execute(REFER, { id: card.id, version: card.version }), 'referralCreate');
    const rows = await outbox(card.id);
    expect(rows.map((r) => r.kind)).toEqual(['REGISTRATION_REGISTERED', 'REFERRAL_ISSUED']);
    expect(rows[1]).toMatchObject({
      textKk: expect.stringContaining('10.03.2026 сізге «ТОО Алатау Құрылыс» жұмыс берушіге «Электрик» лауазымына жолдама берілді'),
      textRu: expect.stringContaining('10.03.2026 вам выдано направление к работодателю «ТОО Алатау Құрылыс» на должность «Электрик»'),
    });
  });

  it('a rejected change queues nothing: a stale version, a date before the application, a second decision', async () => {
    const card = await applied();
    const stale = dataOf(await api.execute(REGISTER, { id: card.registration, version: card.version + 1, on: '2026-03-03' })).registrationRegister;
    expect(stale.userErrors).toEqual([expect.objectContaining({ code: 'STALE_CARD' })]);
    const early = dataOf(await api.execute(REGISTER, { id: card.registration, version: card.version, on: '2026-03-01' })).registrationRegister;
    expect(early.userErrors).not.toEqual([]);
    expect(await outbox(card.id)).toEqual([]);
    const { card: after } = accepted(await api.execute(REGISTER, { id: card.registration, version: card.version, on: '2026-03-03' }), 'registrationRegister');
    const again = dataOf(await api.execute(REFUSE, { id: card.registration, version: after.version })).registrationRefuse;
    expect(again.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_TRANSITION' })]);
    const planned = dataOf(await api.execute(PLAN, { id: card.id, version: after.version + 5, on: '2026-12-05' })).visitPlan;
    expect(planned.userErrors).toEqual([expect.objectContaining({ code: 'STALE_CARD' })]);
    expect((await outbox(card.id)).map((r) => r.kind)).toEqual(['REGISTRATION_REGISTERED']);
  });

  it('a change that fails after queuing its message leaves none: the row is written in the change\'s transaction', async () => {
    const card = await registered();
    const deps = { em: db.orm.em.fork(), actor: { id: 'test', name: null }, territories: api.territories, now: () => new Date(), today: () => TODAY };
    const outcome = await changeCard(deps, { cardId: localId(card.id), version: card.version, action: 'visitPlan' }, async (change) => {
      await change.notify('VISIT_PLANNED', { plannedOn: '2026-12-05' });
      await change.em.flush();
      expect(await change.em.count(Notification, { card: change.card.id })).toBe(2);
      throw new Rejected([userError(['input'], 'INVALID_VALUE', 'refused after the message was queued')]);
    });
    expect(outcome.ok).toBe(false);
    expect((await outbox(card.id)).map((r) => r.kind)).toEqual(['REGISTRATION_REGISTERED']);
  });

  it('keeps a message the person cannot get as SKIPPED: no phone, no e-mail', async () => {
    const card = await applied({});
    accepted(await api.execute(REGISTER, { id: card.registration, version: card.version, on: '2026-03-03' }), 'registrationRegister');
    expect(await outbox(card.id)).toEqual([expect.objectContaining({
      kind: 'REGISTRATION_REGISTERED', phone: null, email: null, status: 'SKIPPED', lastError: 'the card has neither a phone (§8) nor an e-mail (§9)',
    })]);
  });

  it('does not invite to a visit entered for a past day', async () => {
    const card = await registered();
    accepted(await api.execute(PLAN, { id: card.id, version: card.version, on: '2026-03-05' }), 'visitPlan');
    expect((await outbox(card.id)).map((r) => r.kind)).toEqual(['REGISTRATION_REGISTERED']);
  });
});

describe('Card.notifications', () => {
  const READ = `query($id: ID!) { card(id: $id) { notifications(first: 1) {
    edges { node { id kind phone email textKk textRu status attempts lastError createdAt sentAt } } pageInfo { hasNextPage endCursor } } } }`;
  const MORE = `query($id: ID!, $after: String) { card(id: $id) { notifications(first: 5, after: $after) { edges { node { kind } } pageInfo { hasNextPage } } } }`;

  it('shows the center\'s staff the messages, newest first, a page at a time; an analyst gets none', async () => {
    const card = await registered();
    accepted(await api.execute(REFER, { id: card.id, version: card.version }), 'referralCreate');
    const caseworker = { subject: 'caseworker-7', role: 'CASEWORKER' as const, careerCenter: centerCode, name: null, iin: null };
    const first = dataOf(await api.execute(READ, { id: card.id }, { principal: caseworker })).card.notifications;
    expect(first.edges).toEqual([{ node: {
      id: expect.any(String), kind: 'REFERRAL_ISSUED', phone: CONTACTS.phone, email: CONTACTS.email, textKk: expect.stringContaining('Электрик'),
      textRu: expect.stringContaining('Электрик'), status: 'PENDING', attempts: 0, lastError: null, createdAt: expect.any(String), sentAt: null,
    } }]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = dataOf(await api.execute(MORE, { id: card.id, after: first.pageInfo.endCursor }, { principal: caseworker })).card.notifications;
    expect(rest).toEqual({ edges: [{ node: { kind: 'REGISTRATION_REGISTERED' } }], pageInfo: { hasNextPage: false } });

    const analyst = { subject: 'analyst-1', role: 'ANALYST' as const, careerCenter: null, name: null, iin: null };
    expect(dataOf(await api.execute(READ, { id: card.id }, { principal: analyst })).card.notifications).toBeNull();
  });
});

/** A queue that keeps what was sent; like the runner's, a key still waiting is not queued twice. */
function aQueue() {
  const jobs: { name: string; data: any; singletonKey?: string }[] = [];
  const queue: JobQueue & { jobs: typeof jobs; take(): typeof jobs } = {
    jobs,
    async send(name, data, options) {
      if (options?.singletonKey && jobs.some((job) => job.name === name && job.singletonKey === options.singletonKey)) return null;
      jobs.push({ name, data, singletonKey: options?.singletonKey });
      return String(jobs.length);
    },
    take: () => jobs.splice(0),
  };
  return queue;
}

const run = (retryCount = 0): JobRun => ({ id: 'job-1', retryCount, signal: new AbortController().signal });
const SETTINGS = { NOTIFICATION_DISPATCH_SCHEDULE: '* * * * *' };

function jobsWith(notifier: Notifier | null, queue = aQueue()) {
  const definitions = notificationJobs({ orm: db.orm, notifier, queue, settings: SETTINGS });
  const byName = (name: string) => definitions.find((d) => d.name === name)! as JobDefinition<any>;
  return { queue, definitions, dispatch: byName(DISPATCH_JOB), deliver: byName(DELIVER_JOB) };
}

/** A new PENDING message, queued by registering a new application. */
async function aPendingMessage(): Promise<Notification> {
  const card = await registered();
  return (await outbox(card.id))[0]!;
}

describe('notifications.deliver', () => {
  const http = () => new HttpNotifier({ baseUrl: gateway.url, timeoutMs: 5000 });

  it('declares its retries for the runner; dispatch runs on the schedule set', () => {
    const { dispatch, deliver } = jobsWith(http());
    expect(deliver.retry).toEqual({ limit: DELIVER_RETRY.limit, delaySeconds: DELIVER_RETRY.delaySeconds, backoff: true });
    expect(dispatch.schedule).toBe('* * * * *');
  });

  it('sends once, with the notification id as the idempotency key, and marks it SENT; again, it sends nothing', async () => {
    const message = await aPendingMessage();
    const { deliver } = jobsWith(http());
    const before = gateway.requests.length;
    await deliver.handle({ id: message.id }, run());
    expect(gateway.requests.slice(before)).toEqual([{
      method: 'POST', path: '/gateway/messages', idempotencyKey: message.id, contentType: 'application/json',
      body: {
        id: message.id, kind: 'REGISTRATION_REGISTERED', recipient: { phone: CONTACTS.phone, email: CONTACTS.email },
        text: { kk: message.textKk, ru: message.textRu }, createdAt: message.createdAt.toISOString(),
      },
    }]);
    expect(await row(message.id)).toMatchObject({ status: 'SENT', attempts: 1, lastError: null, sentAt: expect.any(Date) });

    await deliver.handle({ id: message.id }, run());
    expect(gateway.requests.length).toBe(before + 1);
  });

  it('throws on HTTP 5xx, so the runner retries; the last attempt marks it FAILED', async () => {
    const message = await aPendingMessage();
    const { deliver } = jobsWith(http());
    gateway.answerNext(503);
    await expect(deliver.handle({ id: message.id }, run(0))).rejects.toThrow(/HTTP 503/);
    expect(await row(message.id)).toMatchObject({ status: 'PENDING', attempts: 1, lastError: 'the notification gateway answered HTTP 503', sentAt: null });

    gateway.answerNext(502);
    await expect(deliver.handle({ id: message.id }, run(DELIVER_RETRY.limit))).rejects.toThrow(/HTTP 502/);
    expect(await row(message.id)).toMatchObject({ status: 'FAILED', attempts: 2, lastError: 'the notification gateway answered HTTP 502' });
    const before = gateway.requests.length;
    await deliver.handle({ id: message.id }, run());
    expect(gateway.requests.length).toBe(before);
  });

  it('retries a gateway that does not answer, and succeeds on a later attempt', async () => {
    const message = await aPendingMessage();
    const { deliver } = jobsWith(new HttpNotifier({ baseUrl: 'http://127.0.0.1:1/gateway', timeoutMs: 2000 }));
    await expect(deliver.handle({ id: message.id }, run(0))).rejects.toThrow(/could not be reached/);
    await jobsWith(http()).deliver.handle({ id: message.id }, run(1));
    expect(await row(message.id)).toMatchObject({ status: 'SENT', attempts: 2, lastError: null });
  });

  it('fails at once on a refusal (HTTP 4xx): no retry can help', async () => {
    const message = await aPendingMessage();
    const { deliver } = jobsWith(http());
    gateway.answerNext(422);
    await deliver.handle({ id: message.id }, run(0));
    expect(await row(message.id)).toMatchObject({ status: 'FAILED', attempts: 1, lastError: 'the notification gateway answered HTTP 422' });
  });

  it('leaves the message PENDING when no gateway is configured', async () => {
    const message = await aPendingMessage();
    await jobsWith(null).deliver.handle({ id: message.id }, run());
    expect(await row(message.id)).toMatchObject({ status: 'PENDING', attempts: 0 });
  });

  it('appends the message as a JSON line to a file instead', async () => {
    const message = await aPendingMessage();
    const file = join(scratch, 'outbox.jsonl');
    await jobsWith(new FileNotifier(file)).deliver.handle({ id: message.id }, run());
    const lines = (await readFile(file, 'utf8')).trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(lines).toEqual([expect.objectContaining({ id: message.id, kind: 'REGISTRATION_REGISTERED', text: { kk: message.textKk, ru: message.textRu } })]);
    expect(await row(message.id)).toMatchObject({ status: 'SENT' });
  });
});

describe('notifications.dispatch', () => {
  it('queues one delivery per PENDING message, keyed by its id, and each only once', async () => {
    // Everything earlier is delivered or settled: only this test's messages are pending.
    await db.orm.em.fork().nativeUpdate(Notification, { status: 'PENDING' }, { status: 'FAILED', lastError: 'settled by the test' });
    const pending = [await aPendingMessage(), await aPendingMessage(), await aPendingMessage()];
    const sent = await aPendingMessage();
    await db.orm.em.fork().nativeUpdate(Notification, { id: sent.id }, { status: 'SENT' });

    const { dispatch, queue } = jobsWith(new HttpNotifier({ baseUrl: gateway.url }));
    await dispatch.handle({}, run());
    expect(queue.jobs).toEqual(pending.map((message) => ({ name: DELIVER_JOB, data: { id: message.id }, singletonKey: message.id })));
    // A minute later the deliveries still wait: none is queued twice.
    await dispatch.handle({}, run());
    expect(queue.jobs).toHaveLength(3);
  });

  it('queues nothing when no gateway is configured', async () => {
    await aPendingMessage();
    const { dispatch, queue } = jobsWith(null);
    await dispatch.handle({}, run());
    expect(queue.jobs).toEqual([]);
  });
});

describe('the gateway setting', () => {
  it('chooses HTTP or a file, never both', () => {
    expect(notifierFrom(readSettings({ NOTIFICATION_GATEWAY_URL: 'https://sms.example.kz/api' }))?.name).toBe('sms.example.kz/api');
    expect(notifierFrom(readSettings({ NOTIFICATION_FILE: 'notifications.jsonl' }))?.name).toBe('file:notifications.jsonl');
    expect(notifierFrom(readSettings({}))).toBeNull();
    expect(() => readSettings({ NOTIFICATION_GATEWAY_URL: 'https://sms.example.kz', NOTIFICATION_FILE: 'x.jsonl' })).toThrow(/NOTIFICATION_FILE are both set/);
    expect(() => readSettings({ NOTIFICATION_DISPATCH_SCHEDULE: 'every minute' })).toThrow(/cron expression/);
  });
});
