import { startCommand, wholeArgument } from './command.ts';

// npm run bench:printout: how long the printed card takes to lay out, and what laying it out does
// to the other requests of the process — on the thread that serves them (as before the printer
// had threads of its own) and in the printer's threads. In-process, on a scratch database of demo
// cards. Not a test: it prints figures.

const { values, settings } = startCommand({
  usage: 'npm run bench:printout -- [--jobs N] [--visits N]',
  summary: 'Times the printed card (PDF) of a demo card and of a long one, laid out on the serving thread and in 1 and 2 printer threads,\n'
    + 'with the delay the serving thread\'s event loop sees meanwhile; on a scratch database of 50 demo cards\n'
    + '(embedded PGlite, or a new database on the PostgreSQL server of DATABASE_URL, dropped afterwards).\n'
    + 'Exit status: 0 done; 1 failure; 64 bad arguments; 78 a bad setting.',
  options: {
    jobs: { type: 'string', default: '12', value: 'N', help: 'long cards printed at once in the load run' },
    visits: { type: 'string', default: '100', value: 'N', help: '§18 visits of the long card' },
  },
  settings: ['DATABASE_URL', 'LOG_LEVEL'],
});
const jobs = wholeArgument('jobs', values.jobs, 1);
const visits = wholeArgument('visits', values.visits, 1);

const [{ scratchDatabase }, { seedDemoData }, { Territories }, { Card }, { readWholeCards }, { printedCard }, { printJob }, { pdfPrinter }, render] = await Promise.all([
  import('../bench/database.ts'), import('../seed/seeder.ts'), import('../modules/dictionary/territories.ts'), import('../modules/card/card.entity.ts'),
  import('../modules/card/whole-card.ts'), import('../modules/printout/printout.service.ts'), import('../modules/printout/printout.pdf.ts'), import('../modules/printout/pdf-printer.ts'),
  import('../modules/printout/pdf-render.ts').then((module) => module.default),
]);
const say = (line: string) => process.stdout.write(`${line}\n`);

/** How long the serving thread goes without running a 5 ms timer: its stalls, as other requests would feel them. */
function stallProbe() {
  const gaps: number[] = [];
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    gaps.push(now - last);
    last = now;
  }, 5);
  return async () => {
    // One more turn, so that a stall lasting to the end is counted.
    await new Promise((resolve) => setTimeout(resolve, 10));
    clearInterval(timer);
    gaps.sort((a, b) => a - b);
    return { p99: gaps[Math.floor(gaps.length * 0.99)] ?? 0, max: gaps.at(-1) ?? 0 };
  };
}

const db = await scratchDatabase(settings.DATABASE_URL);
try {
  const territories = await Territories.load(db.orm.em.fork());
  await seedDemoData(db.orm, territories, { cards: 50 });
  const em = db.orm.em.fork();
  const cards = await em.find(Card, {}, { orderBy: { id: 'asc' }, limit: 50 });
  const wholes = await readWholeCards(em, cards);
  const printed = [...wholes.values()].map((whole) => printedCard(whole, { masker: null, now: new Date() }));
  // The demo card with the most visits, its §18 rows repeated to `visits`: a long card.
  const visitsOf = (card: (typeof printed)[number]) => card.sections.find((section) => section.form.printed.number === '18')!;
  const typical = printed.reduce((a, b) => ((visitsOf(b).entries?.length ?? 0) > (visitsOf(a).entries?.length ?? 0) ? b : a));
  const first = visitsOf(typical).entries?.[0] ?? { plannedOn: '2026-01-05', attendedOn: '2026-01-05', note: 'келді' };
  const long = {
    ...typical,
    sections: typical.sections.map((section) => (section.form.printed.number === '18' ? { ...section, entries: Array.from({ length: visits }, () => first) } : section)),
  };
  // A job each time: pdfmake writes its layout into the definition it is given.
  const typicalJob = () => printJob(typical, 'KK', territories);
  const longJob = () => printJob(long, 'KK', territories);

  const variants = [
    { name: 'serving thread', printer: { print: (job: Parameters<typeof render>[0]) => render(job), close: async () => {} } },
    { name: '1 printer thread', printer: pdfPrinter({ threads: 1, queue: jobs }) },
    { name: '2 printer threads', printer: pdfPrinter({ threads: 2, queue: jobs }) },
  ];
  say(`printed card, ${db.kind}: a demo card (${visitsOf(typical).entries?.length ?? 0} visits) and a long one (${visits} visits); ${jobs} long cards at once in the load run`);
  say('| laid out on | demo card, median ms | long card, median ms | pages | load: PDFs/s | load: serving thread stalled p99 / max, ms |');
  say('| --- | --- | --- | --- | --- | --- |');
  for (const { name, printer } of variants) {
    const time = async (job: typeof longJob, runs: number) => {
      await printer.print(job());
      const times: number[] = [];
      let bytes: Buffer = Buffer.alloc(0);
      for (let i = 0; i < runs; i++) {
        const started = performance.now();
        bytes = await printer.print(job());
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      return { median: times[Math.floor(times.length / 2)]!, pages: (bytes.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length };
    };
    const demo = await time(typicalJob, 5);
    const longOne = await time(longJob, 3);
    const stalls = stallProbe();
    const started = performance.now();
    // As requests come: one after another, each a turn of the loop apart.
    await Promise.all(Array.from({ length: jobs }, (_, i) => new Promise((resolve) => setTimeout(resolve, i)).then(() => printer.print(longJob()))));
    const seconds = (performance.now() - started) / 1000;
    const { p99, max } = await stalls();
    say(`| ${name} | ${demo.median.toFixed(0)} | ${longOne.median.toFixed(0)} | ${longOne.pages} | ${(jobs / seconds).toFixed(1)} | ${p99.toFixed(0)} / ${max.toFixed(0)} |`);
    await printer.close();
  }
} finally {
  await db.drop();
}
