import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { databaseSettings } from '../db/config.ts';
import { migrate, openOrm } from '../db/orm.ts';
import { systemClock } from '../modules/base/clock.ts';
import { Territories } from '../modules/dictionary/territories.ts';
import { importFile } from '../modules/import/import-file.ts';
import { formatSummary } from '../modules/import/progress.ts';
import { ENTITIES } from '../modules/entities.ts';

// npm run import -- <file> [--format ndjson|csv] [--rejects <report.csv>] [--batch 500] [--source <system>]
// Imports card records (schema/import/card-record.schema.json) into the configured database.
// Exit status: 0 when every record was stored, 2 when some were rejected (see the report), 1 on failure.

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    format: { type: 'string' },
    rejects: { type: 'string' },
    writers: { type: 'string', default: '2' },
    batch: { type: 'string', default: '500' },
    source: { type: 'string' },
  },
});
const [path] = positionals;
if (!path) {
  console.error('usage: npm run import -- <file.ndjson|file.csv> [--format ndjson|csv] [--rejects report.csv] [--batch 500] [--source system]');
  process.exit(1);
}
if (values.format && values.format !== 'ndjson' && values.format !== 'csv') throw new Error('--format is ndjson or csv');
const batchSize = Number(values.batch);
if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error('--batch must be a positive whole number');
const source = values.source ?? basename(path);
const rejectsPath = values.rejects ?? `${path}.rejects.csv`;

const orm = await openOrm(databaseSettings(), ENTITIES);
let status = 0;
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
    path,
    format: values.format as 'ndjson' | 'csv' | undefined,
    rejectsPath,
    batchSize,
    writers: Number(values.writers),
    progress: { out: process.stderr, isTTY: process.stderr.isTTY === true },
    // The report says only that the record was not stored; the operator sees the database's reason here.
    onStorageError: (error, line) => console.error(`line ${line}: not stored: ${(error as Error).message}`),
  });
  console.log(formatSummary(summary, summary.elapsedMs));
  console.log(summary.rejected ? `Rejected records are listed in ${rejectsPath}` : `No rejects (report: ${rejectsPath})`);
  status = summary.rejected ? 2 : 0;
} catch (error) {
  console.error(`import failed: ${(error as Error).message}`);
  status = 1;
} finally {
  await orm.close();
}
process.exit(status);
