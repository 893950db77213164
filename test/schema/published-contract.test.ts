import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from '@jest/globals';
import {
  acknowledgments, committedContract, compareVersions, contractChanges, printContract, releasedContract, unacknowledged,
  unreleasedBase, unreleasedOf, unreleasedSection, withRelease, withUnreleased,
} from '../../src/graphql/contract.ts';
import { buildSchema } from '../../src/graphql/schema.ts';

// The published contract (contract/schema.graphql): what the server serves, and its changes between
// releases as a client sees them.

const BASE = `
"""A card."""
type Card {
  """§1 — the name."""
  name: String
  """§2 — the IIN."""
  iin: String!
  """§3 — sex."""
  sex: String
}

"""Entry points."""
type Query {
  """A card by id."""
  card(id: ID!): Card
}
`;

/** BASE with `Card.iin` removed, `Card.sex` deprecated, an optional argument and a field added. */
const NEXT = `
"""A card."""
type Card {
  """§1 — the name."""
  name: String
  """§3 — sex."""
  sex: String @deprecated(reason: "Use \`gender\`.")
  """§3 — sex, as a code."""
  gender: String
}

"""Entry points."""
type Query {
  """A card by id."""
  card(id: ID!, asOf: String): Card
}
`;

describe('the published contract', () => {
  it('is the schema the server builds, printed (npm run codegen writes it)', () => {
    expect(committedContract()).toBe(printContract(buildSchema()));
  });

  it('classifies a removed field as breaking, shows a deprecation, and lets additions through', async () => {
    const changes = await contractChanges(BASE, NEXT);
    const byPath = (path: string) => changes.filter((change) => change.path === path).map((change) => change.kind);
    expect(byPath('Card.iin')).toEqual(['breaking']);
    expect(byPath('Card.sex.@deprecated')).toEqual(['deprecated']);
    expect(byPath('Card.gender')).toEqual(['safe']);
    // graphql-inspector holds an added optional argument dangerous (a client keeps working; a
    // server that ignores it answers otherwise), never breaking: allowed without acknowledgment.
    expect(byPath('Query.card.asOf')).toEqual(['dangerous']);
    expect(changes.filter((change) => change.kind === 'breaking')).toHaveLength(1);
    expect(await contractChanges(BASE, BASE)).toEqual([]);
  });

  it('calls a required argument added to a field breaking', async () => {
    const changes = await contractChanges(BASE, BASE.replace('card(id: ID!)', 'card(id: ID!, center: ID!)'));
    expect(changes.map((change) => [change.kind, change.path])).toEqual([['breaking', 'Query.card.center']]);
  });

  it('writes a changelog section that keeps acknowledgments and names the breaking changes without one', async () => {
    const changes = await contractChanges(BASE, NEXT);
    const fresh = unreleasedSection('v0.1.0', changes, new Map());
    expect(fresh).toMatch(/^## Unreleased \(since v0\.1\.0\)\n/);
    expect(fresh).toContain('### Breaking');
    expect(fresh).toContain("- Field 'iin' was removed from object type 'Card' (`Card.iin`)");
    expect(fresh).toContain('### Deprecated');
    expect(fresh).toContain('### Dangerous');
    expect(unacknowledged(fresh, changes).map((change) => change.path)).toEqual(['Card.iin']);

    // A developer writes why under the entry; writing the section again keeps it, and it counts.
    const acknowledged = fresh.replace("(`Card.iin`)\n", '(`Card.iin`)\n  Acknowledged: no client reads it (checked with both apps).\n');
    const again = unreleasedSection('v0.1.0', changes, acknowledgments(acknowledged));
    expect(again).toBe(acknowledged);
    expect(unacknowledged(again, changes)).toEqual([]);
    // An empty acknowledgment is none.
    expect(unacknowledged(fresh.replace("(`Card.iin`)\n", '(`Card.iin`)\n  Acknowledged:\n'), changes)).toHaveLength(1);
  });

  it('replaces only the Unreleased section of the changelog', () => {
    const changelog = '# Log\n\nintro\n\n## Unreleased (since v1)\n\nold\n\n## v1\n\nreleased\n';
    expect(withUnreleased(changelog, '## Unreleased (since v1)\n\nnew\n')).toBe('# Log\n\nintro\n\n## Unreleased (since v1)\n\nnew\n\n## v1\n\nreleased\n');
    expect(unreleasedOf(changelog)).toBe('## Unreleased (since v1)\n\nold\n\n');
    expect(withUnreleased('# Log\n\n## Unreleased\n\nold\n', '## Unreleased\n\nnew\n')).toBe('# Log\n\n## Unreleased\n\nnew\n');
  });

  it('turns the Unreleased section into the release\'s when one is cut, acknowledgments and all', () => {
    const changelog = '# Log\n\n## Unreleased (since v1.0.0)\n\n### Breaking\n\n- x\n  Acknowledged: y\n\n## v1.0.0\n\nfirst\n';
    const released = withRelease(changelog, 'v1.1.0');
    expect(released).toBe('# Log\n\n## Unreleased (since v1.1.0)\n\nNo changes.\n\n## v1.1.0\n\n### Breaking\n\n- x\n  Acknowledged: y\n\n## v1.0.0\n\nfirst\n');
    expect(unreleasedBase(changelog)).toBe('v1.0.0');
    expect(unreleasedBase(released)).toBe('v1.1.0');
  });

  it('orders release versions as numbers', () => {
    expect(['v0.10.0', 'v0.9.1', 'v0.1.0', 'v1.0.0'].sort(compareVersions)).toEqual(['v0.1.0', 'v0.9.1', 'v0.10.0', 'v1.0.0']);
  });

  it('keeps the first release as main published it before the contract was printed', () => {
    expect(releasedContract('v0.1.0')).toMatch(/^type Card implements Node /m);
    expect(releasedContract('v9.9.9')).toBeNull();
  });

  it('is in step with its changelog, and npm run contract:diff compares with any git ref', () => {
    const run = (...args: string[]) => spawnSync(process.execPath, ['src/cli/contract.ts', ...args], { encoding: 'utf8' });
    const check = run('check');
    expect({ status: check.status, stderr: check.stderr }).toEqual({ status: 0, stderr: '' });
    expect(check.stdout).toMatch(/^Contract since v\S+: \d+ breaking \(acknowledged\)/);

    // HEAD's committed contract against the working one: this suite runs on a committed tree in CI.
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
    const diff = run('diff', '--base', head);
    expect(diff.status).toBe(0);
    expect(diff.stdout).toMatch(new RegExp(`^Changes to contract/schema.graphql since ${head}:\\n\\n## Unreleased \\(since ${head}\\)`));

    const bad = run('diff', '--base', 'no-such-ref');
    expect(bad.status).toBe(64);
    expect(bad.stderr).toContain('No contract at no-such-ref');
  });
});
