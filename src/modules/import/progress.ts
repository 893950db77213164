// Progress of a long import on the operator's terminal, or in a log when the output is not one.
// A terminal gets one line redrawn in place; a log (CI, nohup, a pipe) must stay readable line by
// line, so it gets a plain line every few seconds and never a control character.
// Progress is measured in bytes of the file, the only total known before the end: records vary in
// size, and counting them first would mean reading the file twice.

export interface ImportCounts {
  read: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

export interface ProgressOptions {
  out: { write(s: string): unknown };
  isTTY: boolean;
  /** Size of the file being imported. */
  totalBytes: number;
  /** Off a terminal, the least time between two lines (default 5000 ms). */
  intervalMs?: number;
  /** Clock in milliseconds, injectable for tests (default `performance.now`). */
  now?: () => number;
}

export interface Progress {
  /** Reports the counts so far; writes only when the last write is old enough, so it may be called per batch. */
  update(counts: ImportCounts, bytesRead: number): void;
  /** Writes the final state (on a terminal, ends the line). */
  finish(counts: ImportCounts, bytesRead: number): void;
}

/** A terminal redraw ten times a second looks live; more only costs the import time. */
const REDRAW_MS = 100;
const DEFAULT_INTERVAL_MS = 5000;
const BAR_WIDTH = 20;
/** Carriage return to redraw the line, erase-to-end-of-line for when it got shorter. */
const REDRAW = '\r';
const CLEAR_TO_END = '\x1b[K';

/** A duration for people: `850ms`, `12s` (`12.4s` when precise), `3m 05s`, `1h 02m`. */
export function formatDuration(ms: number, precise = false): string {
  if (precise && ms < 1000) return `${Math.round(ms)}ms`;
  if (precise && ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
}

const ratePerSecond = (records: number, elapsedMs: number) => (elapsedMs > 0 ? Math.round((records * 1000) / elapsedMs) : 0);

export function createProgress(options: ProgressOptions): Progress {
  const { out, isTTY, totalBytes } = options;
  const now = options.now ?? (() => performance.now());
  const interval = isTTY ? REDRAW_MS : (options.intervalMs ?? DEFAULT_INTERVAL_MS);
  const started = now();
  // A terminal shows the bar at once; a log line comes only after a full interval.
  let lastWrite = isTTY ? -Infinity : started;

  const measure = (counts: ImportCounts, bytesRead: number, at: number) => {
    const elapsedMs = at - started;
    const fraction = totalBytes > 0 ? Math.min(1, bytesRead / totalBytes) : 1;
    return {
      elapsedMs,
      fraction,
      // Floor, so 100% means the whole file has been read.
      percent: Math.floor(fraction * 100),
      rate: ratePerSecond(counts.read, elapsedMs),
      // The rest of the file at the speed so far.
      eta: bytesRead > 0 && elapsedMs > 0 ? formatDuration((elapsedMs * Math.max(0, totalBytes - bytesRead)) / bytesRead) : 'unknown',
    };
  };

  const terminalLine = (counts: ImportCounts, bytesRead: number, at: number, done: boolean) => {
    const m = measure(counts, bytesRead, at);
    const filled = Math.round(m.fraction * BAR_WIDTH);
    const bar = `[${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}]`;
    const tail = done ? `done in ${formatDuration(m.elapsedMs)}` : `ETA ${m.eta}`;
    return `${REDRAW}${bar} ${String(m.percent).padStart(3)}% ${counts.read} read, ${counts.rejected} rejected, ${m.rate} records/s, ${tail}${CLEAR_TO_END}`;
  };

  const plainLine = (counts: ImportCounts, bytesRead: number, at: number, done: boolean) => {
    const m = measure(counts, bytesRead, at);
    const tail = done ? `done in ${formatDuration(m.elapsedMs)}` : `ETA ${m.eta}`;
    return `import: ${counts.read} records read (${m.percent}%), ${counts.created} created, ${counts.updated} updated, `
      + `${counts.unchanged} unchanged, ${counts.rejected} rejected, ${m.rate} records/s, ${tail}\n`;
  };

  const line = isTTY ? terminalLine : plainLine;
  return {
    update(counts, bytesRead) {
      const at = now();
      if (at - lastWrite < interval) return;
      lastWrite = at;
      out.write(line(counts, bytesRead, at, false));
    },
    finish(counts, bytesRead) {
      out.write(line(counts, bytesRead, now(), true) + (isTTY ? '\n' : ''));
    },
  };
}

/** The end-of-import summary, one count per line. */
export function formatSummary(counts: ImportCounts, elapsedMs: number): string {
  const rows: [string, string][] = [
    ['read', String(counts.read)],
    ['created', String(counts.created)],
    ['updated', String(counts.updated)],
    ['unchanged', String(counts.unchanged)],
    ['rejected', String(counts.rejected)],
  ];
  const width = Math.max(...rows.map(([, value]) => value.length));
  const labelWidth = 'unchanged:'.length + 1;
  return [
    ...rows.map(([label, value]) => `${`${label}:`.padEnd(labelWidth)}${value.padStart(width)}`),
    `${'elapsed:'.padEnd(labelWidth)}${formatDuration(elapsedMs, true)} (${ratePerSecond(counts.read, elapsedMs)} records/s)`,
  ].join('\n');
}
