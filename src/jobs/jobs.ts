import type { Orm } from '../db/orm.ts';
import type { Territories } from '../modules/dictionary/territories.ts';
import type { LabourContractRegistry } from '../modules/labour-contracts/labour-contract-registry.ts';
import { labourContractJobs } from '../modules/labour-contracts/labour-contracts.job.ts';
import type { Notifier } from '../modules/notification/notifier.ts';
import { notificationJobs } from '../modules/notification/notification.jobs.ts';
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
  /** Item 4 — the labour-contract register; null when none is configured. */
  contractRegistry: LabourContractRegistry | null;
  /** Item 6 — the gateway that delivers messages to people; null when none is configured. */
  notifier: Notifier | null;
  settings: Settings;
  /** To queue further jobs (a job that fans out). */
  queue: JobQueue;
}

export type JobFactory = (deps: JobDeps) => JobDefinition<any> | JobDefinition<any>[];

export const JOB_FACTORIES: readonly JobFactory[] = [
  identityRecheckJob,
  (deps) => labourContractJobs({ ...deps, registry: deps.contractRegistry }),
  notificationJobs,
];

/** Every job's definition. */
export function jobDefinitions(deps: JobDeps, factories: readonly JobFactory[] = JOB_FACTORIES): JobDefinition<any>[] {
  return factories.flatMap((factory) => factory(deps));
}
