import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRejectReport } from '../../../src/modules/import/reject-report.ts';

// The reject report, judged by the bytes it leaves on disk.

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'import-io-rejects-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('reject report', () => {
  it('writes one CSV row per error, quoted as RFC 4180 says', async () => {
    const path = join(dir, 'rejects.csv');
    const report = createRejectReport(path);
    await report.add(12, '900101300013', [
      { field: ['visits', '2', 'plannedOn'], code: 'INVALID_DATE', message: 'a date, e.g. 2025-01-31' },
      { field: ['fullName', 'surname'], code: 'REQUIRED', message: 'the surname "Әбенов" is\nnot allowed' },
    ]);
    await report.add(40, null, [{ field: null, code: 'INVALID_RECORD', message: 'invalid JSON: Unexpected token' }]);
    expect(await report.close()).toBe(3);
    expect(await readFile(path, 'utf8')).toBe(
      'line,iin,field,code,message\r\n'
      + '12,900101300013,visits.2.plannedOn,INVALID_DATE,"a date, e.g. 2025-01-31"\r\n'
      + '12,900101300013,fullName.surname,REQUIRED,"the surname ""Әбенов"" is\nnot allowed"\r\n'
      + '40,,,INVALID_RECORD,invalid JSON: Unexpected token\r\n',
    );
  });

  it('has its header even when nothing was rejected', async () => {
    const path = join(dir, 'empty.csv');
    const report = createRejectReport(path);
    expect(await report.close()).toBe(0);
    expect(await readFile(path, 'utf8')).toBe('line,iin,field,code,message\r\n');
  });

  it('keeps every row when the import outruns the disk', async () => {
    const path = join(dir, 'many.csv');
    const report = createRejectReport(path);
    const message = `too long: ${'ж'.repeat(500)}`;
    for (let line = 1; line <= 5000; line++) {
      await report.add(line, '900101300013', [{ field: ['iin'], code: 'INVALID_IIN', message }, { field: null, code: 'X', message: 'y' }]);
    }
    expect(await report.close()).toBe(10_000);
    const rows = (await readFile(path, 'utf8')).split('\r\n');
    expect(rows).toHaveLength(10_002); // header, rows, and the empty string after the last CRLF
    expect(rows[10_000]).toBe('5000,900101300013,,X,y');
  });

  it('fails, rather than hangs, when the file cannot be written', async () => {
    const report = createRejectReport(join(dir, 'no-such-folder', 'rejects.csv'));
    await expect(report.close()).rejects.toThrow(/ENOENT/);
  });
});
