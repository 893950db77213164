import { execFile, spawn, type ChildProcess } from 'node:child_process';

// The project's commands run as child processes, the way an operator runs them: on the Node that
// runs the tests (Node 24), from the repository's root, with the tests' environment and `env` over it.

export interface Finished {
  /** The exit status (null when a signal ended the process). */
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The tests' environment with `env` over it; an undefined value removes the variable. */
export function commandEnv(env: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const merged: Record<string, string | undefined> = { ...process.env, ...env };
  for (const [name, value] of Object.entries(merged)) if (value === undefined) delete merged[name];
  return merged;
}

/** Runs `src/<script>` to its end (at most `timeoutMs`). */
export function runCommand(script: string, args: string[] = [], env: Record<string, string | undefined> = {}, timeoutMs = 120_000): Promise<Finished> {
  return new Promise((resolve) => {
    execFile(process.execPath, [`src/${script}`, ...args], { env: commandEnv(env), timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
  });
}

export interface Running {
  process: ChildProcess;
  /** Everything it wrote so far. */
  stdout: () => string;
  stderr: () => string;
  /** Resolves once its standard output or error has a line matching `pattern` (rejects after `timeoutMs` or at its end). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Resolves at its end (rejects after `timeoutMs`, killing it). */
  finished(timeoutMs?: number): Promise<Finished>;
}

/** Starts `src/<script>` and leaves it running. */
export function startCommandProcess(script: string, args: string[] = [], env: Record<string, string | undefined> = {}): Running {
  const child = spawn(process.execPath, [`src/${script}`, ...args], { env: commandEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => void (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => void (stderr += chunk));
  const ended = new Promise<Finished>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  return {
    process: child,
    stdout: () => stdout,
    stderr: () => stderr,
    waitFor(pattern, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const look = () => (`${stdout}\n${stderr}`.split('\n').find((line) => pattern.test(line)));
        const timer = setInterval(() => {
          const line = look();
          if (line !== undefined) done(() => resolve(line));
        }, 20);
        const timeout = setTimeout(() => done(() => reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms; stdout:\n${stdout}\nstderr:\n${stderr}`))), timeoutMs);
        const onEnd = () => setTimeout(() => done(() => {
          const line = look();
          if (line !== undefined) resolve(line);
          else reject(new Error(`ended (${child.exitCode}) with no line matching ${pattern}; stdout:\n${stdout}\nstderr:\n${stderr}`));
        }), 50);
        child.once('close', onEnd);
        function done(settle: () => void) {
          clearInterval(timer);
          clearTimeout(timeout);
          child.off('close', onEnd);
          settle();
        }
      });
    },
    finished(timeoutMs = 60_000) {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          child.kill('SIGKILL');
          reject(new Error(`still running after ${timeoutMs} ms; stdout:\n${stdout}\nstderr:\n${stderr}`));
        }, timeoutMs);
      });
      return Promise.race([ended, late]).finally(() => clearTimeout(timer));
    },
  };
}

/** Whether some output carries a raw stack trace. */
export const hasStack = (output: string) => /^\s+at /m.test(output);
