import { spawnSync } from 'node:child_process';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';

// `npm test` needs only Node and npm; the browser suite needs Chromium too, and on a machine
// without it says what to install before doing anything else, rather than failing after a timeout.

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('npm run test:browser without Chromium', () => {
  it('stops at once, before any suite, naming the install command', () => {
    const started = performance.now();
    // PATH holds only this Node: no chromium on it, whatever the machine has installed.
    const run = spawnSync(process.execPath, ['--experimental-vm-modules', 'node_modules/jest/bin/jest.js', '--config', 'jest.browser.config.js'], {
      cwd: root, encoding: 'utf8', env: { ...process.env, PATH: dirname(process.execPath) }, timeout: 60_000,
    });
    const seconds = (performance.now() - started) / 1000;
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('apt-get install chromium');
    expect(run.stderr).not.toMatch(/Tests:|beforeAll/);
    // Jest's start alone; the suite's own set-up (a database, a server) allows itself 60 s.
    expect(seconds).toBeLessThan(30);
  });
});
