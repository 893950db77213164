import type { PrintJob } from '../../src/modules/printout/pdf-render.ts';

/** A document of `rows` table rows, in the printed card's font and layout: the more rows, the longer a thread lays it out. */
export const tableJob = (rows: number): PrintJob => ({
  definition: {
    defaultStyle: { font: 'DejaVuSans', fontSize: 8 },
    content: [{ table: { headerRows: 1, widths: [40, '*'], body: [['№', 'Жол'], ...Array.from({ length: rows }, (_, i) => [String(i + 1), `қатар ${i + 1}`])] }, layout: 'grid' }],
  },
  running: { title: 'Сынақ', cardLine: 'Карта X · нұсқасы 1', pageOf: '{page}-бет, барлығы {pages}' },
});
