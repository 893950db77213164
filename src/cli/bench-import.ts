import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { scratchDatabase } from '../bench/database.ts';
import { generateImportRecords, writeImportFile } from '../bench/import-records.ts';
import { seedDemoData } from '../seed/seeder.ts';
import { systemClock } from '../modules/base/clock.ts';
import { CareerCenter } from '../modules/career-center/career-center.entity.ts';
import { Territories } from '../modules/dictionary/territories.ts';
import { importFile } from '../modules/import/import-file.ts';

// npm run bench:import [-- --records 100000 --batch 500 --writers 2 --embedded]
// Generates deterministic import records (the demo seeder's people, in the import format), then
// imports the file into a scratch PostgreSQL database (DATABASE_URL, or the local server) the way
// `npm run import` does, and prints cards per second and the process's memory: RSS after 10,000
// records, at the end, and at its peak (the two samples after a full GC, so they count what is
// kept rather than garbage not yet collected). Not a test: figures, no assertions.

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '100000' },
    writers: { type: 'string', default: '2' },
    batch: { type: 'string', default: '500' },
    embedded: { type: 'boolean', default: false },
  },
});
const total = Number(values.records);
const batchSize = Number(values.batch);
const MB = 1024 * 1024;
const mb = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`;

const server = values.embedded ? undefined : (process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
const db = await scratchDatabase(server);
const dir = await mkdtemp(join(tmpdir(), 'bench-import-'));
try {
  const territories = await Territories.load(db.orm.em.fork());
  await seedDemoData(db.orm, territories, { cards: 0 }); // the career centers the records name
  const codes = (await db.orm.em.fork().find(CareerCenter, {}, { orderBy: { code: 'asc' } })).map((center) => center.code);
  const file = join(dir, 'cards.ndjson');
  let started = performance.now();
  await writeImportFile(file, generateImportRecords(total, { careerCenterCodes: codes, regions: territories.regions }));
  console.log(`Generated ${total} records (${mb((await stat(file)).size)}) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  console.log(`Importing into ${db.kind}, ${batchSize} records per transaction…`);

  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let rssAt10k = 0;
  let heapAt10k = 0;
  let rssPeak = rssBefore;
  started = performance.now();
  const summary = await importFile({
    em: db.orm.em.fork(),
    actor: { id: 'import:bench', name: 'Import benchmark' },
    territories,
    now: () => systemClock.now(),
    today: () => '2026-11-29',
  }, {
    path: file,
    rejectsPath: join(dir, 'rejects.csv'),
    batchSize,
    writers: Number(values.writers),
    progress: { out: process.stderr, isTTY: process.stderr.isTTY === true },
    onBatch: (counts) => {
      rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
      if (!rssAt10k && counts.read >= 10_000) {
        global.gc?.();
        rssAt10k = process.memoryUsage().rss;
        heapAt10k = process.memoryUsage().heapUsed;
      }
    },
  });
  const seconds = (performance.now() - started) / 1000;
  global.gc?.();
  const rssEnd = process.memoryUsage().rss;
  const heapEnd = process.memoryUsage().heapUsed;
  const stored = summary.created + summary.updated + summary.unchanged;
  console.log([
    '',
    `records read           ${summary.read}`,
    `cards created          ${summary.created} (updated ${summary.updated}, unchanged ${summary.unchanged}, rejected ${summary.rejected})`,
    `elapsed                ${seconds.toFixed(1)} s`,
    `throughput             ${Math.round(stored / seconds)} cards/s`,
    `RSS before import      ${mb(rssBefore)}`,
    `RSS after 10,000       ${mb(rssAt10k)}`,
    `RSS at the end         ${mb(rssEnd)}`,
    `RSS growth 10k → end   ${mb(rssEnd - rssAt10k)} (live JS heap ${mb(heapAt10k)} → ${mb(heapEnd)})`,
    `RSS peak (sampled)     ${mb(rssPeak)}; process max RSS ${mb(process.resourceUsage().maxRSS * 1024)}`,
  ].join('\n'));
} finally {
  await rm(dir, { recursive: true, force: true });
  await db.drop();
}
