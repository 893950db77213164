import { stopOnSignals } from '../runtime/shutdown.ts';

// A command that works in batches (`npm run import`, `npm run sync`) stops on SIGTERM or SIGINT
// the way the server does: it takes no new batch, finishes the one in hand, prints its summary and
// exits with its status. Past the deadline (SHUTDOWN_TIMEOUT_MS) the process exits 1, and the
// database rolls back the batch it was cut in (runtime/shutdown.ts).

/** Exit status of a batch command stopped by SIGTERM or SIGINT before the end. */
export const STOPPED = 3;

/**
 * Runs `work`, whose signal is aborted on the first SIGTERM or SIGINT. `work` is all the command
 * does, summary and closing included: once it returns after a signal, the process exits with
 * `process.exitCode`. Should it fail, the failure is reported as any other (command.ts).
 */
export async function stoppable<T>(work: (signal: AbortSignal) => Promise<T>, deadlineMs: number): Promise<T> {
  const stopRequest = new AbortController();
  let running: Promise<T> | undefined;
  stopOnSignals(async (deadline) => {
    stopRequest.abort();
    const cut = new Promise<void>((resolve) => deadline.addEventListener('abort', () => resolve(), { once: true }));
    // A failure is left to the command's failure handler, which logs it and exits 1.
    await Promise.race([running?.then(() => undefined, () => new Promise<void>(() => undefined)), cut]);
  }, deadlineMs);
  running = work(stopRequest.signal);
  return running;
}
