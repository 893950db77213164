import type { ChangeDeps } from '../card/card-change.ts';
import { CardImporter, type ImportItem, type ImportResult } from './importer.ts';
import { createProgress, type ImportCounts } from './progress.ts';
import { openRecordSource } from './read-records.ts';
import { createRejectReport } from './reject-report.ts';

// `npm run import`: a file streamed through the importer in batches. Memory is bounded by the
// batches being written and the one being read, whatever the size of the file.

export interface ImportFileOptions {
  path: string;
  format?: 'ndjson' | 'csv';
  /** Where rejected records are reported (CSV: line, IIN, field, code, message). */
  rejectsPath: string;
  /** Records per transaction. */
  batchSize?: number;
  /** Where progress goes, and whether it is a terminal (a redrawn bar) or not (plain lines). */
  progress?: { out: { write(s: string): unknown }; isTTY: boolean; intervalMs?: number };
  onStorageError?: (error: unknown, line: number) => void;
  /** Batches written at once, each on its own connection (default 2). */
  writers?: number;
  /** Told the counts after every batch (the benchmark samples memory here). */
  onBatch?: (counts: Readonly<ImportCounts>) => void;
  /**
   * Once aborted, no new batch is written: the batches being written finish, the records read
   * after them are dropped (and not counted), and the summary says where the import stopped.
   */
  signal?: AbortSignal;
}

export interface ImportFileSummary extends ImportCounts {
  elapsedMs: number;
  /** Rows written to the reject report (one per error). */
  rejectRows: number;
  /** Set when `signal` stopped the import: the last line of the last batch written (0: none). */
  stoppedAfterLine?: number;
}

const iinOf = (item: ImportItem): string | null => {
  const iin = (item.record as { iin?: unknown } | undefined)?.iin;
  return typeof iin === 'string' ? iin : null;
};

export async function importFile(deps: ChangeDeps, options: ImportFileOptions): Promise<ImportFileSummary> {
  const started = performance.now();
  const source = await openRecordSource(options.path, options.format);
  const report = createRejectReport(options.rejectsPath);
  const importer = new CardImporter(deps, { onStorageError: options.onStorageError });
  const progress = options.progress && createProgress({ ...options.progress, totalBytes: source.totalBytes });
  const counts: ImportCounts = { read: 0, created: 0, updated: 0, unchanged: 0, rejected: 0 };
  const batchSize = options.batchSize ?? 500;

  const settle = async (results: ImportResult[]) => {
    for (const result of results) {
      if (result.outcome === 'CREATED') counts.created++;
      else if (result.outcome === 'UPDATED') counts.updated++;
      else if (result.outcome === 'UNCHANGED') counts.unchanged++;
      else {
        counts.rejected++;
        await report.add(result.line, result.iin, result.errors);
      }
    }
    progress?.update(counts, source.bytesRead());
    options.onBatch?.(counts);
  };

  // Up to `writers` batches are written at once, each in its own transaction on its own
  // connection, while the next is read and parsed; results are settled in file order.
  const writers = options.writers ?? 2;
  const inFlight: { iins: Set<string>; done: Promise<ImportResult[]> }[] = [];
  const settleOldest = async () => settle(await inFlight.shift()!.done);
  const stopping = () => options.signal?.aborted === true;
  let stopped = false;
  let lastLineWritten = 0;
  /** Writes a batch, unless the import was stopped before its turn came; false then. */
  const submit = async (batch: ImportItem[]): Promise<boolean> => {
    stopped ||= stopping();
    if (stopped) return false;
    const iins = new Set(batch.map(iinOf).filter((iin): iin is string => iin !== null));
    const checked = await importer.check(batch); // while the writers are busy
    // A person whose earlier record is still being written waits for it: records apply in file order.
    while (inFlight.some((writing) => [...iins].some((iin) => writing.iins.has(iin)))) await settleOldest();
    while (inFlight.length >= writers) await settleOldest();
    stopped ||= stopping();
    if (stopped) return false;
    lastLineWritten = batch.at(-1)!.line;
    const done = importer.store(checked);
    done.catch(() => undefined); // awaited in turn; this only keeps a failure from being reported twice
    inFlight.push({ iins, done });
    return true;
  };

  let rejectRows = 0;
  try {
    let batch: ImportItem[] = [];
    for await (const item of source.records) {
      batch.push(item);
      counts.read++;
      if (batch.length < batchSize) continue;
      if (!(await submit(batch))) break;
      batch = [];
    }
    if (batch.length && !(await submit(batch))) counts.read -= batch.length;
    while (inFlight.length) await settleOldest();
  } finally {
    await Promise.allSettled(inFlight.map((writing) => writing.done));
    rejectRows = await report.close();
    progress?.finish(counts, source.bytesRead());
  }
  return { ...counts, rejectRows, elapsedMs: performance.now() - started, ...(stopped ? { stoppedAfterLine: lastLineWritten } : {}) };
}
