import type { ChangeDeps } from '../card/card-change.ts';
import { CardImporter, type ImportItem, type ImportResult } from './importer.ts';
import { createProgress, type ImportCounts } from './progress.ts';
import { openRecordSource } from './read-records.ts';
import { createRejectReport } from './reject-report.ts';

// `npm run import`: a file streamed through the importer in batches. Memory is bounded by two
// batches (the one being written and the one being read), whatever the size of the file.

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
  /** Told the counts after every batch (the benchmark samples memory here). */
  onBatch?: (counts: Readonly<ImportCounts>) => void;
}

export interface ImportFileSummary extends ImportCounts {
  elapsedMs: number;
  /** Rows written to the reject report (one per error). */
  rejectRows: number;
}

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

  try {
    // The database writes one batch while the next is read and parsed.
    let writing: Promise<ImportResult[]> | null = null;
    let batch: ImportItem[] = [];
    for await (const item of source.records) {
      batch.push(item);
      counts.read++;
      if (batch.length < batchSize) continue;
      if (writing) await settle(await writing);
      writing = importer.importBatch(batch);
      batch = [];
    }
    if (writing) await settle(await writing);
    if (batch.length) await settle(await importer.importBatch(batch));
  } finally {
    const rejectRows = await report.close();
    progress?.finish(counts, source.bytesRead());
    Object.assign(counts, { rejectRows });
  }
  return { ...counts, rejectRows: (counts as ImportFileSummary).rejectRows, elapsedMs: performance.now() - started };
}
