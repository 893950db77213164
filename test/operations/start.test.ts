import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { settingsHelp } from '../../src/runtime/settings.ts';
import { runMain } from '../support/server-process.ts';

// Tests here start the API in a process of its own (migrations, demo data): seconds on an idle
// machine, several times that on a busy one. The limit is against hangs, not a speed check.
jest.setTimeout(180_000);

// Configuration is checked first: every variable, by one schema, before anything connects or
// migrates; a bad value stops the start with one line naming it, never a stack. Found as: a bad
// PORT was found only after migrating and seeding, as a RangeError stack; a missing key file and a
// bad DATABASE_URL gave raw stacks of 18–39 lines.

const dir = mkdtempSync(join(tmpdir(), 'card-start-'));

/** A PostgreSQL address that counts the connections made to it and never answers them. */
let database: { url: string; connections: () => number; close(): void };
beforeAll(async () => {
  const sockets: Socket[] = [];
  const server = createServer((socket) => void sockets.push(socket)).listen(0, '127.0.0.1');
  await once(server, 'listening');
  database = {
    url: `postgres://postgres@127.0.0.1:${(server.address() as AddressInfo).port}/cards`,
    connections: () => sockets.length,
    close: () => {
      for (const socket of sockets) socket.destroy();
      server.close();
    },
  };
});
afterAll(() => database.close());

/** Runs the start with `env`, expecting it refused. */
async function refusedStart(env: Record<string, string>) {
  const pgliteDir = join(dir, `never-${Math.random().toString(36).slice(2)}`);
  const { stdout, stderr, code } = await runMain([], { DATABASE_URL: database.url, PGLITE_DIR: pgliteDir, LOG_LEVEL: 'info', METRICS_PORT: '0', ...env }).exited;
  return { code, lines: stderr.trim().split('\n'), stdout, stderr, touched: existsSync(pgliteDir) };
}

describe('a bad setting', () => {
  const cases: [string, Record<string, string>, RegExp][] = [
    ['PORT', { PORT: 'eighty' }, /^Configuration: PORT must be an integer from 0 to 65535, not "eighty"$/],
    ['PORT', { PORT: '70000' }, /^Configuration: PORT must be an integer from 0 to 65535, not "70000"$/],
    ['AUTH_PUBLIC_KEY_FILE', { AUTH_PUBLIC_KEY_FILE: '/nonexistent/key.pem', AUTH_ISSUER: 'https://idp.example.kz' }, /^Configuration: AUTH_PUBLIC_KEY_FILE names no file: \/nonexistent\/key\.pem$/],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://root@localhost/cards' }, /^Configuration: DATABASE_URL must start with postgres: or postgresql:, not mysql:$/],
    ['DATABASE_URL', { DATABASE_URL: 'postgres://user:secret@[bad' }, /^Configuration: DATABASE_URL must be a URL \(postgres:\/\/… or postgresql:\/\/…\), not "postgres:\/\/user:\*\*\*@\[bad"$/],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }, /^Configuration: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, not "loud"$/],
    ['TRUST_PROXY', { TRUST_PROXY: 'true' }, /^Configuration: TRUST_PROXY=true would let any client choose its own address/],
    ['WEB_CONCURRENCY', { WEB_CONCURRENCY: '2', DATABASE_URL: '', DOWNLOAD_LINK_SECRET: 'k'.repeat(32) }, /^Configuration: WEB_CONCURRENCY above 1 needs DATABASE_URL/],
    ['WEB_CONCURRENCY', { WEB_CONCURRENCY: '2', DATABASE_URL: 'postgres://cards@127.0.0.1:1/cards', DOWNLOAD_LINK_SECRET: '' }, /^Configuration: WEB_CONCURRENCY above 1 needs DOWNLOAD_LINK_SECRET/],
    ['DOWNLOAD_LINK_SECRET', { DOWNLOAD_LINK_SECRET: 'short' }, /^Configuration: DOWNLOAD_LINK_SECRET must be at least 32 characters long \(it is 5\)$/],
    ['CARD_TIME_ZONE', { CARD_TIME_ZONE: 'Asia/Nowhere' }, /^Configuration: CARD_TIME_ZONE must be an IANA time zone/],
  ];

  it.each(cases)('%s: stops the start with one line naming it, before anything connects or migrates', async (_name, env, line) => {
    const before = database.connections();
    const result = await refusedStart(env);
    expect(result.code).toBe(78);
    expect(result.lines).toEqual([expect.stringMatching(line)]);
    expect(result.stdout).toBe('');
    // Nothing was opened: no database connection, no embedded directory.
    expect(database.connections()).toBe(before);
    expect(result.touched).toBe(false);
  });

  it('is reported with every other bad one at once', async () => {
    const result = await refusedStart({ PORT: '-1', QUERY_TIMEOUT_MS: 'soon', METRICS_ALLOW: '' , PLAN_HORIZON_YEARS: '0' });
    expect(result.code).toBe(78);
    expect(result.lines).toEqual([
      'Configuration: PORT must be an integer from 0 to 65535, not "-1"',
      'Configuration: PLAN_HORIZON_YEARS must be an integer from 1 to 100, not "0"',
      'Configuration: QUERY_TIMEOUT_MS must be an integer of at least 1, not "soon"',
    ]);
  });

  it('that only reading the file shows (a key file holding no key) stops the start in one line too', async () => {
    const file = join(dir, 'not-a-key.pem');
    writeFileSync(file, 'this is not a PEM key\n');
    const result = await refusedStart({ AUTH_PUBLIC_KEY_FILE: file, AUTH_ISSUER: 'https://idp.example.kz' });
    expect(result.code).toBe(78);
    expect(result.lines).toEqual([`Configuration: AUTH_PUBLIC_KEY_FILE holds no ES256 public key in PEM (SPKI) form: ${file}`]);
    expect(database.connections()).toBe(0);
  });
});

describe('a port in use', () => {
  it('stops the start in one line, before the database is opened', async () => {
    const taken = createHttpServer().listen(0, '127.0.0.1');
    await once(taken, 'listening');
    try {
      const port = (taken.address() as AddressInfo).port;
      const before = database.connections();
      const result = await refusedStart({ PORT: String(port) });
      expect(result.code).toBe(75);
      expect(result.lines).toEqual([`Port :${port} is in use by another process: stop it, or choose another port`]);
      expect(database.connections()).toBe(before);
    } finally {
      taken.close();
    }
  });
});

describe('a database that cannot be reached', () => {
  it('ends the start with one log line that names why, its stack in a field, and a non-zero status', async () => {
    const closed = createServer().listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const port = (closed.address() as AddressInfo).port;
    closed.close();
    const { code, stdout, stderr } = await runMain([], { DATABASE_URL: `postgres://postgres:secret@127.0.0.1:${port}/cards`, PORT: '0', METRICS_PORT: '0', LOG_LEVEL: 'info' }).exited;
    expect(code).toBe(1);
    expect(stderr).toBe('');
    const lines = stdout.trim().split('\n').map((line) => JSON.parse(line));
    const fatal = lines.filter((line) => line.level === 'fatal');
    expect(fatal).toEqual([expect.objectContaining({ err: expect.objectContaining({ code: 'ECONNREFUSED', stack: expect.any(String) }) })]);
    expect(stdout).not.toContain('secret');
  });
});

describe('npm start -- --help', () => {
  it('lists every variable the server reads, with its default', async () => {
    const { code, stdout } = await runMain(['--help'], {}).exited;
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: npm start/);
    for (const variable of settingsHelp()) expect(stdout).toMatch(new RegExp(`^  ${variable.name} .*\\(default: `, 'm'));
  });

  it('refuses an argument it does not take in one line', async () => {
    const { code, stderr } = await runMain(['--port', '80'], {}).exited;
    expect(code).toBe(64);
    expect(stderr.trim().split('\n')).toEqual([expect.stringMatching(/^Unknown option '--port'.*See --help\.$/)]);
  });
});
