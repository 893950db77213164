import templateSetup from '../support/global-setup.ts';
import { chromiumPath } from './chromium.ts';

// `npm run test:browser`: no Chromium, no run. Checked first, so a machine without it hears the
// install command in a second, before the template database is built.
export default async function globalSetup(): Promise<void> {
  try {
    chromiumPath();
  } catch (error) {
    // The message alone: a stack trace would only bury the install command.
    console.error(`\n${(error as Error).message}\n`);
    process.exit(1);
  }
  await templateSetup();
}
