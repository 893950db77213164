import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

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
