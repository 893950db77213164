import { browserTestFiles, browserTests, common } from './jest.config.js';

// `npm run test:browser`: the tests that drive Debian's headless Chromium (`apt-get install chromium`).
export default {
  ...common,
  // Fails at once, with the install command, when Chromium is missing.
  globalSetup: '<rootDir>/test/graphiql/global-setup.ts',
  testMatch: [`${browserTests}**/*.test.ts`, `<rootDir>/test/${browserTestFiles}`],
};
