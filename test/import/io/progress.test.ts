import { describe, expect, it } from '@jest/globals';
import { createProgress, formatDuration, formatSummary, type ImportCounts } from '../../../src/modules/import/progress.ts';

// Progress output with a hand-driven clock: what is written, and when.

function harness(isTTY: boolean, intervalMs?: number) {
  const written: string[] = [];
  let clock = 0;
  const progress = createProgress({ out: { write: (s: string) => written.push(s) }, isTTY, totalBytes: 1000, intervalMs, now: () => clock });
  return { written, progress, at: (ms: number) => { clock = ms; } };
}

const counts = (read: number, created: number, updated: number, unchanged: number, rejected: number): ImportCounts =>
  ({ read, created, updated, unchanged, rejected });

/** Any C0 control character but the line feed, and DEL. */
const CONTROL = /[\x00-\x09\x0b-\x1f\x7f]/;

describe('progress off a terminal', () => {
  it('writes a plain line at most once per interval, and a final line', () => {
    const { written, progress, at } = harness(false);
    at(1000);
    progress.update(counts(9000, 9000, 0, 0, 0), 90);
    at(5000);
    progress.update(counts(45000, 44000, 500, 400, 100), 450);
    at(9000);
    progress.update(counts(81000, 80000, 500, 400, 100), 810);
    at(10000);
    progress.update(counts(90000, 88900, 600, 400, 100), 900);
    at(11000);
    progress.finish(counts(100000, 98800, 700, 400, 100), 1000);
    expect(written).toEqual([
      'import: 45000 records read (45%), 44000 created, 500 updated, 400 unchanged, 100 rejected, 9000 records/s, ETA 6s\n',
      'import: 90000 records read (90%), 88900 created, 600 updated, 400 unchanged, 100 rejected, 9000 records/s, ETA 1s\n',
      'import: 100000 records read (100%), 98800 created, 700 updated, 400 unchanged, 100 rejected, 9091 records/s, done in 11s\n',
    ]);
    expect(written.join('')).not.toMatch(CONTROL);
  });

  it('honours the interval it is given', () => {
    const { written, progress, at } = harness(false, 1000);
    for (let ms = 0; ms <= 3500; ms += 250) {
      at(ms);
      progress.update(counts(ms, ms, 0, 0, 0), ms / 10);
    }
    expect(written.map((line) => line.slice(0, line.indexOf(' records read')))).toEqual(['import: 1000', 'import: 2000', 'import: 3000']);
  });

  it('says the ETA is unknown before any byte is read', () => {
    const { written, progress, at } = harness(false);
    at(5000);
    progress.update(counts(0, 0, 0, 0, 0), 0);
    expect(written).toEqual(['import: 0 records read (0%), 0 created, 0 updated, 0 unchanged, 0 rejected, 0 records/s, ETA unknown\n']);
  });
});

describe('progress on a terminal', () => {
  it('redraws one line with a bar at most ten times a second and ends it on finish', () => {
    const { written, progress, at } = harness(true);
    progress.update(counts(0, 0, 0, 0, 0), 0);
    at(50);
    progress.update(counts(10, 10, 0, 0, 0), 10);
    at(2000);
    progress.update(counts(5000, 4990, 0, 0, 10), 500);
    at(4000);
    progress.finish(counts(10000, 9980, 0, 0, 20), 1000);
    expect(written).toHaveLength(3);
    expect(written[1]).toBe('\r[██████████░░░░░░░░░░]  50% 5000 read, 10 rejected, 2500 records/s, ETA 2s\x1b[K');
    expect(written[2]).toBe('\r[████████████████████] 100% 10000 read, 20 rejected, 2500 records/s, done in 4s\x1b[K\n');
    expect(written.every((line) => line.startsWith('\r'))).toBe(true);
    expect(written.slice(0, 2).join('')).not.toContain('\n');
  });
});

describe('formatSummary', () => {
  it('lists every count and the elapsed time with the rate', () => {
    expect(formatSummary(counts(100000, 98800, 700, 400, 100), 19_500)).toBe([
      'read:      100000',
      'created:    98800',
      'updated:      700',
      'unchanged:    400',
      'rejected:     100',
      'elapsed:   19.5s (5128 records/s)',
    ].join('\n'));
  });
});

describe('formatDuration', () => {
  it.each([
    [0, false, '0s'],
    [12_400, false, '12s'],
    [12_400, true, '12.4s'],
    [850, true, '850ms'],
    [185_000, false, '3m 05s'],
    [3_720_000, false, '1h 02m'],
  ])('gives %d ms (precise: %s) as %j', (ms, precise, text) => {
    expect(formatDuration(ms, precise)).toBe(text);
  });
});
