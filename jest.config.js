import { availableParallelism } from 'node:os';

// The suites' own `npm start` processes run no development identity provider: they would all want
// its port (DEV_OIDC_PORT). Tests that sign in from a browser start one on a free port (test/support/sign-in.ts).
process.env.DEV_OIDC_PORT ??= '0';

// Jest in native ESM mode (run through `node --experimental-vm-modules`); @swc/jest strips the types.
export const common = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2024' }, module: { type: 'es6' } }],
  },
  // One migrated template database per run, copied by every suite (test/support/database.ts).
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  // Suites build a database and a server in beforeAll: on 2 busy cores that can take over jest's
  // default 5 s. A limit against hangs, not a speed check.
  testTimeout: 30_000,
  // Jest's default, one worker fewer than the cores, is one on 2 cores, and one worker runs the
  // suites one after another in jest's own process. Suites wait on their database, servers and
  // child processes much of the time, so two keep both cores busy: the embedded run took 1 min 31 s
  // instead of 2 min 50 s on this 2-core machine.
  maxWorkers: Math.max(2, availableParallelism() - 1),
};

// `npm test` needs nothing but Node and npm, so two suites are left to the runs that have more:
// - the GraphiQL browser test needs Debian's Chromium: `npm run test:browser` (jest.browser.config.js);
// - the benchmark harness needs a PostgreSQL server: it runs in the pass with DATABASE_URL.
export const browserTests = '<rootDir>/test/graphiql/';
/** Browser tests beside the module they try (the printed card rendered by pdf.js). */
export const browserTestFiles = '**/*.browser.test.ts';

export default {
  ...common,
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  // Suites named *.postgres.test.ts need a PostgreSQL server (terminated connections, row locks
  // held by another session, worker processes on one database): they run in the pass with DATABASE_URL.
  testPathIgnorePatterns: ['/node_modules/', browserTests, '\\.browser\\.test\\.ts$', ...(process.env.DATABASE_URL ? [] : ['<rootDir>/test/bench/harness\\.test\\.ts', '\\.postgres\\.test\\.ts$'])],
};
