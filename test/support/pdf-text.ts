import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

// The text of a PDF, page by page, as pdfjs extracts it (what a reader's search finds).

/** Whitespace (no-break spaces too) taken out, so a phrase is found however the layout wrapped it. */
export const squeezed = (text: string) => text.replace(/[\s\u00a0]+/g, '');

/** Each page's text: its items joined, a space at each line's end. */
export async function pdfPages(bytes: Uint8Array): Promise<string[]> {
  const task = getDocument({ data: new Uint8Array(bytes) });
  const document = await task.promise;
  try {
    const pages: string[] = [];
    for (let n = 1; n <= document.numPages; n++) {
      const content = await (await document.getPage(n)).getTextContent();
      pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? ' ' : '') : '')).join(''));
    }
    return pages;
  } finally {
    await task.destroy();
  }
}
