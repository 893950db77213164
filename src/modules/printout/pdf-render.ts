import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import pdfmake, { type Content } from 'pdfmake';

// The PDF laid out by pdfmake, in a worker thread of the printer (pdf-printer.ts): a long card
// takes pdfmake hundreds of milliseconds of CPU, which on the server's own thread would hold every
// other request of its process. A job is data only, as it crosses threads: pdfmake's definition
// with its table layouts named, and the words of the running header and footer, whose functions
// are made here. This module imports nothing of the API's, so a worker loads little.

export const FONT_DIR = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
/** The font files, put in pdfmake's virtual file system once per thread: nothing is read from disk per document. */
export const FONT_FILES = { normal: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf', mono: 'DejaVuSansMono.ttf' } as const;

/** A document to lay out. */
export interface PrintJob {
  /** pdfmake's document definition, without the functions (which cannot cross threads). */
  definition: { content: Content; [key: string]: unknown };
  running: {
    /** On the left of every page's header. */
    title: string;
    /** The card and its version: right of the header, left of the footer. */
    cardLine: string;
    /** "Page {page} of {pages}", in the document's language. */
    pageOf: string;
  };
}

type Node = { table: { body: unknown[] } };
/** The table layouts a definition names. */
export const LAYOUTS = {
  /** A part's fields, and the tables of lists: a grid of thin lines, as a paper form's boxes. */
  grid: { hLineWidth: () => 0.5, vLineWidth: () => 0.5, hLineColor: () => '#8a8a8a', vLineColor: () => '#8a8a8a' },
  /** An entry's fields inside its row: rules between them only. */
  inside: {
    hLineWidth: (i: number, node: Node) => (i === 0 || i === node.table.body.length ? 0 : 0.5), vLineWidth: () => 0, hLineColor: () => '#c8c8c8',
    paddingLeft: (i: number) => (i === 0 ? 0 : 4),
  },
} as const;
export type LayoutName = keyof typeof LAYOUTS;

let ready = false;
function printer(): typeof pdfmake {
  if (ready) return pdfmake;
  const vfs = (pdfmake as unknown as { virtualfs: { writeFileSync(name: string, data: Buffer): void } }).virtualfs;
  for (const file of Object.values(FONT_FILES)) vfs.writeFileSync(file, readFileSync(join(FONT_DIR, file)));
  pdfmake.setFonts({
    DejaVuSans: { normal: FONT_FILES.normal, bold: FONT_FILES.bold, italics: FONT_FILES.normal, bolditalics: FONT_FILES.bold },
    DejaVuSansMono: { normal: FONT_FILES.mono, bold: FONT_FILES.mono, italics: FONT_FILES.mono, bolditalics: FONT_FILES.mono },
  });
  pdfmake.addTableLayouts(LAYOUTS);
  // A document names no images or files: nothing outside the fonts above is fetched or read.
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
  ready = true;
  return pdfmake;
}

/** The job's PDF. */
export default function render({ definition, running }: PrintJob): Promise<Buffer> {
  return printer().createPdf({
    ...definition,
    // A heading is not left alone at the foot of a page.
    pageBreakBefore: (node: { headlineLevel?: number; startPosition: { verticalRatio: number } }) => node.headlineLevel === 1 && node.startPosition.verticalRatio > 0.85,
    header: () => ({
      columns: [{ text: running.title, style: 'running' }, { text: running.cardLine, style: 'running', alignment: 'right' }],
      margin: [40, 22, 40, 0],
    }),
    footer: (page, pages) => ({
      columns: [
        { text: running.cardLine, style: 'running' },
        { text: running.pageOf.replace('{page}', String(page)).replace('{pages}', String(pages)), style: 'running', alignment: 'right' },
      ],
      margin: [40, 12, 40, 0],
    }),
  }).getBuffer();
}
