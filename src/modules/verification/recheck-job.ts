import type { Orm } from '../../db/orm.ts';
import type { JobDefinition } from '../../jobs/job.ts';
import { log } from '../../runtime/log.ts';
import type { Settings } from '../../runtime/settings.ts';
import { systemClock } from '../base/clock.ts';
import type { Territories } from '../dictionary/territories.ts';
import type { PersonRegistry } from './person-registry.ts';
import { syncVerifications } from './sync.ts';
import { registryActor } from './verification.service.ts';

// Rule 4 on a schedule: `identity.recheck` re-checks against the person registry the cards not
// confirmed in the last RECHECK_AFTER_DAYS days, as `npm run sync` does by hand. Idempotent: a card
// confirmed by an attempt that was then cut off is not due any more, and one recorded twice would
// be recorded unchanged. Stopping the process stops it between batches; the attempt then fails and
// is retried, continuing with the cards still due.

export const IDENTITY_RECHECK = 'identity.recheck';
const RECHECK_AFTER_DAYS = 30;

/** The job, from what src/jobs/jobs.ts gives each factory (its JobDeps). */
export function identityRecheckJob({ orm, territories, registry, settings }: { orm: Orm; territories: Territories; registry: PersonRegistry | null; settings: Settings }): JobDefinition<{ all?: boolean }> {
  return {
    name: IDENTITY_RECHECK,
    schedule: settings.IDENTITY_RECHECK_SCHEDULE,
    // 10, 20, 40, 80, 160 s apart: a registry away for minutes; past that, the next night runs again.
    retry: { limit: 5, delaySeconds: 10, backoff: true },
    expireInSeconds: settings.IDENTITY_RECHECK_EXPIRE_SECONDS,
    async handle(data, run) {
      if (!registry) {
        log.info({ queue: IDENTITY_RECHECK }, 'identity re-check skipped: no person registry (PERSON_REGISTRY_URL or PERSON_REGISTRY_FILE)');
        return;
      }
      const result = await syncVerifications(
        { em: orm.em.fork(), actor: registryActor(registry), territories, now: systemClock.now, today: systemClock.today, registry },
        { all: data.all ?? false, olderThanDays: RECHECK_AFTER_DAYS, batchSize: 200, concurrency: 8, signal: run.signal },
      );
      const totals = { checked: result.checked, verified: result.verified, changed: result.changed, pending: result.pending, failed: result.failed };
      if (result.stopped) throw new Error(`stopped after card ${result.lastId ?? 'none'}; the cards still due are re-checked on the next attempt`);
      log.info({ queue: IDENTITY_RECHECK, ...totals, elapsedMs: Math.round(result.elapsedMs) }, 'identity re-check done');
    },
  };
}
