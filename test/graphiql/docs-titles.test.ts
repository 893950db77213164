import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrowserContext } from 'playwright-core';
import { printedForm } from '../../src/modules/printout/printed-form.ts';
import { createTestIssuer } from '../support/auth.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer } from '../support/http.ts';
import { launchChromium, withBearer } from './chromium.ts';

// The form's Kazakh and Russian headings as GraphiQL's Docs show them (src/graphql/section-titles.ts):
// on Card's page, beside each section's field, where the browser's find in page reaches them.
// (Docs' own search box matches names only, and GraphQL names are Latin; the Іздеу / Поиск panel
// searches descriptions: test/graphiql/search.test.ts, docs/api.md.)
// The token goes on the page's requests to /graphql, however the page itself signs in.

let db: TestDatabase;
let base: string;
let token: string;
let stop: () => Promise<void>;
let browser: BrowserContext;
let closeBrowser: (() => Promise<void>) | undefined;

beforeAll(async () => {
  db = await createTestDatabase();
  const issuer = await createTestIssuer();
  token = await issuer.token({ role: 'ANALYST', careerCenter: null });
  ({ base, stop } = await startTestServer(db.orm, { auth: issuer.settings, registry: null }));
  ({ browser, close: closeBrowser } = await launchChromium());
}, 60_000);

afterAll(async () => {
  await closeBrowser?.();
  await stop();
  await db.close();
});

describe('GraphiQL Docs', () => {
  it('show the form\'s headings in Kazakh and Russian beside the sections on Card\'s page', async () => {
    const page = await browser.newPage();
    await withBearer(page, base, token);
    await page.goto(`${base}/graphql`);
    await page.locator('.graphiql-container').waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: /Documentation Explorer/i }).click();
    const search = page.locator('[data-cy="doc-explorer-input"]');
    await search.waitFor({ timeout: 20_000 });
    await search.fill('Card');
    await page.locator('[data-cy="doc-explorer-option"]').filter({ hasText: /^Card$/ }).first().click();
    const docs = page.locator('.graphiql-doc-explorer');
    await docs.getByText('jobSeekerRegistrations').first().waitFor({ timeout: 20_000 });

    // Visible text only: the field list hides all but a description's first paragraph.
    const shown = (await docs.innerText()).replace(/\s+/g, ' ');
    const missing = printedForm().filter(({ printed: { heading } }) => !shown.includes(heading.kk) || !shown.includes(heading.ru))
      .map(({ printed }) => printed.number);
    expect(missing).toEqual([]);
    expect(shown).toContain('Сведения о регистрации в качестве лица, ищущего работу');
    expect(shown).toContain('Жұмыс іздеуші адам ретінде тіркелгені туралы мәліметтер');
  }, 60_000);
});
