import { refuse, startCommand, wholeArgument } from './command.ts';
import { EX_CONFIG } from '../runtime/refusal.ts';

// npm run jobs: what the background jobs' queues hold, for an operator — counts per queue, the
// dead letters with their errors — and sending a dead letter back, or queueing a job now.

const { values, positionals: [command = 'list', argument], settings } = startCommand({
  usage: 'npm run jobs [-- list | dead [--queue NAME] [--limit N] | retry ID | send NAME [--data JSON]]',
  summary: 'list (the default): every job\'s queue with its jobs queued, active, deferred (waiting for a retry) and dead, and its schedule.\n'
    + 'dead: the jobs that failed their last retry (the dead-letter queues), oldest first, with their error.\n'
    + 'retry ID: sends that dead letter back to its queue, for a fresh set of attempts.\n'
    + 'send NAME: queues a job now (e.g. identity.recheck), unless one of that queue is already waiting.\n'
    + 'On the embedded database it is refused while `npm start` runs (the database belongs to one process); use PostgreSQL.\n'
    + 'Exit status: 0 done; 1 failure (or no dead letter with that id); 64 bad arguments; 75 the embedded database is in use; 78 a bad setting.',
  options: {
    queue: { type: 'string', value: 'NAME', help: 'dead: only this job\'s dead letters' },
    limit: { type: 'string', default: '50', value: 'N', help: 'dead: at most N' },
    data: { type: 'string', default: '{}', value: 'JSON', help: 'send: the job\'s data' },
  },
  positionals: { min: 0, max: 2 },
  settings: ['database', 'card', 'registry', 'jobs', 'LOG_LEVEL'],
});
if (!['list', 'dead', 'retry', 'send'].includes(command)) refuse(`Unknown command "${command}": list, dead, retry ID or send NAME. See --help.`);
if ((command === 'retry' || command === 'send') !== (argument !== undefined)) refuse(`Usage: ${command === 'retry' ? 'retry ID' : command === 'send' ? 'send NAME' : command}. See --help.`);
const limit = wholeArgument('limit', values.limit, 1);
let data: object = {};
try {
  data = JSON.parse(values.data);
} catch {
  refuse(`--data must be a JSON object, not "${values.data}". See --help.`);
}

const [{ databaseSettings }, { openOrm }, { Territories }, { registryFrom }, { startJobRunner }, { ENTITIES }] = await Promise.all([
  import('../db/config.ts'), import('../db/orm.ts'), import('../modules/dictionary/territories.ts'), import('../modules/verification/registry-from-settings.ts'),
  import('../jobs/start.ts'), import('../modules/entities.ts'),
]);
const say = (line: string) => process.stdout.write(`${line}\n`);
const registry = await registryFrom(settings).catch((error: Error) => refuse(`Configuration: PERSON_REGISTRY_FILE ${error.message}`, EX_CONFIG));

const orm = await openOrm(databaseSettings(settings), ENTITIES);
try {
  const runner = await startJobRunner(orm, { territories: await Territories.load(orm.em.fork()), registry, settings }, { work: false });
  try {
    if (command === 'list') {
      const queues = await runner.queues();
      say(['queue'.padEnd(28), 'queued'.padStart(7), 'active'.padStart(7), 'deferred'.padStart(9), 'dead'.padStart(6), '  schedule'].join(''));
      for (const q of queues) {
        say([q.name.padEnd(28), String(q.queued).padStart(7), String(q.active).padStart(7), String(q.deferred).padStart(9), String(q.dead).padStart(6), `  ${q.schedule ?? '—'}`].join(''));
      }
    } else if (command === 'dead') {
      const letters = await runner.deadLetters(values.queue, limit);
      if (!letters.length) say('No dead letters.');
      for (const letter of letters) {
        say(`${letter.id}  ${letter.queue}  failed ${letter.failedOn.toISOString()} after ${letter.attempts} attempts: ${letter.error}`);
      }
    } else if (command === 'retry') {
      if (await runner.retryDeadLetter(argument!)) say(`Sent ${argument} back to its queue.`);
      else {
        process.stderr.write(`No dead letter ${argument} (see npm run jobs -- dead).\n`);
        process.exitCode = 1;
      }
    } else {
      const id = await runner.send(argument!, data, { singletonKey: 'send' }).catch((error: Error) => refuse(`${error.message}. See npm run jobs.`));
      say(id ? `Queued ${argument}: job ${id}.` : `Not queued: a job of ${argument} sent this way is still waiting.`);
    }
  } finally {
    await runner.stop();
  }
} finally {
  await orm.close();
}
