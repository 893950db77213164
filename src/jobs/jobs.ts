import type { Orm } from '../db/orm.ts';
import type { Territories } from '../modules/dictionary/territories.ts';
import { identityRecheckJob } from '../modules/verification/recheck-job.ts';
import type { PersonRegistry } from '../modules/verification/person-registry.ts';
import type { Settings } from '../runtime/settings.ts';
import type { JobDefinition, JobQueue } from './job.ts';

// The one list of the jobs the runner (src/jobs/runner.ts) runs: each module's factory, given what
// jobs may need, makes its definitions. A new job is one more factory here.

/** What a job factory is given. */
export interface JobDeps {
  orm: Orm;
  territories: Territories;
  /** Rule 2 — the person registry; null when none is configured. */
  registry: PersonRegistry | null;
  settings: Settings;
  /** To queue further jobs (a job that fans out). */
  queue: JobQueue;
}

export type JobFactory = (deps: JobDeps) => JobDefinition<any> | JobDefinition<any>[];

export const JOB_FACTORIES: readonly JobFactory[] = [
  identityRecheckJob,
];

/** Every job's definition. */
export function jobDefinitions(deps: JobDeps, factories: readonly JobFactory[] = JOB_FACTORIES): JobDefinition<any>[] {
  return factories.flatMap((factory) => factory(deps));
}
