import { afterAll, describe, expect, it } from '@jest/globals';
import { pdfPrinter, PrinterBusy } from '../../src/modules/printout/pdf-printer.ts';
import { pdfPages, squeezed } from '../support/pdf-text.ts';
import { tableJob } from '../support/print-jobs.ts';

// The printer lays PDFs out in worker threads: as many at once as it has threads, as many more
// waiting as its queue holds, and one beyond that is refused at once (the route answers 503).

const printer = pdfPrinter({ threads: 1, queue: 1 });
afterAll(() => printer.close());

describe('the PDF printer', () => {
  it('lays out a job in a thread, with the running header and "page N of M" on every page', async () => {
    const pages = await pdfPages(await printer.print(tableJob(300)));
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page, n) => {
      expect(squeezed(page)).toContain(squeezed('Карта X · нұсқасы 1'));
      expect(squeezed(page)).toContain(squeezed(`${n + 1}-бет, барлығы ${pages.length}`));
    });
  });

  it('refuses a job beyond its threads and queue at once, and takes jobs again when they are done', async () => {
    const first = printer.print(tableJob(200));
    const second = printer.print(tableJob(200));
    await expect(printer.print(tableJob(1))).rejects.toBeInstanceOf(PrinterBusy);
    for (const pdf of await Promise.all([first, second])) expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await printer.print(tableJob(1))).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('prints again after it was closed (its threads start anew)', async () => {
    await printer.close();
    expect((await printer.print(tableJob(1))).subarray(0, 5).toString()).toBe('%PDF-');
  });
});
