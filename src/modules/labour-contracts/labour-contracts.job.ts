import type { Clock } from '../../api/context.ts';
import type { Orm } from '../../db/orm.ts';
import type { JobDefinition } from '../../jobs/job.ts';
import { log } from '../../runtime/log.ts';
import type { Settings } from '../../runtime/settings.ts';
import { systemClock } from '../base/clock.ts';
import type { Territories } from '../dictionary/territories.ts';
import type { LabourContractRegistry } from './labour-contract-registry.ts';
import { checkOutcomes, labourContractsActor } from './outcome-check.ts';

/** The job that keeps the outcomes of §14, §16 and §17 current from the labour-contract register. */
export const LABOUR_CONTRACTS_CHECK = 'labourContracts.check';

/** Cards read per batch. */
const BATCH_SIZE = 200;

export interface LabourContractJobDeps {
  orm: Orm;
  territories: Territories;
  /** Null when no register is configured: the job is not scheduled, and run by hand it does nothing. */
  registry: LabourContractRegistry | null;
  settings: Pick<Settings, 'LABOUR_CONTRACTS_CHECK_SCHEDULE'>;
  /** The clock outcomes are dated by (tests set "today"). */
  clock?: Clock;
}

/** The labour-contract register's jobs, for the job runner. */
export function labourContractJobs(deps: LabourContractJobDeps): JobDefinition[] {
  const clock = deps.clock ?? systemClock;
  return [{
    name: LABOUR_CONTRACTS_CHECK,
    schedule: deps.registry ? deps.settings.LABOUR_CONTRACTS_CHECK_SCHEDULE : null,
    // A register down for the night is retried through the morning: 10 min, 20, 40, 80, 160.
    retry: { limit: 5, delaySeconds: 600, backoff: true },
    expireInSeconds: 4 * 60 * 60,
    async handle(_data, job) {
      const registry = deps.registry;
      if (!registry) {
        log.info('no labour-contract register is configured (LABOUR_CONTRACT_REGISTRY_URL or LABOUR_CONTRACT_REGISTRY_FILE): nothing to check');
        return;
      }
      // A failure throws: the cards done so far keep what was recorded (doing them again records
      // nothing), the rest are untouched, and the runner tries again later.
      const totals = await checkOutcomes(
        { em: deps.orm.em.fork(), actor: labourContractsActor(registry), territories: deps.territories, now: clock.now, today: clock.today, contractRegistry: registry },
        { batchSize: BATCH_SIZE, signal: job.signal },
      );
      log.info({ job: LABOUR_CONTRACTS_CHECK, registry: registry.name, ...totals }, 'outcomes checked against the labour-contract register');
    },
  }];
}
