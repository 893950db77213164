import { readFile } from 'node:fs/promises';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrowserContext, Page } from 'playwright-core';
import { exampleQueries } from '../../src/http/graphiql.ts';
import { seedDemoData } from '../../src/seed/seeder.ts';
import { Territories } from '../../src/modules/dictionary/territories.ts';
import { createTestIssuer } from '../support/auth.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { startSignInServer } from '../support/sign-in.ts';
import { launchChromium, offline } from './chromium.ts';

// Signing in from GraphiQL in a real browser (Debian's headless Chromium), through the development
// identity provider on its own port: the page says who is signed in and as what; the schema loads at
// once (Docs shows no error); every example tab runs; a reload keeps the session; the CSV export
// downloads with the cookie; sign-out ends it, after which a query is 401. Every request to an
// origin other than the API's and the provider's is refused, so the page needs no internet.

const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));

let db: TestDatabase;
let server: Awaited<ReturnType<typeof startSignInServer>>;
let browser: BrowserContext;
let closeBrowser: (() => Promise<void>) | undefined;
let foreign: string[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemoData(db.orm, await Territories.load(db.orm.em.fork()), { cards: 60 });
  server = await startSignInServer(db.orm, { auth: (await createTestIssuer()).settings, registry: null });
  ({ browser, close: closeBrowser } = await launchChromium());
  foreign = await offline(browser, server.base, server.provider.issuer);
}, 90_000);

afterAll(async () => {
  await closeBrowser?.();
  await server?.stop();
  await db?.close();
});

const graphqlStatus = (page: Page) => page.evaluate(async () => (await fetch('/graphql', {
  method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ regions { code } }' }),
})).status);

describe('signing in from GraphiQL', () => {
  it('signs an analyst in through the local provider; the schema loads, every example runs, the session survives a reload, the CSV downloads, sign-out ends it', async () => {
    const { base } = server;
    const page = await browser.newPage();
    const failures: string[] = [];
    page.on('pageerror', (error) => failures.push(error.message));
    await page.goto(`${base}/graphql`);
    await page.getByTestId('signed-out').waitFor({ timeout: 20_000 });
    expect(await graphqlStatus(page)).toBe(401);

    await page.getByRole('link', { name: 'Sign in' }).click();
    // The provider's page: pick the analyst.
    await page.getByRole('button', { name: /^ANALYST:/ }).click();
    await page.waitForURL(`${base}/graphql`);
    const who = page.getByTestId('signed-in');
    await who.waitFor({ timeout: 20_000 });
    expect(await who.innerText()).toMatch(/Signed in as .+ — ANALYST/);
    await page.locator('.graphiql-container').waitFor({ timeout: 20_000 });

    // The schema loaded with the cookie: Docs lists the root types, no "Error fetching schema".
    await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
    const docs = page.locator('.graphiql-doc-explorer');
    await docs.getByText('Query', { exact: false }).first().waitFor({ timeout: 20_000 });
    expect(await page.getByText('Error fetching schema').count()).toBe(0);

    // The explorer plugin is there (offline).
    await page.getByRole('button', { name: 'Show GraphiQL Explorer' }).click();
    await page.locator('.graphiql-explorer-root, .doc-explorer-contents').first().waitFor({ timeout: 20_000 });

    // Every example tab runs without an error.
    const examples = exampleQueries();
    const tabs = page.locator('.graphiql-tab');
    expect(await tabs.count()).toBe(examples.length);
    for (let i = 0; i < examples.length; i++) {
      await tabs.nth(i).locator('.graphiql-tab-button').click();
      // Run once the tab's own operation is in the editor (GraphiQL names the operation it sends from it).
      const operation = /^(?:query|mutation) (\w+)/m.exec(examples[i]!.query)![1]!;
      await page.locator('.graphiql-query-editor .CodeMirror').filter({ visible: true }).first().getByText(operation).first().waitFor();
      await page.locator('.graphiql-execute-button').click();
      const response = page.locator('.graphiql-response');
      await response.getByText('"data"').first().waitFor({ timeout: 30_000 }).catch(async (error) => {
        throw new Error(`${examples[i]!.name}: ${(await response.innerText()).slice(0, 800)}`, { cause: error });
      });
      const shown = await response.innerText();
      expect({ example: examples[i]!.name, errors: shown.includes('"errors"') ? shown.slice(0, 500) : null }).toEqual({ example: examples[i]!.name, errors: null });
    }

    // Signed in, the explorer open, the last example's answer shown.
    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'graphiql-signed-in.png'), fullPage: true });

    // A reload keeps the session.
    await page.reload();
    await page.getByTestId('signed-in').waitFor({ timeout: 20_000 });

    // The CSV export linked from the examples downloads with the cookie, as a link opened in the page.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.evaluate(() => {
        const dom = (globalThis as any).document;
        const link = dom.createElement('a');
        link.href = '/export/statistics.csv?table=registrations&from=2015-01-01&to=2026-11-29&groupBy=REGION';
        dom.body.append(link);
        link.click();
      }),
    ]);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv.split('\n')[0]).toMatch(/,/);
    expect(csv.split('\n').length).toBeGreaterThan(2);

    // Sign out: the provider's session ends too, and the page comes back signed out.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${base}/graphql`);
    await page.getByTestId('signed-out').waitFor({ timeout: 20_000 });
    expect(await graphqlStatus(page)).toBe(401);

    expect(failures).toEqual([]);
    expect(foreign).toEqual([]);
  }, 180_000);
});
