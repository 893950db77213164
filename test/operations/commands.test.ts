import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { openOrm } from '../../src/db/orm.ts';
import { Card } from '../../src/modules/card/card.entity.ts';
import { ENTITIES } from '../../src/modules/entities.ts';
import { hasStack, runCommand, startCommandProcess } from '../support/command.ts';

// The command line as a whole: every command answers --help with its options and the variables it
// reads, refuses a bad argument with one line and 64 and a bad setting with 78 naming the variable,
// never with a stack; a failure is one JSON log line and 1; and an embedded database that
// `npm start` serves is refused to a command (75) without touching the server's data.

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'commands-test-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const DATABASE = ['DATABASE_URL', 'PGLITE_DIR'];
/** Each command: its script, arguments it needs besides options, its options, variables it must list. */
const COMMANDS: Record<string, { args?: string[]; options: string[]; variables: string[] }> = {
  'cli/import.ts': { args: ['cards.ndjson'], options: ['--format', '--rejects', '--batch', '--writers', '--source', '--progress-seconds'], variables: [...DATABASE, 'CARD_TIME_ZONE', 'PLAN_HORIZON_YEARS', 'SHUTDOWN_TIMEOUT_MS', 'LOG_LEVEL'] },
  'cli/sync.ts': { options: ['--all', '--older-than-days', '--batch', '--concurrency', '--after'], variables: [...DATABASE, 'PERSON_REGISTRY_URL', 'PERSON_REGISTRY_TIMEOUT_MS', 'PERSON_REGISTRY_FILE', 'SHUTDOWN_TIMEOUT_MS', 'LOG_LEVEL'] },
  'cli/worker.ts': { options: [], variables: [...DATABASE, 'JOBS_SUPERVISE_SECONDS', 'IDENTITY_RECHECK_SCHEDULE', 'PERSON_REGISTRY_URL', 'SHUTDOWN_TIMEOUT_MS', 'METRICS_PORT', 'LOG_LEVEL'] },
  'cli/jobs.ts': { options: ['--queue', '--limit', '--data'], variables: [...DATABASE, 'IDENTITY_RECHECK_SCHEDULE', 'LOG_LEVEL'] },
  'cli/seed.ts': { options: ['--cards', '--seed', '--today'], variables: [...DATABASE, 'CARD_TIME_ZONE', 'LOG_LEVEL'] },
  'cli/migrate.ts': { options: [], variables: [...DATABASE, 'LOG_LEVEL'] },
  'cli/token.ts': { options: ['--role', '--center', '--sub', '--name', '--iin', '--expires-in', '--public-key'], variables: ['AUTH_JWKS_URL', 'AUTH_PUBLIC_KEY_FILE', 'AUTH_ISSUER', 'AUTH_AUDIENCE', 'AUTH_DEV_KEY_DIR'] },
  'cli/manifest.ts': { args: ['op.graphql'], options: ['--out'], variables: ['LOG_LEVEL'] },
  'cli/bench.ts': { options: ['--cards', '--duration', '--connections', '--soak', '--rounds', '--workers', '--api-processes', '--peer', '--out', '--embedded', '--database', '--keep-database'], variables: ['DATABASE_URL', 'REDIS_URL'] },
  'cli/bench-full-card.ts': { options: ['--cards', '--runs'], variables: ['DATABASE_URL'] },
  'cli/bench-import.ts': { options: ['--records', '--batch', '--writers', '--embedded'], variables: ['DATABASE_URL'] },
  'cli/bench-statistics.ts': { options: ['--cards', '--runs', '--database'], variables: ['DATABASE_URL'] },
  'main.ts': { options: [], variables: [...DATABASE, 'PORT', 'SHUTDOWN_TIMEOUT_MS', 'PERSON_REGISTRY_URL', 'QUERY_MAX_DEPTH', 'AUTH_ISSUER', 'LOG_LEVEL', 'METRICS_PORT'] },
};
/** Two bad settings, taken in turn: both are checked by every command. */
const BAD_SETTINGS = [['PLAN_HORIZON_YEARS', '0'], ['DATABASE_URL', 'mysql://x']] as const;

const lines = (text: string) => text.split('\n').filter((line) => line !== '');

describe.each(Object.entries(COMMANDS).map(([script, spec], i) => ({ script, ...spec, bad: BAD_SETTINGS[i % 2]! })))('$script', ({ script, args = [], options, variables, bad: [variable, value] }) => {
  it(`answers --help, refuses an unknown option (64) and ${variable}=${value} (78) with one line`, async () => {
    const [help, unknown, badSetting] = await Promise.all([
      runCommand(script, ['--help']),
      runCommand(script, [...args, '--no-such-option']),
      runCommand(script, args, { [variable]: value }),
    ]);

    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toMatch(/^Usage: (npm run|npm start)/);
    for (const name of [...options, '--help', ...variables]) expect(help.stdout).toMatch(new RegExp(`^  ${name}\\b`, 'm'));

    expect(unknown).toMatchObject({ code: 64, stdout: '' });
    expect(lines(unknown.stderr)).toEqual([expect.stringContaining("'--no-such-option'")]);

    expect(badSetting).toMatchObject({ code: 78, stdout: '' });
    expect(lines(badSetting.stderr)).toEqual([expect.stringMatching(new RegExp(`^Configuration: ${variable} `))]);
    for (const run of [unknown, badSetting]) expect(hasStack(run.stderr)).toBe(false);
  }, 60_000);
});

describe('bad argument values', () => {
  it('are refused with one line naming the argument, and 64', async () => {
    const cases: [string, string[], RegExp][] = [
      ['cli/import.ts', [], /^Usage: npm run import/],
      ['cli/import.ts', ['a.ndjson', 'b.ndjson'], /^Usage: npm run import/],
      ['cli/import.ts', ['cards.ndjson', '--batch', '0'], /^--batch must be a whole number of at least 1, not "0"/],
      ['cli/import.ts', ['cards.ndjson', '--format', 'xml'], /^--format is ndjson or csv, not "xml"/],
      ['cli/sync.ts', ['--after', 'card-1'], /^--after must be a card id/],
      ['cli/sync.ts', ['--concurrency', 'many'], /^--concurrency must be a whole number/],
      ['cli/jobs.ts', ['purge'], /^Unknown command "purge"/],
      ['cli/jobs.ts', ['retry'], /^Usage: retry ID/],
      ['cli/jobs.ts', ['send', 'identity.recheck', '--data', '{'], /^--data must be a JSON object/],
      ['cli/seed.ts', ['--cards=-1'], /^--cards must be a whole number/],
      ['cli/seed.ts', ['--today', 'tomorrow'], /^--today must be a date/],
      ['cli/migrate.ts', ['down'], /^Unknown command "down"/],
      ['cli/token.ts', ['--role', 'KING'], /^--role must be one of CASEWORKER, /],
      ['cli/token.ts', ['--role', 'HEAD'], /^A HEAD works at a career center/],
      ['cli/token.ts', ['--role', 'HEAD', '--center', 'CC-KZ-75-002', '--iin', '123'], /^--iin is an IIN: 12 digits/],
      ['cli/manifest.ts', [], /^Usage: npm run manifest/],
      ['cli/bench.ts', ['--duration', '1.5'], /^--duration must be a whole number/],
      ['cli/bench.ts', ['--rounds', '0'], /^--rounds must be a whole number of at least 1/],
      ['cli/bench.ts', ['--peer', 'postgraphile', '--embedded'], /^--peer runs on PostgreSQL only/],
      ['cli/bench.ts', ['--api-processes', '2', '--embedded'], /^--api-processes above 1 needs PostgreSQL/],
    ];
    const runs = await Promise.all(cases.map(([script, args]) => runCommand(script, args)));
    runs.forEach((run, i) => {
      expect({ case: cases[i]![1], code: run.code, stderr: lines(run.stderr) }).toEqual({ case: cases[i]![1], code: 64, stderr: [expect.stringMatching(cases[i]![2])] });
    });
  }, 60_000);

  it('an unreadable import file is refused with 66, an invalid manifest operation with 65, and a registry file that is none with 78', async () => {
    const wrong = join(dir, 'wrong.graphql');
    await writeFile(wrong, 'query Wrong { cards { nosuchfield } }');
    const notRegistry = join(dir, 'registry.json');
    await writeFile(notRegistry, '{"not": "a list"');
    const [missing, invalid, registry] = await Promise.all([
      runCommand('cli/import.ts', [join(dir, 'no-such.ndjson')]),
      runCommand('cli/manifest.ts', [wrong]),
      runCommand('cli/sync.ts', [], { PERSON_REGISTRY_FILE: notRegistry, PERSON_REGISTRY_URL: undefined }),
    ]);
    expect([missing.code, lines(missing.stderr)]).toEqual([66, [expect.stringMatching(/no-such\.ndjson: cannot be read \(ENOENT\)$/)]]);
    expect([invalid.code, lines(invalid.stderr)]).toEqual([65, [expect.stringMatching(/wrong\.graphql: Cannot query field "nosuchfield"/)]]);
    expect([registry.code, lines(registry.stderr)]).toEqual([78, [expect.stringMatching(/^Configuration: PERSON_REGISTRY_FILE /)]]);
  }, 60_000);

  it('sync without a registry is refused with 78', async () => {
    const run = await runCommand('cli/sync.ts', [], { PERSON_REGISTRY_FILE: undefined, PERSON_REGISTRY_URL: undefined });
    expect([run.code, lines(run.stderr)]).toEqual([78, ['Configuration: no person registry: set PERSON_REGISTRY_URL (or PERSON_REGISTRY_FILE for development).']]);
  }, 30_000);
});

describe('a failure after the start', () => {
  it('is one JSON log line with the stack in a field, and exit status 1', async () => {
    const run = await runCommand('cli/manifest.ts', ['clients/mobile/my-card.graphql', '--out', join(dir, 'no-such-dir', 'm.json')], { LOG_LEVEL: 'info' });
    expect(run.code).toBe(1);
    expect(hasStack(run.stdout) || hasStack(run.stderr)).toBe(false);
    const logged = lines(run.stdout).map((line) => JSON.parse(line));
    expect(logged).toEqual([expect.objectContaining({ level: 'fatal', err: expect.objectContaining({ code: 'ENOENT', stack: expect.stringContaining('\n    at ') }) })]);
  }, 30_000);
});

describe('an embedded database that npm start serves', () => {
  it('is refused to npm run import, worker and jobs (75, one line), and the server keeps its data', async () => {
    const pglite = join(dir, 'served-db');
    const env = { DATABASE_URL: undefined, PGLITE_DIR: pglite, LOG_LEVEL: 'info' };
    // One card first, so that the server does not load its demo cards into an empty database.
    expect((await runCommand('cli/seed.ts', ['--cards', '1'], env)).code).toBe(0);
    const server = startCommandProcess('main.ts', [], { ...env, PORT: '0', METRICS_PORT: '0', REDIS_URL: undefined, WEB_CONCURRENCY: undefined });
    try {
      await server.waitFor(/Employment card API/, 90_000);
      const file = join(dir, 'in-use.ndjson');
      await writeFile(file, '{"iin": "000000000000"}\n');
      const refused = await runCommand('cli/import.ts', [file], env);
      expect(refused.code).toBe(75);
      expect(lines(refused.stderr)).toEqual([expect.stringContaining(`The embedded database in ${pglite} is in use by another process`)]);
      expect(hasStack(refused.stdout + refused.stderr)).toBe(false);
      // The server runs the jobs itself: a worker (or a look at the queues) is one process too many.
      for (const [script, args] of [['cli/worker.ts', []], ['cli/jobs.ts', ['list']]] as const) {
        const other = await runCommand(script, [...args], { ...env, METRICS_PORT: '0' });
        expect({ script, code: other.code, stderr: lines(other.stderr) }).toEqual({ script, code: 75, stderr: [expect.stringContaining(`The embedded database in ${pglite} is in use by another process`)] });
      }
      expect(server.process.exitCode).toBeNull();
      server.process.kill('SIGTERM');
      expect((await server.finished(60_000)).code).toBe(0);
    } finally {
      server.process.kill('SIGKILL');
    }
    const orm = await openOrm({ embeddedDir: pglite }, ENTITIES);
    try {
      expect(await orm.em.fork().count(Card, {})).toBe(1);
    } finally {
      await orm.close();
    }
  }, 180_000);
});
