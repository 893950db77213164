import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrowserContext } from 'playwright-core';
import { createTestIssuer } from '../support/auth.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer } from '../support/http.ts';
import { launchChromium, offline, withBearer } from './chromium.ts';

// GraphiQL's "Іздеу / Поиск" panel in a real browser (Debian's headless Chromium): a reader types the
// dictionary form of a word of the form's heading, in Russian then in Kazakh, and finds §12; a result
// opens in Docs. Every request to another origin is refused, so the page needs no internet. The token
// goes on the page's requests to /graphql, however the page itself signs in.

const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));
const HEADING_12 = '§12 Жұмыс іздеуші адам ретінде тіркелгені туралы мәліметтер / Сведения о регистрации в качестве лица, ищущего работу';

let db: TestDatabase;
let base: string;
let token: string;
let stop: () => Promise<void>;
let browser: BrowserContext;
let closeBrowser: (() => Promise<void>) | undefined;
let foreign: string[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  const issuer = await createTestIssuer();
  token = await issuer.token({ role: 'ANALYST', careerCenter: null });
  ({ base, stop } = await startTestServer(db.orm, { auth: issuer.settings, registry: null }));
  ({ browser, close: closeBrowser } = await launchChromium());
  foreign = await offline(browser, base);
}, 60_000);

afterAll(async () => {
  await closeBrowser?.();
  await stop?.();
  await db?.close();
});

describe('GraphiQL search', () => {
  it('finds §12 by «регистрация» and by «тіркеу», and opens a result in Docs', async () => {
    const page = await browser.newPage();
    const failures: string[] = [];
    page.on('pageerror', (error) => failures.push(error.message));
    await withBearer(page, base, token);
    await page.goto(`${base}/graphql`);
    await page.locator('.graphiql-container').waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Show Іздеу / Поиск' }).click();
    const panel = page.locator('.schema-search');
    const input = panel.getByRole('searchbox', { name: 'Іздеу / Поиск' });
    const result = (name: string) => panel.locator('li').filter({ has: page.locator('code', { hasText: new RegExp(`^${name.replace('.', '\\.')}$`) }) });

    for (const query of ['регистрация', 'тіркеу']) {
      await input.fill(query);
      const jobSeeker = result('Card.jobSeekerRegistrations');
      await jobSeeker.waitFor({ timeout: 20_000 });
      expect((await jobSeeker.innerText()).replace(/\s+/g, ' ')).toContain(HEADING_12);
      await result('Card.unemployedRegistrations').waitFor();
      await result('Registration').waitFor();
      expect(await result('Card.visits').count()).toBe(0);
      // The inflected form in the heading is marked where the stem matched.
      expect(await jobSeeker.locator('mark').allInnerTexts()).toEqual([query === 'регистрация' ? 'регистрац' : 'тірке']);
    }
    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'graphiql-search.png'), fullPage: true });

    // A result opens in Docs, on the field's own page.
    await result('Card.jobSeekerRegistrations').getByRole('button').click();
    const docs = page.locator('.graphiql-doc-explorer');
    await docs.locator('.graphiql-doc-explorer-title', { hasText: 'jobSeekerRegistrations' }).waitFor({ timeout: 20_000 });
    expect((await docs.innerText()).replace(/\s+/g, ' ')).toContain(HEADING_12);

    // Back in the panel, the query is still there.
    await page.getByRole('button', { name: 'Show Іздеу / Поиск' }).click();
    expect(await input.inputValue()).toBe('тіркеу');

    expect(failures).toEqual([]);
    expect(foreign).toEqual([]);
  }, 90_000);
});
