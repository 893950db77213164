import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { scratchDatabase } from '../../src/bench/database.ts';
import { Card } from '../../src/modules/card/card.entity.ts';
import { CardHistory } from '../../src/modules/history/history.entity.ts';
import { importFile } from '../../src/modules/import/import-file.ts';
import { Territories } from '../../src/modules/dictionary/territories.ts';
import { TODAY } from '../support/api.ts';
import { aCareerCenter, nextIin } from '../support/builders.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { aFullRecord, anIdentityRecord } from './records.ts';
import { counted, growth } from '../support/metrics.ts';

// `npm run import`: a file with good, bad and repeated records, imported twice; and the command
// itself, run as a child process whose output is not a terminal.

let db: TestDatabase;
let territories: Territories;
let dir: string;
const CENTER = 'CC-FILE-1';
const actor = { id: 'import:file-test', name: 'Import from file-test' };

beforeAll(async () => {
  db = await createTestDatabase();
  territories = await Territories.load(db.orm.em.fork());
  await aCareerCenter(db.orm.em.fork(), { code: CENTER });
  dir = await mkdtemp(join(tmpdir(), 'import-file-test-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await db.close();
});

const deps = () => ({ em: db.orm.em.fork(), actor, territories, now: () => new Date(), today: () => TODAY });
const count = (entity: typeof Card | typeof CardHistory) => db.orm.em.fork().count(entity as never, {});

describe('an NDJSON file with good, bad and repeated records', () => {
  const full = aFullRecord(CENTER);
  const identity = anIdentityRecord(CENTER, { phone: '+77012223344' });
  const badDate = anIdentityRecord(CENTER, { openedOn: '2026-12-31' });
  const badIin = anIdentityRecord(CENTER, { iin: '123456789012', fullName: { surname: 'Смит, "Джон"', givenName: 'Ә' } });
  const lines = [
    JSON.stringify(full), // 1 created
    JSON.stringify(identity), // 2 created
    '', // 3 blank: skipped
    '{"iin": "not closed', // 4 malformed
    JSON.stringify(badDate), // 5 rejected: opened in the future
    JSON.stringify(full), // 6 the same person again, nothing new: unchanged
    JSON.stringify(badIin), // 7 rejected: IIN checksum
    JSON.stringify({ ...identity, email: 'new@example.kz' }), // 8 the same person, changed: updated
  ];

  it('counts every outcome exactly, and reports every reject with line, IIN, field, code and message', async () => {
    const path = join(dir, 'cards.ndjson');
    await writeFile(path, `${lines.join('\n')}\n`);
    const cardsBefore = await count(Card);
    const countedBefore = await counted('api_import_records_total');
    const summary = await importFile(deps(), { path, rejectsPath: join(dir, 'rejects.csv'), batchSize: 3 });

    expect(summary).toMatchObject({ read: 7, created: 2, updated: 1, unchanged: 1, rejected: 3, rejectRows: 3 });
    expect(growth(countedBefore, await counted('api_import_records_total'))).toEqual({ created: 2, updated: 1, unchanged: 1, rejected: 3 });
    expect(await count(Card)).toBe(cardsBefore + 2);
    const report = await readFile(join(dir, 'rejects.csv'), 'utf8');
    expect(report.split('\r\n')).toEqual([
      'line,iin,field,code,message',
      expect.stringMatching(/^4,,,INVALID_VALUE,/),
      `5,${badDate.iin},openedOn,IN_FUTURE,openedOn (2026-12-31) is in the future`,
      '7,123456789012,iin,INVALID_VALUE,the 7th digit (century and sex) must be 1 to 6',
      '',
    ]);
  });

  it('changes nothing and adds no history when the same file is imported again', async () => {
    const path = join(dir, 'cards.ndjson');
    const cards = await count(Card);
    const history = await count(CardHistory);
    const summary = await importFile(deps(), { path, rejectsPath: join(dir, 'rejects-again.csv'), batchSize: 500 });
    expect(summary).toMatchObject({ read: 7, created: 0, updated: 0, unchanged: 4, rejected: 3 });
    expect([await count(Card), await count(CardHistory)]).toEqual([cards, history]);
  });

  it('imports the identity part from CSV, quoted fields and Kazakh letters included', async () => {
    const iin = nextIin('1993-08-21', 'FEMALE');
    const path = join(dir, 'people.csv');
    await writeFile(path, [
      'iin,careerCenter,openedOn,surname,givenName,patronymic,region,street,phone',
      `${iin},${CENTER},2026-02-01,Әбілқасымова,"Гүлнұр ""Гуля""",Маратқызы,KZ-75,"Төле би, 155",+77019998877`,
      `${nextIin()},NO-SUCH-CENTER,2026-02-01,Ли,Виктор,,,,`,
    ].join('\n'));
    const summary = await importFile(deps(), { path, rejectsPath: join(dir, 'people.rejects.csv') });
    expect(summary).toMatchObject({ read: 2, created: 1, rejected: 1 });
    const card = await db.orm.em.fork().findOneOrFail(Card, { iin });
    expect([card.fullName.givenName, card.fullName.patronymic, card.address?.street, card.phone]).toEqual(['Гүлнұр "Гуля"', 'Маратқызы', 'Төле би, 155', '+77019998877']);
    expect(await readFile(join(dir, 'people.rejects.csv'), 'utf8')).toContain(',careerCenter,UNKNOWN_CODE,"no career center with code ""NO-SUCH-CENTER"""\r\n');
  });
});

describe('an import stopped by its signal', () => {
  it('finishes the batches being written, writes no other, and counts only what it wrote', async () => {
    const path = join(dir, 'stopped.ndjson');
    const records = Array.from({ length: 10 }, () => anIdentityRecord(CENTER));
    await writeFile(path, `${records.map((r) => JSON.stringify(r)).join('\n')}\n`);
    const stop = new AbortController();
    // Two writers: when the first batch is settled, the second is being written, the third was read.
    const summary = await importFile(deps(), {
      path, rejectsPath: join(dir, 'stopped.rejects.csv'), batchSize: 2, writers: 2, signal: stop.signal, onBatch: () => stop.abort(),
    });
    expect(summary).toMatchObject({ read: 4, created: 4, rejected: 0, stoppedAfterLine: 4 });
    const stored = await db.orm.em.fork().find(Card, { iin: { $in: records.map((r) => r.iin) } });
    expect(stored.map((card) => card.iin).sort()).toEqual(records.slice(0, 4).map((r) => r.iin).sort());
  });
});

describe('npm run import, off a terminal', () => {
  // Two processes, each migrating an embedded database: minutes on a busy machine, as the other spawning suites allow.
  it('prints plain progress lines and the summary, writes the report, and exits with 2 when records were rejected', async () => {
    // A database of its own, prepared and imported into by the commands themselves.
    const scratch = await scratchDatabase(process.env.DATABASE_URL);
    await scratch.orm.close();
    const env = { ...process.env, DATABASE_URL: scratch.url ?? '', PGLITE_DIR: join(dir, 'cli-db') };
    if (!scratch.url) delete (env as Record<string, string | undefined>).DATABASE_URL;
    const node = process.execPath;
    const run = promisify(execFile);
    try {
      await run(node, ['src/cli/seed.ts', '--cards', '0'], { env });
      const path = join(dir, 'cli.ndjson');
      await writeFile(path, [anIdentityRecord('CC-KZ-75-002'), anIdentityRecord('CC-KZ-75-002', { openedOn: 'yesterday' })].map((r) => JSON.stringify(r)).join('\n'));
      const outcome = await run(node, ['src/cli/import.ts', path, '--source', 'test-registry'], { env }).then(
        () => ({ code: 0, stdout: '', stderr: '' }),
        (error: { code: number; stdout: string; stderr: string }) => error,
      );
      expect(outcome.code).toBe(2);
      expect(outcome.stderr).toMatch(/^import: 2 records read \(100%\), 1 created, 0 updated, 0 unchanged, 1 rejected, \d+ records\/s, done in \d+(\.\d)?m?s\n$/);
      expect(outcome.stderr).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f]/);
      expect(outcome.stdout).toMatch(/^read: +2\ncreated: +1\nupdated: +0\nunchanged: +0\nrejected: +1\nelapsed: /);
      expect(outcome.stdout).toContain(`${path}.rejects.csv`);
      expect(await readFile(`${path}.rejects.csv`, 'utf8')).toContain('openedOn,INVALID_VALUE,openedOn is not a valid date (YYYY-MM-DD)');
    } finally {
      if (scratch.url) await scratch.drop().catch(() => undefined);
    }
  }, 180_000);
});
