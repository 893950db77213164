import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it, jest } from '@jest/globals';
import { toGlobalId } from '../../src/api/relay.ts';
import { aCareerCenter, nextIin } from '../support/builders.ts';
import { runCommand } from '../support/command.ts';
import { codesOf, servedApi } from '../support/served-api.ts';

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

describe('the citizen app on a server that runs only its manifest (TRUSTED_DOCUMENTS=dev/mobile/manifest.json)', () => {
  const api = servedApi(() => ({ trustedDocuments: `${DIR}/manifest.json`, rateLimit: { perWindow: 0, windowSeconds: 60 } }));
  const operations = new Map((JSON.parse(readFileSync(`${DIR}/manifest.json`, 'utf8')) as { operations: { name: string; body: string }[] }).operations.map((o) => [o.name, o.body]));

  it('applies, reads its applications and withdraws one, with the manifest\'s operations and nothing else', async () => {
    const center = await aCareerCenter(api.db.orm.em.fork(), { code: 'CC-MOBILE' });
    const iin = nextIin('1994-10-10', 'FEMALE');
    const person = { role: 'CITIZEN' as const, subject: iin, careerCenter: null };
    const centers = await api.post(operations.get('CareerCenters')!, {}, person);
    expect(centers.body.data.careerCenters.map((c: { code: string }) => c.code)).toContain('CC-MOBILE');

    const applied = await api.post(operations.get('Apply')!, {
      input: { kind: 'UNEMPLOYED', careerCenter: toGlobalId('CareerCenter', center.id), fullName: { surname: 'Серікова', givenName: 'Дана' }, phone: '+77012223344' },
    }, person);
    expect(applied.body.data.cardApply).toMatchObject({ application: { kind: 'UNEMPLOYED', status: 'APPLIED' }, registrationStatus: 'NONE', userErrors: [] });

    const mine = (await api.post(operations.get('MyApplications')!, { iin }, person)).body.data.cardByIin;
    expect(mine.unemployedRegistrations).toEqual([expect.objectContaining({ id: applied.body.data.cardApply.application.id, status: 'APPLIED' })]);

    const withdrawn = await api.post(operations.get('Withdraw')!, { id: mine.unemployedRegistrations[0].id, version: mine.version }, person);
    expect(withdrawn.body.data.registrationWithdraw).toMatchObject({ registration: { status: 'WITHDRAWN' }, userErrors: [] });

    const other = await api.post('{ applications { edges { cursor } } }', {}, person);
    expect(codesOf(other)).toEqual(['DOCUMENT_NOT_TRUSTED']);
  });
});
