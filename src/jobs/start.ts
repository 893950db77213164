import type { Orm } from '../db/orm.ts';
import { labourContractRegistryFrom } from '../modules/labour-contracts/registry-from-settings.ts';
import { notifierFrom } from '../modules/notification/notifier-from-settings.ts';
import { log } from '../runtime/log.ts';
import type { Settings } from '../runtime/settings.ts';
import { jobDefinitions, type JobDeps } from './jobs.ts';
import { JobRunner } from './runner.ts';

export type { JobRunner };

/** Time a stopping runner leaves the process after its jobs' limit, to give back what is in hand and close. */
const STOP_MARGIN_MS = 3_000;

/**
 * Starts the job runner of a process that works (`npm start`, `npm run worker`) or only looks
 * (`npm run jobs`: `work: false`), on the process's database, with every job of jobs.ts.
 */
export async function startJobRunner(orm: Orm, given: Omit<JobDeps, 'orm' | 'queue' | 'contractRegistry' | 'notifier'>, options: { work?: boolean } = {}): Promise<JobRunner> {
  const { settings } = given;
  // The other registers' ports are the jobs' alone: read from the settings here.
  const deps = { ...given, contractRegistry: await labourContractRegistryFrom(settings), notifier: notifierFrom(settings) };
  const work = options.work ?? true;
  const runner = await JobRunner.start(orm, (queue) => jobDefinitions({ ...deps, orm, queue }), runnerOptions(settings, work));
  if (work) log.info({ database: settings.DATABASE_URL ? 'PostgreSQL' : 'embedded' }, 'job runner started');
  return runner;
}

export function runnerOptions(settings: Settings, work: boolean) {
  return {
    databaseUrl: settings.DATABASE_URL,
    timeZone: settings.CARD_TIME_ZONE!,
    work,
    superviseSeconds: settings.JOBS_SUPERVISE_SECONDS,
    stopTimeoutMs: Math.max(1_000, settings.SHUTDOWN_TIMEOUT_MS - STOP_MARGIN_MS),
  };
}
