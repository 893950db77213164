import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openRecordSource, type RecordSource, type SourceRecord } from '../../../src/modules/import/read-records.ts';

// The import's file reader, judged by what it yields for small files written to a temp folder.

let dir: string;
let fileCount = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'import-io-read-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function file(extension: string, content: string | Buffer): Promise<string> {
  const path = join(dir, `file-${++fileCount}.${extension}`);
  await writeFile(path, content);
  return path;
}

async function readAll(source: RecordSource): Promise<SourceRecord[]> {
  const out: SourceRecord[] = [];
  for await (const item of source.records) out.push(item);
  return out;
}

describe('NDJSON', () => {
  it('yields one record per line with its exact line number, skipping blank lines', async () => {
    const path = await file('ndjson', '{"iin":"1"}\n\n   \n{"iin":"2","fullName":{"surname":"Әбенов"}}\n{"iin":"3"}');
    const source = await openRecordSource(path);
    expect(source.format).toBe('ndjson');
    expect(await readAll(source)).toEqual([
      { line: 1, record: { iin: '1' } },
      { line: 4, record: { iin: '2', fullName: { surname: 'Әбенов' } } },
      { line: 5, record: { iin: '3' } },
    ]);
    expect(source.bytesRead()).toBe(source.totalBytes);
  });

  it('turns malformed JSON and values that are not objects into error records and goes on', async () => {
    const path = await file('ndjson', '{"iin":\n[1,2]\n"text"\n42\nnull\n{"iin":"6"}\n');
    const items = await readAll(await openRecordSource(path));
    expect(items.map((item) => item.line)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(items[0]).toEqual({ line: 1, error: expect.stringMatching(/^invalid JSON: /) });
    expect(items[0]!.error).not.toMatch(/\n|at .*\.js/);
    expect(items.slice(1, 5).map((item) => item.error)).toEqual([
      'expected a JSON object (a card record), got an array',
      'expected a JSON object (a card record), got a string',
      'expected a JSON object (a card record), got a number',
      'expected a JSON object (a card record), got null',
    ]);
    expect(items[5]).toEqual({ line: 6, record: { iin: '6' } });
  });

  it('ignores a BOM on the first line and CRLF line ends', async () => {
    const path = await file('jsonl', '\uFEFF{"iin":"1"}\r\n\r\n{"note":"a\\r\\nb"}\r\n');
    expect(await readAll(await openRecordSource(path))).toEqual([
      { line: 1, record: { iin: '1' } },
      { line: 3, record: { note: 'a\r\nb' } },
    ]);
  });

  it('reports a BOM anywhere but at the start of the file as bad JSON', async () => {
    const path = await file('ndjson', '{"iin":"1"}\n\uFEFF{"iin":"2"}\n');
    const items = await readAll(await openRecordSource(path));
    expect(items[1]).toEqual({ line: 2, error: expect.stringMatching(/^invalid JSON/) });
  });

  it('reports a line that is not UTF-8', async () => {
    const path = await file('ndjson', Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}\n{"a":1}\n')]));
    expect(await readAll(await openRecordSource(path))).toEqual([
      { line: 1, error: 'line is not valid UTF-8' },
      { line: 2, record: { a: 1 } },
    ]);
  });

  it('reports a line longer than 1 MiB without losing the lines around it', async () => {
    const long = `{"note":"${'x'.repeat(1024 * 1024 + 10)}"}`;
    const path = await file('ndjson', `{"iin":"1"}\n${long}\n{"iin":"3"}\n`);
    expect(await readAll(await openRecordSource(path))).toEqual([
      { line: 1, record: { iin: '1' } },
      { line: 2, error: 'line longer than 1048576 bytes' },
      { line: 3, record: { iin: '3' } },
    ]);
  });

  it('reads only as far as the consumer has pulled', async () => {
    const line = `${JSON.stringify({ iin: '900101300013', note: 'y'.repeat(200) })}\n`;
    const path = await file('ndjson', line.repeat(20_000));
    const source = await openRecordSource(path);
    let seen = 0;
    for await (const item of source.records) {
      expect(item.record).toBeDefined();
      if (++seen === 3) break;
    }
    expect(source.totalBytes).toBe(line.length * 20_000);
    expect(source.bytesRead()).toBe(line.length * 3);
  });
});

describe('CSV', () => {
  const HEADER = 'iin,careerCenter,openedOn,surname,givenName,patronymic,region,street,phone';

  it('maps each row to the record shape, leaving out empty cells', async () => {
    const path = await file('csv', [
      HEADER,
      '900101300013,CC-KZ-75-001,2025-01-15,Әбенов,Ерғали,,KZ-75,"ул. Абая, 10",+77011234567',
      '900101300014,CC-KZ-75-001,2025-01-16,Иванова,Мария,Петровна,,,',
    ].join('\n'));
    const source = await openRecordSource(path);
    expect(source.format).toBe('csv');
    expect(await readAll(source)).toEqual([
      {
        line: 2,
        record: {
          iin: '900101300013', careerCenter: 'CC-KZ-75-001', openedOn: '2025-01-15', fullName: { surname: 'Әбенов', givenName: 'Ерғали' },
          address: { region: 'KZ-75', street: 'ул. Абая, 10' }, phone: '+77011234567',
        },
      },
      {
        line: 3,
        record: {
          iin: '900101300014', careerCenter: 'CC-KZ-75-001', openedOn: '2025-01-16',
          fullName: { surname: 'Иванова', givenName: 'Мария', patronymic: 'Петровна' },
        },
      },
    ]);
    expect(source.bytesRead()).toBe(source.totalBytes);
  });

  it('reads quoted commas, quotes and line breaks, and numbers rows by the line they start on', async () => {
    const path = await file('csv', [
      `\uFEFF${HEADER}`,
      '1,CC,2025-01-01,"Қасым ""Жас""","Ал,ма",,,"көше\nҮй 5",',
      '',
      '2,CC,2025-01-02,"Ұлы\r\nДала",Ғани,,,,',
      '3,CC,2025-01-03,Өмір,Іңкәр,,,,',
    ].join('\r\n'));
    const items = await readAll(await openRecordSource(path));
    expect(items.map((item) => item.line)).toEqual([2, 5, 7]);
    expect(items[0]!.record).toMatchObject({ fullName: { surname: 'Қасым "Жас"', givenName: 'Ал,ма' }, address: { street: 'көше\nҮй 5' } });
    expect(items[1]!.record).toMatchObject({ fullName: { surname: 'Ұлы\r\nДала', givenName: 'Ғани' } });
    expect(items[2]!.record).toMatchObject({ iin: '3', fullName: { surname: 'Өмір', givenName: 'Іңкәр' } });
  });

  it('takes the columns in any order', async () => {
    const path = await file('csv', 'givenName,surname,openedOn,careerCenter,iin,email\nАйгүл,Сейітова,2025-02-01,CC,1,a@b.kz\n');
    expect(await readAll(await openRecordSource(path))).toEqual([{
      line: 2,
      record: { iin: '1', careerCenter: 'CC', openedOn: '2025-02-01', fullName: { surname: 'Сейітова', givenName: 'Айгүл' }, email: 'a@b.kz' },
    }]);
  });

  it('rejects a header with an unknown column, a missing required one or nothing at all', async () => {
    await expect(openRecordSource(await file('csv', `${HEADER},shoeSize\n1,2,3,4,5,6,7,8,9,10\n`))).rejects.toThrow(/unknown column "shoeSize"/);
    await expect(openRecordSource(await file('csv', 'iin,careerCenter,openedOn,surname\n1,2,3,4\n'))).rejects.toThrow(/lacks the required column givenName/);
    await expect(openRecordSource(await file('csv', 'iin,iin,careerCenter,openedOn,surname,givenName\n'))).rejects.toThrow(/iin appears more than once/);
    await expect(openRecordSource(await file('csv', ''))).rejects.toThrow(/empty/);
  });

  it('reports a row of the wrong width and a stray quote, and goes on', async () => {
    const path = await file('csv', [
      'iin,careerCenter,openedOn,surname,givenName',
      '1,CC,2025-01-01,A,B',
      '2,CC,2025-01-01,"A\nA",B,extra',
      '3,CC,2025-01-01,Ab"c,B',
      '4,CC,2025-01-01,ТОО "Ромашка, Лтд",B',
      '5,CC,2025-01-01,A,B',
    ].join('\n'));
    expect(await readAll(await openRecordSource(path))).toEqual([
      { line: 2, record: expect.objectContaining({ iin: '1' }) },
      { line: 3, error: 'the row has 6 fields, the header 5' },
      { line: 5, error: 'a quote inside an unquoted field: quote the whole field and double the quotes in it' },
      { line: 6, error: 'a quote inside an unquoted field: quote the whole field and double the quotes in it' },
      { line: 7, record: expect.objectContaining({ iin: '5' }) },
    ]);
  });

  it('ends with an error record at an unclosed quote, after the rows before it', async () => {
    const path = await file('csv', 'iin,careerCenter,openedOn,surname,givenName\n1,CC,2025-01-01,A,B\n\n2,CC,2025-01-01,"A,B\n3,CC,2025-01-01,A,B\n');
    expect(await readAll(await openRecordSource(path))).toEqual([
      { line: 2, record: expect.objectContaining({ iin: '1' }) },
      { line: 4, error: 'a quoted field is never closed; the rest of the file cannot be read' },
    ]);
  });

  it('reads only as far as the consumer has pulled', async () => {
    const row = `900101300013,CC-KZ-75-001,2025-01-15,Әбенов,Ерғали,${'Ә'.repeat(100)},KZ-75,ул. Абая,+77011234567\n`;
    const path = await file('csv', `${HEADER}\n${row.repeat(30_000)}`);
    const source = await openRecordSource(path);
    for await (const item of source.records) {
      expect(item.line).toBe(2);
      break;
    }
    expect(source.totalBytes).toBeGreaterThan(8 * 1024 * 1024);
    expect(source.bytesRead()).toBeLessThan(1024 * 1024);
  });
});

describe('openRecordSource', () => {
  it('takes the format from the extension unless it is given', async () => {
    const path = await file('txt', '{"iin":"1"}\n');
    await expect(openRecordSource(path)).rejects.toThrow(/cannot tell the format/);
    expect(await readAll(await openRecordSource(path, 'ndjson'))).toEqual([{ line: 1, record: { iin: '1' } }]);
  });

  it('rejects a file that does not exist', async () => {
    await expect(openRecordSource(join(dir, 'missing.ndjson'))).rejects.toThrow(/ENOENT/);
  });
});
