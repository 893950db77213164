import { Piscina } from 'piscina';
import type { PrintJob } from './pdf-render.ts';

// Lays out printed cards in worker threads (piscina), so that a long card's layout — hundreds of
// milliseconds of CPU — does not hold the other requests of the process. The threads start with
// the first printout and end after a minute without one; jobs beyond the queue's limit are
// refused at once (PrinterBusy) rather than kept waiting behind it.

/** Every thread is busy and the queue is full: try again shortly. */
export class PrinterBusy extends Error {
  constructor() {
    super('Every printer thread is busy and the queue is full');
    this.name = 'PrinterBusy';
  }
}

export interface PdfPrinter {
  print(job: PrintJob): Promise<Buffer>;
  /** Ends the threads; a job still queued fails. */
  close(): Promise<void>;
}

export interface PrinterOptions {
  /** Threads laying out PDFs at once. */
  threads: number;
  /** Jobs waiting for a thread, beyond which a job is refused. */
  queue: number;
}

const IDLE_MS = 60_000;

export function pdfPrinter({ threads, queue }: PrinterOptions): PdfPrinter {
  let pool: Piscina | null = null;
  /** Jobs laid out or waiting: counted here, as they are taken, so a refusal is decided at once. */
  let inHand = 0;
  return {
    async print(job) {
      if (inHand >= threads + queue) throw new PrinterBusy();
      inHand++;
      try {
        pool ??= new Piscina({ filename: new URL('./pdf-render.ts', import.meta.url).href, minThreads: 0, maxThreads: threads, idleTimeout: IDLE_MS });
        const bytes = (await pool.run(job)) as Uint8Array;
        return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      } finally {
        inHand--;
      }
    },
    async close() {
      const closing = pool;
      pool = null;
      await closing?.destroy();
    },
  };
}
