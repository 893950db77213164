import { startCommand, wholeArgument } from './command.ts';

// npm run bench:import: generates deterministic import records (the demo seeder's people, in the
// import format), then imports the file into a scratch database the way `npm run import` does, and
// prints cards per second and the process's memory: RSS after 10,000 records, at the end, and at
// its peak (the two samples after a full GC, so they count what is kept rather than garbage not yet
// collected). Not a test: figures, no assertions. The work's modules load only once the arguments
// and the settings are good (as in main.ts).

const LOCAL_SERVER = 'postgres://postgres@127.0.0.1:5432/test';
const { values, settings } = startCommand({
  usage: 'npm run bench:import -- [--records N] [--batch N] [--writers N] [--embedded]',
  summary: `Imports N generated records into a scratch database (a new one on DATABASE_URL's server, else on ${LOCAL_SERVER}; dropped afterwards)\n`
    + 'the way npm run import does, and prints cards per second and the memory used (see docs/import.md).\n'
    + 'Exit status: 0 done; 1 failure; 64 bad arguments; 78 a bad setting.',
  options: {
    records: { type: 'string', default: '100000', value: 'N', help: 'records generated and imported' },
    batch: { type: 'string', default: '500', value: 'N', help: 'records per transaction' },
    writers: { type: 'string', default: '2', value: 'N', help: 'batches written at once' },
    embedded: { type: 'boolean', default: false, help: 'import into an in-memory embedded database (PGlite) instead' },
  },
  settings: ['DATABASE_URL', 'LOG_LEVEL'],
});
const total = wholeArgument('records', values.records, 1);
const batchSize = wholeArgument('batch', values.batch, 1);
const writers = wholeArgument('writers', values.writers, 1);

const [{ mkdtemp, rm, stat }, { tmpdir }, { join }, { scratchDatabase }, { generateImportRecords, writeImportFile }, { seedDemoData }, { systemClock }, { CareerCenter }, { Territories }, { importFile }] = await Promise.all([
  import('node:fs/promises'), import('node:os'), import('node:path'), import('../bench/database.ts'), import('../bench/import-records.ts'), import('../seed/seeder.ts'),
  import('../modules/base/clock.ts'), import('../modules/career-center/career-center.entity.ts'), import('../modules/dictionary/territories.ts'), import('../modules/import/import-file.ts'),
]);
const say = (line: string) => process.stdout.write(`${line}\n`);

const MB = 1024 * 1024;
const mb = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`;

const server = values.embedded ? undefined : (settings.DATABASE_URL ?? LOCAL_SERVER);
const db = await scratchDatabase(server);
const dir = await mkdtemp(join(tmpdir(), 'bench-import-'));
try {
  const territories = await Territories.load(db.orm.em.fork());
  await seedDemoData(db.orm, territories, { cards: 0 }); // the career centers the records name
  const codes = (await db.orm.em.fork().find(CareerCenter, {}, { orderBy: { code: 'asc' } })).map((center) => center.code);
  const file = join(dir, 'cards.ndjson');
  let started = performance.now();
  await writeImportFile(file, generateImportRecords(total, { careerCenterCodes: codes, regions: territories.regions }));
  say(`Generated ${total} records (${mb((await stat(file)).size)}) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  say(`Importing into ${db.kind}, ${batchSize} records per transaction…`);

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
    writers,
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
  say([
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
