import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseRecords } from '../verification/file-registry.ts';
import { readContracts, type LabourContractAnswer, type LabourContractRegistry } from './labour-contract-registry.ts';

// The labour-contract register for development and demonstrations: one record per person in a file
// (a JSON array, or one JSON object per line), each in the shape the HTTP register answers, read
// once into memory.

export class FileLabourContractRegistry implements LabourContractRegistry {
  readonly name: string;
  readonly #records: ReadonlyMap<string, unknown>;

  constructor(name: string, records: ReadonlyMap<string, unknown>) {
    this.name = name;
    this.#records = records;
  }

  /** Reads the file; throws if it is not a list of records with distinct IINs (a configuration error). */
  static async load(path: string): Promise<FileLabourContractRegistry> {
    return new FileLabourContractRegistry(`file:${basename(path)}`, parseRecords(await readFile(path, 'utf8'), path));
  }

  async contractsOf(iin: string): Promise<LabourContractAnswer> {
    const record = this.#records.get(iin);
    // A record is checked like an HTTP answer, so a bad one is an invalid answer for that IIN only.
    return record === undefined ? { kind: 'notFound' } : readContracts(iin, record);
  }
}
