import { parseArgs } from 'node:util';
import { log, scrubbed } from '../runtime/log.ts';
import { Refusal } from '../runtime/refusal.ts';
import { isStopping } from '../runtime/shutdown.ts';
import { readSettings, settingsHelp, SettingsError, useSettings, type SettingGroup, type SettingName, type Settings } from '../runtime/settings.ts';

// What every command does before its work: read its arguments and the settings, answer `--help`,
// and refuse a bad argument (exit status 64) or setting (78, as sysexits.h numbers them) with one
// line, before anything connects.
// Afterwards, a failure is one log line (its stack in a field) and exit status 1, never a raw stack.

interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  default?: string | boolean;
  /** What it means, for `--help`. */
  help: string;
  /** The value's placeholder in `--help` ("N", "FILE"). */
  value?: string;
}

export interface CommandSpec<O extends Record<string, OptionSpec>> {
  /** How it is run: `npm run import -- [options] FILE`. */
  usage: string;
  /** What it does, in a sentence or two. */
  summary: string;
  options: O;
  /** Positional arguments allowed (named in `usage`). */
  positionals?: { min: number; max: number };
  /** The settings it reads, by group or by name (their variables are listed by `--help`). */
  settings: readonly (SettingGroup | SettingName)[];
}

type Values<O extends Record<string, OptionSpec>> = {
  [K in keyof O]: O[K]['type'] extends 'boolean' ? boolean : O[K]['default'] extends string ? string : string | undefined;
};

/** Exit status of a command given bad arguments (sysexits.h). */
export const USAGE_ERROR = 64;

/** Stops the command with one line on standard error. */
export function refuse(message: string, status = USAGE_ERROR): never {
  process.stderr.write(`${message}\n`);
  process.exit(status);
}

function helpText<O extends Record<string, OptionSpec>>(spec: CommandSpec<O>): string {
  const options = Object.entries(spec.options).map(([name, option]) => {
    const flag = `--${name}${option.value ? ` ${option.value}` : ''}${option.short ? `, -${option.short}` : ''}`;
    const fallback = option.default !== undefined && option.type === 'string' ? ` (default ${option.default})` : '';
    return `  ${flag.padEnd(28)} ${option.help}${fallback}`;
  });
  const variables = settingsHelp(spec.settings).map((v) => `  ${v.name.padEnd(32)} ${v.description.replace(/`/g, '').replace(/ \(see \[[^\]]+\]\([^)]+\)\)/g, '')} (default: ${v.shown.replace(/`/g, '')})`);
  return [`Usage: ${spec.usage}`, '', spec.summary, '', 'Options:', ...options, `  ${'--help, -h'.padEnd(28)} this text`, '',
    'Environment variables:', ...variables, ''].join('\n');
}

/**
 * The command's arguments and settings, or the process ends here: `--help` prints the usage and
 * exits 0; a bad argument or setting prints one line per problem and exits 64 or 78.
 */
export function startCommand<O extends Record<string, OptionSpec>>(spec: CommandSpec<O>, argv = process.argv.slice(2)): { values: Values<O>; positionals: string[]; settings: Settings } {
  // parseArgs refuses a `short` or `default` given as undefined: only the ones set.
  const options = Object.fromEntries(Object.entries(spec.options).map(([name, { type, short, default: fallback }]) =>
    [name, { type, ...(short === undefined ? {} : { short }), ...(fallback === undefined ? {} : { default: fallback }) }]));
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: (spec.positionals?.max ?? 0) > 0, strict: true } as Parameters<typeof parseArgs>[0] & object);
  } catch (error) {
    // Only the arguments' errors are the user's (ERR_PARSE_ARGS_…); others are the command's own.
    if (!String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS')) throw error;
    refuse(`${(error as Error).message.split('\n')[0]!.replace(/\.$/, '')}. See --help.`);
  }
  if (parsed.values.help) {
    process.stdout.write(helpText(spec));
    process.exit(0);
  }
  const { min = 0, max = 0 } = spec.positionals ?? {};
  if (parsed.positionals.length < min || parsed.positionals.length > max) refuse(`Usage: ${spec.usage}. See --help.`);
  let settings: Settings;
  try {
    settings = readSettings();
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    refuse(error.message, error.status);
  }
  useSettings(settings);
  handleFailures();
  return { values: parsed.values as Values<O>, positionals: parsed.positionals, settings };
}

/** A whole number argument of at least `min`, or the command is refused. */
export function wholeArgument(name: string, text: string, min: number): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < min) refuse(`--${name} must be a whole number of at least ${min}, not "${text}". See --help.`);
  return value;
}

/**
 * A failure nobody caught ends the process with one log line, not a raw stack on the terminal.
 * Once a stop signal has come, the stop owns the exit: work it cut short (a worker still starting
 * when its database is closed under it) fails as expected and must not turn a clean stop into exit 1.
 */
function handleFailures() {
  const fail = (error: unknown) => {
    if (isStopping()) {
      log.warn({ err: error }, `stopping: cut short: ${scrubbed(String((error as Error)?.message ?? error))}`);
      return;
    }
    if (error instanceof Refusal) refuse(error.message, error.status);
    log.fatal({ err: error }, scrubbed(String((error as Error)?.message ?? error)));
    log.flush();
    process.exitCode = 1;
    setImmediate(() => process.exit(1));
  };
  process.on('uncaughtException', fail);
  process.on('unhandledRejection', fail);
}
