import { startCommand, refuse } from './command.ts';
import { EX_CONFIG } from '../runtime/refusal.ts';

// npm run worker: the background jobs (docs/operations.md#jobs) in a process of their own, beside
// an API started with JOBS=off (or beside one that runs them too: the queue hands each job to one
// process). The work's modules load only once the settings are good (as in main.ts).

const { settings } = startCommand({
  usage: 'npm run worker',
  summary: 'Runs the background jobs (src/jobs/jobs.ts): handles the queued ones, queues the scheduled ones, retries lost attempts; /metrics on METRICS_PORT.\n'
    + 'Meant for PostgreSQL (DATABASE_URL), which it shares with the API; the embedded database belongs to one process, and `npm start` runs the jobs in itself.\n'
    + 'Stops on SIGTERM or SIGINT: takes no new job, lets the ones in hand finish within SHUTDOWN_TIMEOUT_MS (or gives them back), exits 0.\n'
    + 'Exit status: 0 stopped; 1 failure; 75 the embedded database is in use (by `npm start`); 78 a bad setting.',
  options: {},
  settings: ['database', 'card', 'registry', 'jobs', 'SHUTDOWN_TIMEOUT_MS', 'LOG_LEVEL', 'METRICS_PORT', 'METRICS_HOST', 'METRICS_ALLOW'],
});

const [{ databaseSettings }, { migrate, openOrm }, { Territories }, { registryFrom }, { startJobRunner }, { ENTITIES }, { log }, { isStopping, stopOnSignals }, { serveMetrics }] = await Promise.all([
  import('../db/config.ts'), import('../db/orm.ts'), import('../modules/dictionary/territories.ts'), import('../modules/verification/registry-from-settings.ts'),
  import('../jobs/start.ts'), import('../modules/entities.ts'), import('../runtime/log.ts'), import('../runtime/shutdown.ts'), import('../http/metrics-server.ts'),
]);
type Orm = import('../db/orm.ts').Orm;
type JobRunner = import('../jobs/start.ts').JobRunner;

// A registry file that is not one is a configuration error like a bad variable.
const registry = await registryFrom(settings).catch((error: Error) => refuse(`Configuration: PERSON_REGISTRY_FILE ${error.message}`, EX_CONFIG));

let orm: Orm | null = null;
// A promise, so that a stop that comes while it starts still waits for it and stops it.
let runner: Promise<JobRunner> | null = null;
let metricsServer: import('node:http').Server | null = null;
stopOnSignals(async () => {
  await runner?.then((started) => started.stop(), () => undefined);
  if (metricsServer) await new Promise((resolve) => metricsServer!.close(resolve));
  await orm?.close();
}, settings.SHUTDOWN_TIMEOUT_MS);

if (settings.METRICS_PORT) metricsServer = await serveMetrics({ port: settings.METRICS_PORT, host: settings.METRICS_HOST!, allow: settings.METRICS_ALLOW! });
orm = await openOrm(databaseSettings(settings), ENTITIES);
const applied = await migrate(orm);
if (applied.length) log.info({ migrations: applied }, 'applied migrations');
const territories = await Territories.load(orm.em.fork());
if (!isStopping()) {
  await (runner = startJobRunner(orm, { territories, registry, settings }));
  log.info({
    data: settings.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `embedded PostgreSQL in ${settings.PGLITE_DIR}`,
    registry: registry ? registry.name : 'none: the identity re-check is skipped',
    metrics: settings.METRICS_PORT ? `http://${settings.METRICS_HOST}:${settings.METRICS_PORT}/metrics` : 'off',
  }, 'Employment card jobs worker');
}
