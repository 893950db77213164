import { pino, type Logger } from 'pino';
import { settings } from './settings.ts';

// The process's log: one JSON object per line on standard output (pretty only on a terminal),
// `LOG_LEVEL` and up. A log line never carries personal data or credentials: requests are logged
// by what they did, not by what they carried (http/access-log.ts), and errors go through
// `errorFields`, which keeps their kind, code and stack but blanks what could quote a card.

/** Digits as long as an IIN, quoted SQL literals, e-mail addresses and phone numbers in an error's text. */
const PERSONAL = [
  [/\b\d{12}\b/g, '[iin]'],
  [/'(?:[^']|'')*'/g, "'…'"],
  [/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, '[email]'],
  [/\+?\d[\d ()-]{9,}\d/g, '[phone]'],
] as const;

/** An error's text with anything that could be personal data blanked. */
export function scrubbed(text: string): string {
  return PERSONAL.reduce<string>((result, [pattern, replacement]) => result.replace(pattern, replacement), text);
}

/**
 * What of an error goes into a log line: its kind, code (SQLSTATE, errno) and message and stack,
 * scrubbed, in one field each, the causes it wraps included. Other properties (a driver's query,
 * its parameters, a row's detail) stay out: they quote the data.
 */
export function errorFields(error: unknown, depth = 0): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: scrubbed(String(error)) };
  const code = (error as { code?: unknown }).code;
  return {
    type: error.name,
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    message: scrubbed(error.message),
    stack: error.stack ? scrubbed(error.stack) : undefined,
    ...(error.cause && depth < 3 ? { cause: errorFields(error.cause, depth + 1) } : {}),
  };
}

function levelFromSettings() {
  // A bad LOG_LEVEL is reported by the settings check that every command starts with; until then
  // (and in a module imported before it) the log writes at `info`.
  try {
    return settings().LOG_LEVEL!;
  } catch {
    return 'info';
  }
}

function createLog(): Logger {
  const options = {
    level: levelFromSettings(),
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
    serializers: { err: errorFields, error: errorFields },
  };
  // A person at a terminal reads lines; anything else (a container's log collector) gets JSON,
  // written synchronously: pino's default buffers and writes in the background, so a line written
  // just before an exit could land after a later one (seen: "stopped" before "stopping") or be lost
  // with a crash, and the last lines of a process are the ones an operator needs.
  if (process.stdout.isTTY) return pino({ ...options, transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid' } } });
  return pino(options, pino.destination({ dest: 1, sync: true }));
}

/** The process's log. */
export const log: Logger = createLog();
