import { refuse, startCommand, wholeArgument } from './command.ts';
import { STOPPED, stoppable } from './stoppable.ts';
import { EX_CONFIG } from '../runtime/refusal.ts';

// npm run sync: Rule 4, the cards re-checked against the person registry. The work's modules load
// only once the arguments and the settings are good (as in main.ts).

const { values, settings } = startCommand({
  usage: 'npm run sync -- [--all | --older-than-days N] [--batch N] [--concurrency N] [--after CARD_ID]',
  summary: 'Re-checks the identities on the cards against the person registry (PERSON_REGISTRY_URL, or PERSON_REGISTRY_FILE for development),\n'
    + 'a batch of cards at a time in the order of their ids, in the configured database.\n'
    + `Exit status: 0 done; ${STOPPED} stopped by SIGTERM or SIGINT after the batch in hand (continue with the --after it prints);\n`
    + '1 failure (the cards up to the --after it prints are done); 64 bad arguments; 75 the embedded database is in use; 78 a bad setting or no registry.',
  options: {
    all: { type: 'boolean', default: false, help: 'every card, however recently verified' },
    'older-than-days': { type: 'string', default: '30', value: 'N', help: 'the cards not verified in the last N days' },
    batch: { type: 'string', default: '200', value: 'N', help: 'cards per batch' },
    concurrency: { type: 'string', default: '8', value: 'N', help: 'registry lookups at a time' },
    after: { type: 'string', value: 'CARD_ID', help: 'start after this card id (the one an interrupted run printed)' },
  },
  settings: ['database', 'card', 'PERSON_REGISTRY_URL', 'PERSON_REGISTRY_TIMEOUT_MS', 'PERSON_REGISTRY_FILE', 'SHUTDOWN_TIMEOUT_MS', 'LOG_LEVEL'],
});
const olderThanDays = wholeArgument('older-than-days', values['older-than-days'], 0);
const batchSize = wholeArgument('batch', values.batch, 1);
const concurrency = wholeArgument('concurrency', values.concurrency, 1);
if (values.after !== undefined && !/^\d+$/.test(values.after)) refuse(`--after must be a card id (digits), not "${values.after}". See --help.`);
if (!settings.PERSON_REGISTRY_URL && !settings.PERSON_REGISTRY_FILE) {
  refuse('Configuration: no person registry: set PERSON_REGISTRY_URL (or PERSON_REGISTRY_FILE for development).', EX_CONFIG);
}

const [{ databaseSettings }, { migrate, openOrm }, { systemClock }, { Territories }, { registryFrom }, { syncVerifications }, { registryActor }, { ENTITIES }] = await Promise.all([
  import('../db/config.ts'), import('../db/orm.ts'), import('../modules/base/clock.ts'), import('../modules/dictionary/territories.ts'),
  import('../modules/verification/registry-from-settings.ts'), import('../modules/verification/sync.ts'), import('../modules/verification/verification.service.ts'),
  import('../modules/entities.ts'),
]);
type Counts = import('../modules/verification/sync.ts').SyncTotals;

const counts = (t: Counts) => `checked ${t.checked}, verified ${t.verified} (${t.changed} changed), pending ${t.pending}, failed ${t.failed}`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const say = (line: string) => process.stdout.write(`${line}\n`);

// A registry file that is not one is a configuration error like a bad variable.
const registry = (await registryFrom(settings).catch((error: Error) => refuse(`Configuration: PERSON_REGISTRY_FILE ${error.message}`, EX_CONFIG)))!;
await stoppable(async (signal) => {
  const orm = await openOrm(databaseSettings(settings), ENTITIES);
  let lastId = values.after ?? null;
  try {
    await migrate(orm);
    const territories = await Territories.load(orm.em.fork());
    say(`Checking ${values.all ? 'every card' : `cards not verified in the last ${olderThanDays} days`} against ${registry.name}`
      + ` (${batchSize} per batch, ${concurrency} lookups at a time${lastId ? `, after card ${lastId}` : ''})`);
    const result = await syncVerifications(
      { em: orm.em.fork(), actor: registryActor(registry), territories, now: systemClock.now, today: systemClock.today, registry },
      {
        all: values.all, olderThanDays, batchSize, concurrency, afterId: lastId, signal,
        onProgress: (progress) => {
          lastId = progress.lastId;
          say(`up to card ${progress.lastId}: ${counts(progress)}, ${seconds(progress.elapsedMs)}`);
        },
      },
    );
    if (result.stopped) {
      say(`Stopped by a signal: ${counts(result)}, elapsed ${seconds(result.elapsedMs)}.`);
      say(result.lastId ? `Every card up to ${result.lastId} is done; continue with --after ${result.lastId}.` : 'No card was checked.');
      process.exitCode = STOPPED;
    } else {
      say(`Done: ${counts(result)}, elapsed ${seconds(result.elapsedMs)}.`);
    }
  } catch (error) {
    // The failure itself is logged by the command's failure handler; this says where to resume.
    if (lastId) process.stderr.write(`Every card up to ${lastId} is done; continue with --after ${lastId}.\n`);
    throw error;
  } finally {
    await orm.close();
  }
}, settings.SHUTDOWN_TIMEOUT_MS);
