import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { developmentKeys } from '../../src/modules/access/dev-keys.ts';
import type { Role } from '../../src/modules/access/principal.ts';
import { signToken } from '../../src/modules/access/tokens.ts';

// The API as `npm start` runs it: `node src/main.ts` in a process of its own, for the tests of what
// only a real process shows — its start, its signals, its log and its metrics. It trusts the
// development key of a directory of its own, which signs the tests' tokens.

/** One JSON log line of the process. */
export type LogLine = Record<string, any> & { level: string; msg: string };

export interface ServerProcess {
  child: ChildProcess;
  /** `http://127.0.0.1:<port>` */
  base: string;
  /** Standard output so far, and its JSON lines. */
  stdout(): string;
  logLines(): LogLine[];
  stderr(): string;
  token(claims: { role: Role; subject: string; careerCenter?: string | null }): Promise<string>;
  post(query: string, variables: Record<string, unknown> | undefined, token: string, headers?: Record<string, string>): Promise<{ status: number; headers: Headers; body: any }>;
  /** Resolves with the exit status (or signal) once the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends `signal` and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The embedded database's directory (when no DATABASE_URL was given), kept until `cleanUp`. */
  pgliteDir: string;
  /** Removes the process's directory (after it has ended). */
  cleanUp(): void;
}

/** Runs `node src/main.ts` (and `args`) with `env` over the test's environment; resolves when it has ended. */
export function runMain(args: string[], env: Record<string, string | undefined>) {
  const child = spawn(process.execPath, ['src/main.ts', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) => {
    // 'close': the process has ended and its output is all read.
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, exited, stdout: () => stdout, stderr: () => stderr };
}

const parseLines = (text: string): LogLine[] => text.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line));

/**
 * Starts the API in a process of its own on a free port, with the embedded database in a fresh
 * directory unless `env` names a DATABASE_URL; resolves once it serves.
 */
export async function startServerProcess(env: Record<string, string | undefined> = {}, options: { startMs?: number } = {}): Promise<ServerProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'card-api-'));
  const keyDir = join(dir, 'keys');
  const keys = await developmentKeys(keyDir);
  const run = runMain([], {
    PORT: '0', METRICS_PORT: '0', LOG_LEVEL: 'info', PGLITE_DIR: join(dir, 'pglite'), AUTH_DEV_KEY_DIR: keyDir, DATABASE_URL: '',
    // Every variable the test environment sets for the suites' own servers is the test's to pass on.
    REDIS_URL: '', ...env,
  });
  const exited = run.exited.then(({ code, signal }) => ({ code, signal }));
  const started = await new Promise<LogLine>((resolve, reject) => {
    // (On failure the directory stays for a person to look at; it is under the system's tmp.)
    const limit = options.startMs ?? 90_000;
    const timer = setTimeout(() => reject(new Error(`the server did not start within ${limit} ms:\n${run.stdout()}\n${run.stderr()}`)), limit);
    const poll = setInterval(() => {
      const line = parseLines(run.stdout()).find((one) => typeof one.url === 'string');
      if (line) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve(line);
      }
    }, 50);
    void exited.then(({ code, signal }) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`the server ended (${code ?? signal}) before it served:\n${run.stdout()}\n${run.stderr()}`));
    });
  });
  const base = `http://127.0.0.1:${new URL(started.url).port}`;
  return {
    child: run.child,
    base,
    stdout: run.stdout,
    logLines: () => parseLines(run.stdout()),
    stderr: run.stderr,
    token: ({ role, subject, careerCenter = null }) => signToken(keys.privateKey, { role, subject, careerCenter, name: null },
      { issuer: 'urn:employment-card:dev', audience: 'employment-card-api', expiresIn: '1h' }),
    async post(query, variables, token, headers = {}) {
      const response = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, headers: response.headers, body: await response.json() };
    },
    exited,
    pgliteDir: join(dir, 'pglite'),
    cleanUp: () => rmSync(dir, { recursive: true, force: true }),
    async stop(signal = 'SIGTERM') {
      if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill(signal);
      return exited;
    },
  };
}

/** Polls `check` every 50 ms until it holds, at most `ms` (a limit against hangs, not a speed check). */
export async function until(check: () => boolean | Promise<boolean>, what: string, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
