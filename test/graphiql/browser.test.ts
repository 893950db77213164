import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrowserContext } from 'playwright-core';
import { seedDemoData } from '../../src/seed/seeder.ts';
import { Territories } from '../../src/modules/dictionary/territories.ts';
import { createTestIssuer } from '../support/auth.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer } from '../support/http.ts';
import { launchChromium, offline } from './chromium.ts';

// GraphiQL in a real browser (Debian's headless Chromium): an analyst opens /graphql,
// puts a token in the Headers tab (or once under Shared headers, for every tab and across reloads),
// runs a statistics query and reads the answer off the page,
// with every request to another origin refused, so the page needs no internet. The screenshot goes
// to test-artifacts/.

const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));
const QUERY = `query Totals {
  statistics(period: { from: "2015-01-01", to: "2026-11-29" }) {
    registrations { kind registered }
  }
}`;

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
  await seedDemoData(db.orm, await Territories.load(db.orm.em.fork()), { cards: 60 });
  token = await issuer.token({ role: 'ANALYST', careerCenter: null });
  ({ base, stop } = await startTestServer(db.orm, { auth: issuer.settings, registry: null }));
  ({ browser, close: closeBrowser } = await launchChromium());
  // Offline: anything not from the API itself is refused, and noted.
  foreign = await offline(browser, base);
}, 60_000);

afterAll(async () => {
  await closeBrowser?.();
  await stop();
  await db.close();
});

/** Replaces the text of the CodeMirror editor inside `selector`. */
async function typeInto(page: Awaited<ReturnType<BrowserContext['newPage']>>, selector: string, text: string) {
  await page.locator(`${selector} .CodeMirror`).filter({ visible: true }).first().click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  // insertText: no key events, so the editor's bracket auto-closing adds nothing.
  await page.keyboard.insertText(text);
}

describe('GraphiQL in a browser', () => {
  it('runs an analyst query with a token from the Headers tab, offline, and shows the answer', async () => {
    const page = await browser.newPage();
    const failures: string[] = [];
    page.on('pageerror', (error) => failures.push(error.message));
    await page.goto(`${base}/graphql`);
    await page.locator('.graphiql-container').waitFor({ timeout: 20_000 });
    // The example tabs are offered.
    expect(await page.locator('.graphiql-tab').count()).toBeGreaterThanOrEqual(6);

    await page.getByRole('button', { name: /^Headers$/ }).click();
    await typeInto(page, '.graphiql-editor-tool', JSON.stringify({ Authorization: `Bearer ${token}` }));
    await typeInto(page, '.graphiql-query-editor', QUERY);
    // GraphiQL names the tab once it has parsed the new query; only then does it send its operation name.
    await page.locator('.graphiql-tab-active').getByText('Totals').waitFor();
    await page.locator('.graphiql-execute-button').click();

    const response = page.locator('.graphiql-response');
    await response.getByText('"registered"').first().waitFor({ timeout: 20_000 });
    const shown = (await response.innerText()).replace(/\s+/g, ' ');

    // The same figures the API gives for the same query.
    const direct = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: QUERY }) });
    const { data } = (await direct.json()) as any;
    expect(data.statistics.registrations.length).toBe(2);
    for (const row of data.statistics.registrations) {
      expect(shown).toContain(`"kind": "${row.kind}"`);
      expect(shown).toContain(`"registered": ${row.registered}`);
    }
    expect(shown).not.toContain('UNAUTHENTICATED');

    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'graphiql-analyst-statistics.png'), fullPage: true });
    expect(failures).toEqual([]);
    expect(foreign).toEqual([]);
  }, 60_000);

  it('sends a token saved under Shared headers with every tab and the schema request, and keeps it across a reload', async () => {
    const page = await browser.newPage();
    const failures: string[] = [];
    page.on('pageerror', (error) => failures.push(error.message));
    await page.goto(`${base}/graphql`);
    await page.locator('.graphiql-container').waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Show Shared headers' }).click();
    await page.getByLabel('Shared headers (JSON)').fill(JSON.stringify({ Authorization: `Bearer ${token}` }));
    await page.getByRole('button', { name: 'Save' }).click();

    // Kept in this browser: after a reload the schema loads with it at once and a tab runs with no header of its own.
    await page.reload();
    await page.locator('.graphiql-container').waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
    await page.locator('.graphiql-doc-explorer').getByText('Query').first().waitFor({ timeout: 20_000 });
    expect(await page.getByText('Error fetching schema').count()).toBe(0);
    const tabs = page.locator('.graphiql-tab');
    await tabs.nth(6).locator('.graphiql-tab-button').click();
    await page.locator('.graphiql-query-editor .CodeMirror').filter({ visible: true }).first().getByText('Dictionaries').first().waitFor();
    await page.locator('.graphiql-execute-button').click();
    const response = page.locator('.graphiql-response');
    await response.getByText('"data"').first().waitFor({ timeout: 20_000 }).catch(async (error) => {
      throw new Error(await response.innerText(), { cause: error });
    });
    expect(await response.innerText()).not.toContain('"errors"');
    expect(failures).toEqual([]);
    expect(foreign).toEqual([]);
  }, 60_000);
});
