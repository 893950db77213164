import { log } from './log.ts';

// How a process stops on SIGTERM (an orchestrator) or SIGINT (Ctrl-C): it runs its `stop` once —
// stop taking work, let the work in hand finish, release what it opened — and exits 0. Past the
// deadline, `deadline` is aborted so that `stop` cuts what is left, and the exit is 1; should `stop`
// itself hang, the process ends a few seconds later anyway.

/** Time `stop` gets after the deadline to cut what is left and close the database. */
const AFTER_DEADLINE_MS = 5_000;

export type Stop = (deadline: AbortSignal) => Promise<void>;

let stopping: Promise<void> | null = null;

/** What runs after `stop`, just before the exit (tracing sends its last spans). */
const lastSteps: (() => Promise<void>)[] = [];

/** Runs `step` when the process has stopped on a signal, before it exits. */
export function onStopped(step: () => Promise<void>): void {
  lastSteps.push(step);
}

/** Whether a stop signal has come (a command's loop asks before taking its next batch). */
export const isStopping = () => stopping !== null;

/**
 * Runs `stop` on the first SIGTERM or SIGINT (later ones are the same request, e.g. the terminal's
 * SIGINT and a cluster primary's SIGTERM reaching a worker both), then exits.
 */
export function stopOnSignals(stop: Stop, deadlineMs: number): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      log.info({ signal, deadlineMs }, 'stopping: finishing the work in hand');
      stopping = stopGracefully(stop, deadlineMs);
    });
  }
}

async function stopGracefully(stop: Stop, deadlineMs: number): Promise<void> {
  const deadline = new AbortController();
  const timer = setTimeout(() => {
    log.error({ deadlineMs }, 'stopping: the deadline passed; cutting what is left');
    deadline.abort();
    setTimeout(() => {
      log.fatal('stopping: still not stopped after the deadline; exiting');
      exit(1);
    }, AFTER_DEADLINE_MS).unref();
  }, deadlineMs);
  try {
    await stop(deadline.signal);
    for (const step of lastSteps) await step();
    clearTimeout(timer);
    const status = deadline.signal.aborted ? 1 : typeof process.exitCode === 'number' ? process.exitCode : 0;
    log.info({ status }, 'stopped');
    exit(status);
  } catch (error) {
    log.error({ err: error }, 'stopping failed');
    exit(1);
  }
}

function exit(status: number): never {
  log.flush();
  process.exit(status);
}
