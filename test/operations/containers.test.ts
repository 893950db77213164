import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from '@jest/globals';
import { Copy, DockerfileParser, type Instruction } from 'dockerfile-ast';
import { parse } from 'yaml';
import { authFrom } from '../../src/modules/access/auth-config.ts';
import { readSettings } from '../../src/runtime/settings.ts';
import { DEV_KEY_DIR } from '../../src/modules/access/dev-keys.ts';
import { verifyToken } from '../../src/modules/access/tokens.ts';

// The image and compose.yaml, read as Docker and Compose read them (no Docker daemon here to build or
// run them; .ci/run also has `docker-compose config` validate compose.yaml): the rules that matter
// for running the API in production.

const read = (file: string) => readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
const PINNED_NODE: string = JSON.parse(read('package.json')).devDependencies.node;

const dockerfile = DockerfileParser.parse(read('Dockerfile'));
/** The build stages, each its instructions from FROM on. */
const stages = dockerfile.getInstructions().reduce<Instruction[][]>((all, instruction) => {
  if (instruction.getKeyword() === 'FROM') all.push([]);
  all.at(-1)?.push(instruction);
  return all;
}, []);
const runtime = stages.at(-1)!;
/** An instruction's arguments with the Dockerfile's ARGs filled in. */
const words = (instruction: Instruction) => instruction.getExpandedArguments().map((argument) => argument.getValue());
const of = (stage: Instruction[], keyword: string) => stage.filter((instruction) => instruction.getKeyword() === keyword);
/** The stage a COPY takes from (`--from=`), or undefined for the build context. */
const copiedFrom = (copy: Instruction) => (copy instanceof Copy ? copy.getFromFlag()?.getValue() : undefined) ?? undefined;

describe('the Dockerfile', () => {
  it('builds in stages, every one on the Node that package.json pins', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) {
      const [image] = words(stage[0]!);
      expect(image).toMatch(new RegExp(`^node:${PINNED_NODE.replaceAll('.', '\\.')}(-[a-z0-9-]+)?$`));
    }
  });

  it('installs the production dependencies only, from the lockfile, in a stage the image copies them from', () => {
    const installs = stages.flatMap((stage) => of(stage, 'RUN')).map((run) => run.getArgumentsContent() ?? '');
    expect(installs.filter((run) => /\bnpm (ci|install|i)\b/.test(run))).toEqual([expect.stringMatching(/\bnpm ci\b.*--omit=dev\b/)]);
    expect(of(runtime, 'RUN')).toEqual([]);
    const fromStages = of(runtime, 'COPY').filter(copiedFrom);
    expect(fromStages.map((copy) => [copiedFrom(copy), ...words(copy)])).toEqual([[words(stages[0]![0]!)[2], '/app/node_modules', './node_modules']]);
  });

  it('runs node src/main.ts as an unprivileged user, with NODE_ENV=production', () => {
    const users = of(runtime, 'USER').map((user) => words(user)[0]);
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)).not.toMatch(/^(root|0)(:|$)/);
    expect(runtime.indexOf(of(runtime, 'USER').at(-1)!)).toBeLessThan(runtime.indexOf(of(runtime, 'CMD')[0]!));
    // Exec form, no npm: SIGTERM reaches the API, which closes its connections.
    expect(of(runtime, 'CMD').map((cmd) => cmd.getArgumentsContent())).toEqual(['["node", "src/main.ts"]']);
    expect(of(runtime, 'ENV').flatMap(words)).toContain('NODE_ENV=production');
  });

  it('gets from the build context only what it copies: .dockerignore lets through nothing else', () => {
    const fromContext = stages.flatMap((stage) => of(stage, 'COPY')).filter((copy) => !copiedFrom(copy))
      .flatMap((copy) => words(copy).slice(0, -1)).map((source) => source.replace(/\/$/, ''));
    const patterns = read('.dockerignore').split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('#'));
    // Everything out, then back in one by one: node_modules, .data, .git and test-artifacts stay out.
    expect(patterns[0]).toBe('**');
    expect(patterns.slice(1).map((pattern) => pattern.replace(/^!/, '').replace(/\/$/, '')).sort()).toEqual([...new Set(fromContext)].sort());
    expect(patterns.slice(1).every((pattern) => pattern.startsWith('!'))).toBe(true);
  });
});

interface Service {
  image?: string;
  build?: unknown;
  environment?: Record<string, string | number>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  secrets?: string[];
  stop_grace_period?: string;
  ports?: string[];
}
const compose = parse(read('compose.yaml')) as { services: Record<string, Service>; secrets?: Record<string, { file: string }> };
const { api, db, redis } = compose.services;
/** A value as Compose reads it when the shell sets nothing: `${NAME:-default}` is the default. */
const value = (text: string | number | undefined) => String(text ?? '').replace(/\$\{\w+:-([^}]*)\}/g, '$1');

/** The API's settings as compose.yaml sets them (the key file is only there inside the container). */
const apiSettings = () => readSettings({
  ...Object.fromEntries(Object.entries(api!.environment ?? {}).map(([name, text]) => [name, value(text)])), AUTH_PUBLIC_KEY_FILE: '', AUTH_ISSUER: '',
});

describe('compose.yaml', () => {
  it('runs the API built from the Dockerfile on its PostgreSQL and its Redis', () => {
    expect(api?.build).toBeDefined();
    expect(db?.image).toMatch(/^postgres:\d+/);
    expect(redis?.image).toMatch(/^redis:\d+/);
    const database = new URL(value(api!.environment?.DATABASE_URL));
    expect(database).toMatchObject({ protocol: 'postgres:', hostname: 'db' });
    expect([database.username, database.password, database.pathname.slice(1)])
      .toEqual([db!.environment?.POSTGRES_USER, db!.environment?.POSTGRES_PASSWORD, db!.environment?.POSTGRES_DB]);
    expect(new URL(value(api!.environment?.REDIS_URL))).toMatchObject({ protocol: 'redis:', hostname: 'redis' });
  });

  it('gives the API longer to stop than its own deadline, so requests in flight are answered before a SIGKILL', () => {
    const grace = /^(\d+)s$/.exec(api!.stop_grace_period ?? '');
    expect(grace).not.toBeNull();
    expect(Number(grace![1]) * 1000).toBeGreaterThan(apiSettings().SHUTDOWN_TIMEOUT_MS);
  });

  it('serves /metrics on its own port, to private networks only', () => {
    const settings = apiSettings();
    expect({ host: settings.METRICS_HOST, allow: settings.METRICS_ALLOW }).toEqual({ host: '0.0.0.0', allow: 'loopback, uniquelocal' });
    expect(api!.ports).toContain(`127.0.0.1:\${METRICS_PORT:-${settings.METRICS_PORT}}:${settings.METRICS_PORT}`);
  });

  it('starts the API once PostgreSQL and Redis are healthy, and calls it healthy when /readyz says so', () => {
    expect(api!.depends_on).toEqual({ db: { condition: 'service_healthy' }, redis: { condition: 'service_healthy' } });
    expect(db!.healthcheck?.test.join(' ')).toMatch(/pg_isready/);
    expect(redis!.healthcheck?.test.join(' ')).toMatch(/redis-cli ping/);
    expect(api!.healthcheck?.test.join(' ')).toMatch(/^CMD node -e .*fetch\('http:\/\/127\.0\.0\.1:4000\/readyz'\)/);
  });

  it('trusts a public key given as a secret, never a key the API would make itself', () => {
    const env = api!.environment ?? {};
    expect(env.AUTH_JWKS_URL).toBeUndefined();
    expect(value(env.AUTH_ISSUER)).not.toBe('');
    expect(env.AUTH_PUBLIC_KEY_FILE).toMatch(/^\/run\/secrets\//);
    const secret = String(env.AUTH_PUBLIC_KEY_FILE).split('/').at(-1)!;
    expect(api!.secrets).toContain(secret);
    expect(compose.secrets?.[secret]?.file).toBeDefined();
  });

  it('trusts the tokens of npm run token once `npm run token -- --public-key` has written the public key', async () => {
    const keyDir = await mkdtemp(join(tmpdir(), 'dev-keys-'));
    try {
      const env: NodeJS.ProcessEnv = { ...process.env, AUTH_DEV_KEY_DIR: keyDir };
      for (const name of ['AUTH_JWKS_URL', 'AUTH_PUBLIC_KEY_FILE', 'AUTH_ISSUER']) delete env[name];
      const token = (...args: string[]) => promisify(execFile)(process.execPath, ['src/cli/token.ts', ...args], { env });
      const file = (await token('--public-key')).stdout.trim();
      expect(file).toBe(join(keyDir, 'public.pem'));
      const signed = (await token('--role', 'ANALYST')).stdout.trim();
      // The API as compose.yaml configures it, with the file mounted as its secret.
      const settings = await authFrom(readSettings({ AUTH_PUBLIC_KEY_FILE: file, AUTH_ISSUER: value(api!.environment?.AUTH_ISSUER) }));
      expect(await verifyToken(signed, settings)).toMatchObject({ role: 'ANALYST' });
      // …which is the file compose.yaml mounts unless told another.
      const secret = String(api!.environment?.AUTH_PUBLIC_KEY_FILE).split('/').at(-1)!;
      expect(value(compose.secrets?.[secret]?.file).replace(/^\.\//, '')).toBe(join(DEV_KEY_DIR, 'public.pem'));
    } finally {
      await rm(keyDir, { recursive: true, force: true });
    }
  }, 30_000);
});
