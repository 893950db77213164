import { accessSync, constants } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

// Debian's Chromium, looked up on PATH as the shell would. The browser suite cannot run without it,
// and `npm run test:browser` says so before anything else (global-setup.ts), not after a timeout.

export const CHROMIUM_MISSING = 'npm run test:browser needs headless Chromium, and there is no `chromium` on PATH: apt-get install chromium';

/** The path of `chromium` on PATH; throws CHROMIUM_MISSING when there is none. */
export function chromiumPath(path = process.env.PATH ?? ''): string {
  for (const dir of path.split(delimiter).filter(Boolean)) {
    const candidate = join(dir, 'chromium');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  throw new Error(CHROMIUM_MISSING);
}

/**
 * Debian's headless Chromium with a fresh profile, as root may run it (no sandbox, nothing fetched
 * on its own); `close()` ends it and removes the profile.
 */
export async function launchChromium(): Promise<{ browser: BrowserContext; close: () => Promise<void> }> {
  const profile = await mkdtemp(join(tmpdir(), 'chromium-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-dev-shm-usage'],
  });
  return {
    browser,
    close: async () => {
      await browser.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Refuses every request of `browser` that goes to none of `origins`, so a page that needs the
 * internet fails; the refused addresses, as they come, for the test to expect none.
 */
export async function offline(browser: BrowserContext, ...origins: string[]): Promise<string[]> {
  const refused: string[] = [];
  await browser.route('**/*', (route) => {
    const url = route.request().url();
    if (origins.some((origin) => url.startsWith(origin))) return route.continue();
    refused.push(url);
    return route.abort();
  });
  return refused;
}

/** The page's requests to `${base}/graphql` carry `token`, however the page itself signs in. */
export async function withBearer(page: Page, base: string, token: string): Promise<void> {
  await page.route(`${base}/graphql`, (route) => route.continue({ headers: { ...route.request().headers(), authorization: `Bearer ${token}` } }));
}
