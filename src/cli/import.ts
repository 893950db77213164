import { accessSync, constants } from 'node:fs';
import { basename } from 'node:path';
import { startCommand, wholeArgument, refuse } from './command.ts';
import { STOPPED, stoppable } from './stoppable.ts';
import { EX_NOINPUT } from '../runtime/refusal.ts';

// npm run import -- [options] FILE: imports card records (schema/import/card-record.schema.json)
// into the configured database. The work's modules load only once the arguments and the settings
// are good, so that `--help` and a refusal answer at once (as in main.ts).

const { values, positionals: [path], settings } = startCommand({
  usage: 'npm run import -- [options] FILE',
  summary: 'Imports card records (NDJSON or CSV, see docs/import.md) into the configured database, a transaction per batch.\n'
    + `Exit status: 0 every record stored; 2 some rejected (listed in the report); ${STOPPED} stopped by SIGTERM or SIGINT before the end\n`
    + '(the whole batches reported are stored: importing the file again continues, stored records come out unchanged);\n'
    + `1 failure; 64 bad arguments; ${EX_NOINPUT} FILE cannot be read; 75 the embedded database is in use by another process; 78 a bad setting.`,
  options: {
    format: { type: 'string', value: 'ndjson|csv', help: "the file's format (default: by its extension, .ndjson, .jsonl, .json or .csv)" },
    rejects: { type: 'string', value: 'FILE', help: 'where rejected records are listed (default: FILE.rejects.csv)' },
    batch: { type: 'string', default: '500', value: 'N', help: 'records per transaction' },
    writers: { type: 'string', default: '2', value: 'N', help: 'batches written at once, each on its own connection' },
    source: { type: 'string', value: 'NAME', help: "the system the records come from, as the cards' history names it (default: the file's name)" },
    'progress-seconds': { type: 'string', default: '5', value: 'S', help: 'off a terminal, seconds between two progress lines on standard error' },
  },
  positionals: { min: 1, max: 1 },
  settings: ['database', 'card', 'SHUTDOWN_TIMEOUT_MS', 'LOG_LEVEL'],
});
if (values.format !== undefined && values.format !== 'ndjson' && values.format !== 'csv') refuse(`--format is ndjson or csv, not "${values.format}". See --help.`);
const format = values.format as 'ndjson' | 'csv' | undefined;
const batchSize = wholeArgument('batch', values.batch, 1);
const writers = wholeArgument('writers', values.writers, 1);
const progressSeconds = wholeArgument('progress-seconds', values['progress-seconds'], 0);
try {
  accessSync(path!, constants.R_OK);
} catch (error) {
  refuse(`${path}: cannot be read (${(error as NodeJS.ErrnoException).code})`, EX_NOINPUT);
}
const source = values.source ?? basename(path!);
const rejectsPath = values.rejects ?? `${path}.rejects.csv`;

const [{ databaseSettings }, { migrate, openOrm }, { systemClock }, { Territories }, { importFile }, { formatSummary }, { ENTITIES }, { log }] = await Promise.all([
  import('../db/config.ts'), import('../db/orm.ts'), import('../modules/base/clock.ts'), import('../modules/dictionary/territories.ts'),
  import('../modules/import/import-file.ts'), import('../modules/import/progress.ts'), import('../modules/entities.ts'), import('../runtime/log.ts'),
]);

await stoppable(async (signal) => {
  const orm = await openOrm(databaseSettings(settings), ENTITIES);
  try {
    await migrate(orm);
    const territories = await Territories.load(orm.em.fork());
    const summary = await importFile({
      em: orm.em.fork(),
      actor: { id: `import:${source}`, name: `Import from ${source}` },
      territories,
      now: () => systemClock.now(),
      today: () => systemClock.today(),
    }, {
      path: path!,
      format,
      rejectsPath,
      batchSize,
      writers,
      signal,
      progress: { out: process.stderr, isTTY: process.stderr.isTTY === true, intervalMs: progressSeconds * 1000 },
      // The report says only that the record was not stored; the operator finds the database's reason in the log.
      onStorageError: (error, line) => log.error({ line, err: error }, `line ${line}: the database refused the record`),
    });
    const lines = [formatSummary(summary, summary.elapsedMs),
      summary.rejected ? `Rejected records are listed in ${rejectsPath}` : `No rejects (report: ${rejectsPath})`];
    if (summary.stoppedAfterLine !== undefined) {
      lines.push(`Stopped by a signal: the records up to line ${summary.stoppedAfterLine} are imported, none after it.`
        + ' Importing the file again continues (stored records come out unchanged).');
    }
    process.stdout.write(`${lines.join('\n')}\n`);
    process.exitCode = summary.stoppedAfterLine !== undefined ? STOPPED : summary.rejected ? 2 : 0;
  } finally {
    await orm.close();
  }
}, settings.SHUTDOWN_TIMEOUT_MS);
