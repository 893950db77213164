import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { CSV_EOL, csvRow } from '../base/csv.ts';

// The reject report: every error of every rejected record, one CSV row each, so the people who own
// the source system can filter by code or field in a spreadsheet and fix the records at the line
// given. A run that rejected millions of records must not hold them in memory, so rows go straight
// to the file, and add() waits whenever the disk is slower than the import.

export interface RejectError {
  /** Path of the offending value in the record, e.g. ['visits', '2', 'plannedOn']; null for the whole record. */
  field: readonly string[] | null;
  code: string;
  message: string;
}

export interface RejectReport {
  /** Appends one row per error of the record starting at `line`. */
  add(line: number, iin: string | null, errors: readonly RejectError[]): Promise<void>;
  /** Flushes and closes the file; resolves to the number of rows written (header not counted). */
  close(): Promise<number>;
}

export const REJECT_REPORT_HEADER = `line,iin,field,code,message${CSV_EOL}`;

/**
 * Starts the report at `path` (replacing any file there) with its header at once, so a run
 * without rejects still leaves a report that says so — unlike a run that failed before writing it.
 */
export function createRejectReport(path: string): RejectReport {
  const stream = createWriteStream(path, { encoding: 'utf8' });
  // Kept, not thrown from the listener: an 'error' nobody listens to would end the process, and
  // the import learns of it at the next add() or at close().
  let failure: Error | null = null;
  stream.on('error', (error) => {
    failure ??= error;
  });
  let rows = 0;
  let closed = false;
  stream.write(REJECT_REPORT_HEADER);

  return {
    async add(line, iin, errors) {
      if (closed) throw new Error(`the reject report ${path} is already closed`);
      if (failure) throw failure;
      const text = errors
        .map((e) => csvRow([String(line), iin ?? '', e.field?.join('.') ?? '', e.code, e.message]))
        .join('');
      rows += errors.length;
      // once() rejects if the stream fails while waiting, so a full disk cannot hang the import.
      if (!stream.write(text)) await once(stream, 'drain');
    },
    async close() {
      if (closed) throw new Error(`the reject report ${path} is already closed`);
      closed = true;
      if (!stream.destroyed) {
        stream.end();
        await once(stream, 'close');
      }
      if (failure) throw failure;
      return rows;
    },
  };
}
