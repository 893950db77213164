import { browserTests, common } from './jest.config.js';

// `npm run test:browser`: the tests that drive Debian's headless Chromium (`apt-get install chromium`).
export default {
  ...common,
  testMatch: [`${browserTests}**/*.test.ts`],
};
