// Jest in native ESM mode (run through `node --experimental-vm-modules`); @swc/jest strips the types.
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2024' }, module: { type: 'es6' } }],
  },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  // One migrated template database per run, copied by every suite (test/support/database.ts).
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  // Suites build a database and a server in beforeAll: on 2 busy cores that can take over jest's
  // default 5 s. A limit against hangs, not a speed check.
  testTimeout: 30_000,
};
