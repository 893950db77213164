import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { readPerson, type PersonRegistry, type RegistryAnswer } from './person-registry.ts';

// Rule 2 for development and demonstrations: the registry's persons in a file (a JSON array, or one
// JSON object per line), each in the shape the HTTP registry answers, read once into memory.

export class FilePersonRegistry implements PersonRegistry {
  readonly name: string;
  readonly #records: ReadonlyMap<string, unknown>;

  constructor(name: string, records: ReadonlyMap<string, unknown>) {
    this.name = name;
    this.#records = records;
  }

  /** Reads the file; throws if it is not a list of records with distinct IINs (a configuration error). */
  static async load(path: string): Promise<FilePersonRegistry> {
    return new FilePersonRegistry(`file:${basename(path)}`, parseRecords(await readFile(path, 'utf8'), path));
  }

  async lookup(iin: string): Promise<RegistryAnswer> {
    const record = this.#records.get(iin);
    // A record is checked like an HTTP answer, so a bad one is an invalid answer for that IIN only.
    return record === undefined ? { kind: 'notFound' } : readPerson(iin, record);
  }
}

/** The records of a registry file by IIN. */
export function parseRecords(text: string, origin: string): Map<string, unknown> {
  const records = new Map<string, unknown>();
  const content = text.replace(/^\uFEFF/, '');
  const add = (record: unknown, where: string) => {
    const iin = (record as { iin?: unknown } | null)?.iin;
    if (typeof iin !== 'string') throw new Error(`${origin}: ${where} has no "iin"`);
    if (records.has(iin)) throw new Error(`${origin}: ${where} repeats IIN ${iin}`);
    records.set(iin, record);
  };
  if (content.trimStart().startsWith('[')) {
    let list: unknown[];
    try {
      list = JSON.parse(content);
    } catch (error) {
      throw new Error(`${origin}: not valid JSON (${(error as Error).message})`);
    }
    list.forEach((record, index) => add(record, `record ${index + 1}`));
    return records;
  }
  content.split('\n').forEach((line, index) => {
    if (!line.trim()) return;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      throw new Error(`${origin}: line ${index + 1} is not valid JSON`);
    }
    add(record, `line ${index + 1}`);
  });
  return records;
}
