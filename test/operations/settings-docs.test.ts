import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { settingsHelp } from '../../src/runtime/settings.ts';

// docs/operations.md lists the environment variables as the settings' schema declares them: the
// schema is the one list (src/runtime/settings.ts), and the docs' tables are checked against it.

const DOCS = readFileSync(new URL('../../docs/operations.md', import.meta.url), 'utf8');
/** The variable rows of the docs' configuration tables: `| \`NAME\` | default | meaning |`. */
const ROWS = [...DOCS.matchAll(/^\| `([A-Z][A-Z0-9_]+)` \| (.*) \| (.*) \|$/gm)].map(([, name, shown, description]) => ({ name, shown, description }));

describe('the configuration tables of docs/operations.md', () => {
  it('list every variable with the default and meaning the schema gives it, once', () => {
    const byName = (a: { name?: string }, b: { name?: string }) => a.name!.localeCompare(b.name!);
    const declared = settingsHelp().map(({ name, shown, description }) => ({ name, shown, description }));
    expect([...ROWS].sort(byName)).toEqual(declared.sort(byName));
  });
});
