import type { JobDefinition, JobQueue } from '../../jobs/job.ts';
import type { Orm } from '../../db/orm.ts';
import { log } from '../../runtime/log.ts';
import type { Settings } from '../../runtime/settings.ts';
import { Notification } from './notification.entity.ts';
import { outgoing, type Notifier } from './notifier.ts';

// Delivery of the outbox (Appendix 2, item 6): a scheduled job hands each PENDING message to a
// delivery job of its own, keyed by the message's id so that a message waiting or being tried is
// never queued twice; the delivery job sends it once, retried with backoff by the runner, and
// dead-lettered when the gateway keeps failing. The gateway gets the message's id as an
// idempotency key, so a delivery repeated after a crash (sent, not yet marked) is delivered once.

export const DISPATCH_JOB = 'notifications.dispatch';
export const DELIVER_JOB = 'notifications.deliver';

/** 7 attempts, the retries 30 s, 1, 2, 4, 8 and 16 minutes apart: about half an hour of a gateway's outage. */
export const DELIVER_RETRY = { limit: 6, delaySeconds: 30, backoff: true } as const;
/** Pending messages read at a time by the dispatch. */
const DISPATCH_BATCH = 500;

// A type, not an interface: a job's data is a plain record to the runner.
export type DeliverData = {
  /** The notification's id. */
  id: string;
};

export interface NotificationJobDeps {
  orm: Orm;
  /** The gateway; null when none is configured (messages stay PENDING). */
  notifier: Notifier | null;
  queue: JobQueue;
  settings: Pick<Settings, 'NOTIFICATION_DISPATCH_SCHEDULE'>;
  now?: () => Date;
}

/** The jobs that deliver the outbox, for the job runner. */
export function notificationJobs(deps: NotificationJobDeps): JobDefinition[] {
  const now = deps.now ?? (() => new Date());
  let toldUnconfigured = false;
  const unconfigured = () => {
    if (toldUnconfigured) return;
    toldUnconfigured = true;
    log.warn('no notification gateway is configured (NOTIFICATION_GATEWAY_URL or NOTIFICATION_FILE): messages to people stay PENDING');
  };

  const dispatch: JobDefinition = {
    name: DISPATCH_JOB,
    schedule: deps.settings.NOTIFICATION_DISPATCH_SCHEDULE,
    expireInSeconds: 300,
    retry: { limit: 2, delaySeconds: 30, backoff: true },
    async handle(_data, job) {
      if (!deps.notifier) return unconfigured();
      let after = '0';
      let queued = 0;
      for (;;) {
        if (job.signal.aborted) break;
        const rows = await deps.orm.em.fork().find(Notification, { status: 'PENDING', id: { $gt: after } }, {
          orderBy: { id: 'asc' }, limit: DISPATCH_BATCH, fields: ['id'],
        });
        for (const row of rows) if (await deps.queue.send<DeliverData>(DELIVER_JOB, { id: row.id }, { singletonKey: row.id })) queued++;
        if (rows.length < DISPATCH_BATCH) break;
        after = rows.at(-1)!.id;
      }
      if (queued) log.info({ queued }, 'notifications handed to delivery');
    },
  };

  const deliver: JobDefinition<DeliverData> = {
    name: DELIVER_JOB,
    retry: DELIVER_RETRY,
    expireInSeconds: 120,
    async handle({ id }, job) {
      const em = deps.orm.em.fork();
      const notification = await em.findOne(Notification, { id });
      // Sent, failed or skipped already: a repeated job does nothing.
      if (notification?.status !== 'PENDING') return;
      if (!deps.notifier) return unconfigured();
      const result = await deps.notifier.send(outgoing(notification));
      const attempts = notification.attempts + 1;
      // Only a PENDING row changes: whatever marked it meanwhile stands. By its card too: one shard on Citus (docs/scale.md).
      const pending = { id, card: notification.card, status: 'PENDING' as const };
      if (result.kind === 'sent') {
        await em.nativeUpdate(Notification, pending, { status: 'SENT', sentAt: now(), attempts, lastError: null });
        return;
      }
      // A refusal is final: no retry can help, so the row fails now and the job ends.
      const last = result.kind === 'refused' || job.retryCount >= DELIVER_RETRY.limit;
      await em.nativeUpdate(Notification, pending, { attempts, lastError: result.reason, ...(last ? { status: 'FAILED' as const } : {}) });
      log.warn({ notification: id, attempt: job.retryCount + 1, final: last, reason: result.reason }, 'a notification was not delivered');
      if (result.kind === 'refused') return;
      // Thrown, the attempt fails: the runner retries it with backoff, and dead-letters the last.
      throw new Error(`notification ${id} not delivered: ${result.reason}`);
    },
  };

  return [dispatch, deliver];
}
