import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { parseGlobalId, toGlobalId } from '../../src/api/relay.ts';
import { startJobRunner, type JobRunner } from '../../src/jobs/start.ts';
import { Territories } from '../../src/modules/dictionary/territories.ts';
import { Notification } from '../../src/modules/notification/notification.entity.ts';
import { readSettings } from '../../src/runtime/settings.ts';
import { createTestApi, type TestApi } from '../support/api.ts';
import { aCareerCenter, nextIin } from '../support/builders.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { accepted, PAYLOAD_ERRORS } from '../support/keeping.ts';
import { startNotificationGateway, type NotificationGateway } from '../support/notification-gateway.ts';
import { until } from '../support/server-process.ts';

// The modules' jobs as the runner runs them (src/jobs/jobs.ts, ports read from the settings): a
// decision queues a message in its unit of work, and the runner's dispatch and delivery jobs hand
// it to the gateway once, on the test's database (PGlite, or PostgreSQL with DATABASE_URL).

jest.setTimeout(180_000);

let db: TestDatabase;
let api: TestApi;
let gateway: NotificationGateway;
let runner: JobRunner | null = null;

beforeAll(async () => {
  db = await createTestDatabase();
  api = await createTestApi(db.orm);
  gateway = await startNotificationGateway();
});
afterAll(async () => {
  await runner?.stop();
  await gateway.close();
  await db.close();
});

const OPEN = `mutation($input: CardOpenInput!) { cardOpen(input: $input) { card { id version } registration { id } ${PAYLOAD_ERRORS} } }`;
const REGISTER = `mutation($id: ID!, $version: Int!) {
  registrationRegister(id: $id, version: $version, input: { registeredOn: "2026-03-03" }) { card { version } ${PAYLOAD_ERRORS} } }`;

describe('the jobs of the modules, run by the runner', () => {
  it('delivers the message of a registration decision to the gateway once', async () => {
    const center = await aCareerCenter(db.orm.em.fork());
    const opened = accepted(await api.execute(OPEN, { input: {
      iin: nextIin('1991-02-11', 'FEMALE'), appliedOn: '2026-03-02', careerCenter: toGlobalId('CareerCenter', center.id),
      fullName: { surname: 'Сейітова', givenName: 'Айгерім' }, phone: '+77017654321',
    } }), 'cardOpen');
    accepted(await api.execute(REGISTER, { id: opened.registration.id, version: opened.card.version }), 'registrationRegister');
    const cardId = parseGlobalId(opened.card.id)!.id;
    const [queued] = await db.orm.em.fork().find(Notification, { card: cardId });
    expect(queued).toMatchObject({ kind: 'REGISTRATION_REGISTERED', status: 'PENDING' });

    const settings = readSettings({ NOTIFICATION_GATEWAY_URL: gateway.url, NOTIFICATION_DISPATCH_SCHEDULE: 'off', IDENTITY_RECHECK_SCHEDULE: 'off', LABOUR_CONTRACTS_CHECK_SCHEDULE: 'off', ...(db.url ? { DATABASE_URL: db.url } : {}) });
    runner = await startJobRunner(db.orm, { territories: await Territories.load(db.orm.em.fork()), registry: null, settings });
    await runner.send('notifications.dispatch', {});
    await until(async () => (await db.orm.em.fork().findOneOrFail(Notification, { id: queued!.id })).status === 'SENT', 'the message is sent', 120_000);
    // Dispatching again finds nothing pending: the gateway heard of the message once.
    await runner.send('notifications.dispatch', {});
    await until(async () => (await runner!.queues()).every((queue) => queue.queued === 0 && queue.active === 0), 'the runner is idle', 120_000);
    expect(gateway.requests.filter((request) => request.idempotencyKey === queued!.id)).toHaveLength(1);
  });
});
