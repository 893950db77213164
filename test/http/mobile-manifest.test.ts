import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it, jest } from '@jest/globals';
import { runCommand } from '../support/command.ts';

// The citizen app's trusted-documents manifest is committed beside its operation files
// (dev/mobile/): it must be what `npm run manifest` writes from them today, or a deployment with
// TRUSTED_DOCUMENTS=dev/mobile/manifest.json would refuse an operation the app sends.

jest.setTimeout(180_000);

const DIR = 'dev/mobile';

describe('dev/mobile/manifest.json', () => {
  it('is what `npm run manifest -- dev/mobile/*.graphql` writes from the operation files as they stand', async () => {
    const files = readdirSync(DIR).filter((file) => file.endsWith('.graphql')).sort().map((file) => `${DIR}/${file}`);
    const run = await runCommand('cli/manifest.ts', files);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    const committed = JSON.parse(readFileSync(`${DIR}/manifest.json`, 'utf8'));
    expect(committed).toEqual(JSON.parse(run.stdout));
  });

  it('holds the citizen\'s operations: the card, referrals, career centers, applying, the applications and withdrawing', () => {
    const committed = JSON.parse(readFileSync(`${DIR}/manifest.json`, 'utf8')) as { operations: { name: string; type: string }[] };
    expect(committed.operations.map(({ name, type }) => `${type} ${name}`).sort()).toEqual([
      'mutation Apply', 'mutation Withdraw', 'query CareerCenters', 'query MyApplications', 'query MyCard', 'query MyReferrals',
    ]);
  });
});
