import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { diff, DiffRule, CriticalityLevel, type Change } from '@graphql-inspector/core';
import { buildSchema as buildSdl, lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';

// The published contract: the schema the server serves (buildSchema(): the SDL of schema/ with the
// descriptions the server adds — text lengths, the form's titles), printed to one committed file,
// and the changes between releases of it. Introspection needs a token; the printed file does not.
// It lives outside schema/: codegen reads schema/**/*.graphql and the server every .graphql file
// under schema/, so a printed copy there would declare every type twice.
// A tool of development and CI (@graphql-inspector/core is a devDependency): the server never imports it.

const at = (path: string) => fileURLToPath(new URL(`../../contract/${path}`, import.meta.url));
export const contractFile = at('schema.graphql');
export const changelogFile = at('CHANGELOG.md');
/** The contract as each release published it (`v0.1.0.graphql`): the base when no release tag is reachable. */
export const releasesDir = at('releases');
/** The contract's path in the repository (what `git show <tag>:…` reads). */
export const CONTRACT_PATH = 'contract/schema.graphql';

/**
 * The schema as published: types sorted by name, so that a type moving between the modules'
 * files is no change to the contract and a diff shows only what a client sees.
 */
export function printContract(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}

export const committedContract = () => readFileSync(contractFile, 'utf8');

/** `v0.10.0` after `v0.9.1`. */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string) => v.replace(/^v/, '').split(/[.-]/).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if (x[i] === y[i]) continue;
    if (x[i] === undefined) return -1;
    if (y[i] === undefined) return 1;
    return typeof x[i] === 'number' && typeof y[i] === 'number' ? (x[i] as number) - (y[i] as number) : String(x[i]).localeCompare(String(y[i]));
  }
  return 0;
}

/** The newest committed release of the contract (`contract/releases/v*.graphql`), or null. */
export function newestRelease(): { version: string; sdl: string } | null {
  const versions = readdirSync(releasesDir).filter((file) => /^v.+\.graphql$/.test(file)).map((file) => file.slice(0, -'.graphql'.length));
  const version = versions.sort(compareVersions).at(-1);
  return version ? { version, sdl: releasedContract(version)! } : null;
}

/** The contract a release published, as committed in contract/releases/, or null. */
export function releasedContract(version: string): string | null {
  try {
    return readFileSync(`${releasesDir}/${version}.graphql`, 'utf8');
  } catch {
    return null;
  }
}

/** How a change affects a client that works today. */
export type Kind = 'breaking' | 'dangerous' | 'deprecated' | 'safe' | 'description';

export interface ContractChange {
  kind: Kind;
  /** What changed, as graphql-inspector words it. */
  message: string;
  /** The schema coordinate (`Card.registrations`), when it has one. */
  path: string | null;
}

const KIND_ORDER: readonly Kind[] = ['breaking', 'dangerous', 'deprecated', 'safe', 'description'];

function kindOf(change: Change): Kind {
  if (change.criticality.level === CriticalityLevel.Breaking) return 'breaking';
  if (change.criticality.level === CriticalityLevel.Dangerous) return 'dangerous';
  if (/DEPRECAT/.test(change.type)) return 'deprecated';
  if (/DESCRIPTION/.test(change.type)) return 'description';
  return 'safe';
}

/**
 * The changes from one printed contract to another (graphql-inspector's diff). A change that is
 * part of a larger one (a field of an added type, the `@deprecated` directive of a deprecation) is
 * left to that one.
 */
export async function contractChanges(base: string, current: string): Promise<ContractChange[]> {
  const changes = await diff(buildSdl(base), buildSdl(current), [DiffRule.simplifyChanges]);
  return changes
    // A deprecation is one change: inspector also reports the `@deprecated` directive and its argument.
    .filter((change) => !(/^DIRECTIVE_USAGE_/.test(change.type) && /\.@deprecated(\.|$)/.test(change.path ?? '')))
    .map((change) => ({ kind: kindOf(change), message: change.message, path: change.path ?? null }))
    .sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
}

const HEADINGS: Record<Kind, string> = {
  breaking: 'Breaking',
  dangerous: 'Dangerous',
  deprecated: 'Deprecated',
  safe: 'Safe',
  description: 'Descriptions',
};

/** What a client that works today may need to do, per kind (printed under each heading). */
const MEANING: Record<Kind, string> = {
  breaking: 'A client that works today can fail: each needs a line `Acknowledged: …` under it (why it cannot be a deprecation instead).',
  dangerous: 'A client keeps working but may see other results (an added argument or enum value, a changed default).',
  deprecated: 'Still served; clients should move off before a release removes it.',
  safe: 'Additions.',
  description: 'Documentation only.',
};

const ACK = 'Acknowledged:';
/** One line per change: a message quoting a description with line breaks is put on one. */
const entry = (change: ContractChange) => `- ${change.message.replace(/\s*\n\s*/g, ' ')}${change.path ? ` (\`${change.path}\`)` : ''}`;

/** The acknowledgments written under breaking entries of a changelog section, by entry line. */
export function acknowledgments(section: string): Map<string, string> {
  const found = new Map<string, string>();
  const lines = section.split('\n');
  lines.forEach((line, i) => {
    const next = lines[i + 1]?.trim();
    if (line.startsWith('- ') && next?.startsWith(ACK) && next.slice(ACK.length).trim()) found.set(line, next);
  });
  return found;
}

/** The changelog's section of the changes since `base`, keeping the acknowledgments already written. */
export function unreleasedSection(base: string, changes: readonly ContractChange[], acknowledged: ReadonlyMap<string, string>): string {
  const lines = [`## Unreleased (since ${base})`, ''];
  if (!changes.length) lines.push('No changes.', '');
  for (const kind of KIND_ORDER) {
    const ofKind = changes.filter((change) => change.kind === kind);
    if (!ofKind.length) continue;
    lines.push(`### ${HEADINGS[kind]}`, '', MEANING[kind], '');
    // Descriptions are many and long (each quotes the old and new text): where, not what; the diff of schema.graphql shows what.
    if (kind === 'description') {
      lines.push(`${ofKind.length} changed: ${[...new Set(ofKind.map((change) => `\`${change.path}\``))].join(', ')}.`, '');
      continue;
    }
    for (const change of ofKind) {
      const line = entry(change);
      lines.push(line);
      const ack = kind === 'breaking' ? acknowledged.get(line) : undefined;
      if (ack) lines.push(`  ${ack}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

const UNRELEASED = /^## Unreleased\b[^\n]*\n[\s\S]*?(?=^## |(?![\s\S]))/m;

/** The changelog with its Unreleased section (the first `## Unreleased …` up to the next `## `) replaced. */
export function withUnreleased(changelog: string, section: string): string {
  if (UNRELEASED.test(changelog)) return changelog.replace(UNRELEASED, () => `${section}\n`).replace(/\n+$/, '\n');
  throw new Error(`${changelogFile} has no "## Unreleased" section`);
}

/**
 * The changelog when `version` is released: its Unreleased section becomes that release's, and an
 * empty Unreleased section since it goes on top.
 */
export function withRelease(changelog: string, version: string): string {
  const section = unreleasedOf(changelog);
  if (!section) throw new Error(`${changelogFile} has no "## Unreleased" section`);
  const body = section.slice(section.indexOf('\n') + 1);
  return changelog.replace(section, () => `${unreleasedSection(version, [], new Map())}\n## ${version}\n${body}`);
}

/** The release a changelog's Unreleased section is kept against (`## Unreleased (since v0.1.0)`). */
export const unreleasedBase = (changelog: string) => /^## Unreleased \(since ([^)]+)\)/m.exec(changelog)?.[1] ?? null;

/** The changelog's Unreleased section as it stands. */
export const unreleasedOf = (changelog: string) => UNRELEASED.exec(changelog)?.[0] ?? '';

/** The breaking entries of a section without an acknowledgment. */
export function unacknowledged(section: string, changes: readonly ContractChange[]): ContractChange[] {
  const acknowledged = acknowledgments(section);
  return changes.filter((change) => change.kind === 'breaking' && !acknowledged.has(entry(change)));
}
