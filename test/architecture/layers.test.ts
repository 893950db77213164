import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';

// The arrows between the layers of src/ point one way: the command line, benchmarks, development
// tools (src/dev) and demo data over the server (HTTP and GraphQL), the server over the modules, the modules over the resolver
// toolkit (src/api) and the database layer (src/db), the jobs (src/jobs) over the modules whose jobs
// they run, and all over the process's runtime (settings,
// log, metrics, shutdown). Read from the code's own imports.

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : name.endsWith('.ts') ? [path] : [];
  });
}

/**
 * The layer of a file: its first folder under src/ (`main.ts` is the command line). The jobs'
 * contract (jobs/job.ts), which the modules implement, is a layer of its own below them.
 */
const layerOf = (path: string) => {
  if (relative(SRC, path) === 'jobs/job.ts') return 'job-contract';
  const [first, second] = relative(SRC, path).split('/');
  return second === undefined ? 'cli' : first!;
};

/** Every import (and re-export) between files of src/, as [from, to]. */
const IMPORTS = files(SRC).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+'(\.{1,2}\/[^']+)'/g)]
  .map((match): [string, string] => [file, resolve(dirname(file), match[1]!)]));

/** What each layer may import, besides itself and the generated code. */
const MAY_IMPORT: Record<string, readonly string[]> = {
  // The process's settings, log, metrics and shutdown: under everything, over nothing.
  runtime: [],
  api: ['runtime'],
  db: ['runtime'],
  'job-contract': [],
  modules: ['job-contract', 'api', 'db', 'runtime'],
  // The job runner and the one list of jobs, over the modules that declare them.
  jobs: ['job-contract', 'modules', 'api', 'db', 'runtime'],
  graphql: ['modules', 'api', 'db', 'runtime'],
  http: ['graphql', 'modules', 'api', 'db', 'runtime'],
  seed: ['modules', 'api', 'db', 'runtime'],
  bench: ['seed', 'http', 'graphql', 'modules', 'api', 'db', 'runtime'],
  // Development tools over the server: the local identity provider browsers sign in with.
  dev: ['http', 'modules', 'api', 'db', 'runtime'],
  cli: ['dev', 'bench', 'seed', 'jobs', 'http', 'graphql', 'modules', 'api', 'db', 'runtime'],
};

describe('the layers of src/', () => {
  it('are the ones the rules name', () => {
    expect(new Set(files(SRC).map(layerOf))).toEqual(new Set([...Object.keys(MAY_IMPORT), 'generated']));
  });

  it('import only the layers below them', () => {
    const wrong = IMPORTS.filter(([from, to]) => {
      const [a, b] = [layerOf(from), layerOf(to)];
      return a !== b && b !== 'generated' && a !== 'generated' && !MAY_IMPORT[a]!.includes(b);
    }).map(([from, to]) => `${relative(SRC, from)} -> ${relative(SRC, to)}`);
    expect(wrong).toEqual([]);
  });

  it('found the imports it judges', () => {
    // A guard on the guard: the pattern above must see the modules' imports of the toolkit.
    expect(IMPORTS.some(([from, to]) => layerOf(from) === 'modules' && layerOf(to) === 'api')).toBe(true);
    expect(IMPORTS.length).toBeGreaterThan(300);
  });
});
