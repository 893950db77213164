import { mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrowserContext } from 'playwright-core';
import { toGlobalId } from '../../src/api/relay.ts';
import { createTestIssuer } from '../support/auth.ts';
import { aCard, aCareerCenter } from '../support/builders.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer } from '../support/http.ts';
import { launchChromium } from '../graphiql/chromium.ts';

// Page 1 of a printed card as a reader sees it: the PDF from the API rendered by pdf.js inside
// Debian's headless Chromium, to test-artifacts/printed-card-<language>.png for a person to look
// at. pdf.js is served from node_modules on a made-up origin; every other request is refused.

const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));
const PDFJS = fileURLToPath(new URL('../../node_modules/pdfjs-dist/build/', import.meta.url));
const ORIGIN = 'http://printout.test';
const PAGE = `<!doctype html><meta charset="utf-8"><body style="margin:0;background:#888">
<canvas id="page"></canvas>
<script type="module">
  import * as pdfjs from '/pdf.mjs';
  pdfjs.GlobalWorkerOptions.workerSrc = '/pdf.worker.mjs';
  try {
    const document = await pdfjs.getDocument({ url: '/card.pdf', isEvalSupported: false }).promise;
    const page = await document.getPage(1);
    const viewport = page.getViewport({ scale: 2 });
    const canvas = window.document.getElementById('page');
    canvas.width = viewport.width;
    canvas.height = viewport.height;
    await page.render({ canvas, viewport }).promise;
    const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let ink = 0;
    for (let i = 0; i < pixels.length; i += 4) if (pixels[i] < 128 && pixels[i + 1] < 128 && pixels[i + 2] < 128) ink++;
    window.rendered = { pages: document.numPages, width: canvas.width, height: canvas.height, ink: ink / (canvas.width * canvas.height) };
  } catch (error) {
    window.rendered = { error: String(error) };
  }
</script>`;

let db: TestDatabase;
let base: string;
let token: string;
let cardId: string;
let stop: () => Promise<void>;
let browser: BrowserContext;
let closeBrowser: (() => Promise<void>) | undefined;
const foreign: string[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  const issuer = await createTestIssuer();
  const center = await aCareerCenter(db.orm.em.fork());
  cardId = toGlobalId('Card', (await aCard().complete().save(db.orm.em.fork(), center)).id);
  token = await issuer.token({ role: 'CASEWORKER', careerCenter: center.code });
  ({ base, stop } = await startTestServer(db.orm, { auth: issuer.settings, registry: null }));
  ({ browser, close: closeBrowser } = await launchChromium());
}, 60_000);

afterAll(async () => {
  await closeBrowser?.();
  await stop();
  await db.close();
});

describe('the printed card in a browser', () => {
  it.each(['kk', 'ru'])('renders page 1 in %s with pdf.js to test-artifacts/', async (language) => {
    const response = await fetch(`${base}/cards/${cardId}.pdf?language=${language}`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    const pdf = Buffer.from(await response.arrayBuffer());
    const page = await browser.newPage();
    await page.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      if (url.origin !== ORIGIN) {
        foreign.push(url.href);
        return route.abort();
      }
      if (url.pathname === '/') return route.fulfill({ contentType: 'text/html', body: PAGE });
      if (url.pathname === '/card.pdf') return route.fulfill({ contentType: 'application/pdf', body: pdf });
      if (url.pathname === '/pdf.mjs' || url.pathname === '/pdf.worker.mjs') {
        return route.fulfill({ contentType: 'text/javascript', body: await readFile(join(PDFJS, url.pathname.slice(1))) });
      }
      return route.fulfill({ status: 404, body: '' });
    });
    await page.goto(`${ORIGIN}/`);
    await page.waitForFunction(() => (globalThis as { rendered?: unknown }).rendered !== undefined, undefined, { timeout: 60_000 });
    const rendered = await page.evaluate(() => (globalThis as unknown as { rendered: { error?: string; pages: number; width: number; height: number; ink: number } }).rendered);
    expect(rendered.error).toBeUndefined();
    await mkdir(ARTIFACTS, { recursive: true });
    const file = join(ARTIFACTS, `printed-card-${language}.png`);
    await page.locator('#page').screenshot({ path: file });
    await page.close();
    // An A4 page (595 × 842 pt) at twice its size, with text on it: neither blank nor a black box.
    expect(rendered).toMatchObject({ width: 1190, height: 1683 });
    expect(rendered.pages).toBeGreaterThan(1);
    expect(rendered.ink).toBeGreaterThan(0.01);
    expect(rendered.ink).toBeLessThan(0.3);
    expect((await stat(file)).size).toBeGreaterThan(50_000);
    expect(foreign).toEqual([]);
  });
});
