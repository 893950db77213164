import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { refuse, startCommand } from './command.ts';

// The published contract (contract/schema.graphql) and its changelog (contract/CHANGELOG.md):
//   write  print the schema the server builds and the changelog's Unreleased section (`npm run codegen` runs it)
//   diff   print the changes since the last release, or since --base <git-ref> (`npm run contract:diff`)
//   check  fail when the changelog is not what `write` makes, or a breaking change is not acknowledged (CI)
//   release vX.Y.Z  cut a release: the contract to contract/releases/vX.Y.Z.graphql, the changelog's
//          Unreleased section becomes vX.Y.Z's (then commit, and tag that commit vX.Y.Z)
// The last release: the newest `v*` tag reachable from HEAD (`git describe`), its contract read
// from the tag, or from contract/releases/<tag>.graphql for a tag older than the printed contract;
// a release committed in contract/releases/ but not tagged yet when it is newer; with no tag, the
// newest contract/releases/v*.graphql.

const { values, positionals: [action, version] } = startCommand({
  usage: 'npm run contract:diff -- [--base GIT-REF]  |  npm run contract:release -- vX.Y.Z  |  node src/cli/contract.ts write|diff|check',
  summary: 'The published contract (contract/schema.graphql) and the changes since the last release: breaking, dangerous, deprecated, safe.\n'
    + 'Exit status: 0 done; 1 `check` found the changelog out of date or a breaking change not acknowledged; 64 bad arguments.',
  options: {
    base: { type: 'string', value: 'GIT-REF', help: '`diff`: compare with the contract at this commit or tag instead of the last release' },
  },
  positionals: { min: 1, max: 2 },
  settings: ['LOG_LEVEL'],
});
if (!['write', 'diff', 'check', 'release'].includes(action!)) refuse(`Unknown action ${action}: write, diff, check or release. See --help.`);
if ((action === 'release') !== (version !== undefined)) refuse(action === 'release' ? 'Which version? npm run contract:release -- vX.Y.Z' : `${action} takes no version. See --help.`);
if (version !== undefined && !/^v\d+\.\d+\.\d+(-[0-9A-Za-z.]+)?$/.test(version)) refuse(`${version} is not a release version (vX.Y.Z).`);
if (values.base && action !== 'diff') refuse('--base goes with `diff` only: the changelog is kept against the last release.');

const contract = await import('../graphql/contract.ts');

function git(...args: string[]): string | null {
  try {
    return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return null;
  }
}

/** The contract at a git ref: its printed file, or the committed release of that name. */
function contractAt(ref: string): string {
  const sdl = git('show', `${ref}:${contract.CONTRACT_PATH}`) ?? contract.releasedContract(ref);
  if (sdl === null) refuse(`No contract at ${ref}: neither ${contract.CONTRACT_PATH} in it nor contract/releases/${ref}.graphql.`);
  return sdl;
}

function lastRelease(): { name: string; sdl: string } {
  const tag = git('describe', '--tags', '--abbrev=0', '--match', 'v*')?.trim();
  const release = contract.newestRelease();
  if (tag && (!release || contract.compareVersions(tag, release.version) >= 0)) return { name: tag, sdl: contractAt(tag) };
  if (!release) refuse('No release to compare with: no v* tag and nothing in contract/releases/.');
  return { name: release.version, sdl: release.sdl };
}

if (action === 'write') {
  const { buildSchema } = await import('../graphql/schema.ts');
  writeFileSync(contract.contractFile, contract.printContract(buildSchema()));
}

const base = values.base ? { name: values.base, sdl: contractAt(values.base) } : lastRelease();
const changes = await contract.contractChanges(base.sdl, contract.committedContract());
const changelog = readFileSync(contract.changelogFile, 'utf8');
const section = contract.unreleasedSection(base.name, changes, contract.acknowledgments(contract.unreleasedOf(changelog)));

if (action === 'write') {
  writeFileSync(contract.changelogFile, contract.withUnreleased(changelog, section));
} else if (action === 'release') {
  const problems = [
    ...(contract.withUnreleased(changelog, section) === changelog ? [] : ['contract/CHANGELOG.md is not up to date: run \'npm run codegen\' first.']),
    ...contract.unacknowledged(section, changes).map((change) => `Breaking change not acknowledged: ${change.message}.`),
    ...(contract.compareVersions(version!, base.name) > 0 ? [] : [`${version} is not after the last release, ${base.name}.`]),
  ];
  if (problems.length) refuse(problems.join('\n'), 1);
  writeFileSync(`${contract.releasesDir}/${version}.graphql`, contract.committedContract());
  writeFileSync(contract.changelogFile, contract.withRelease(changelog, version!));
  process.stdout.write(`Released the contract as ${version}: commit contract/, then tag that commit: git tag -a ${version} -m "${version}"\n`);
} else if (action === 'diff') {
  process.stdout.write(`Changes to ${contract.CONTRACT_PATH} since ${base.name}:\n\n${section}`);
} else {
  const problems: string[] = [];
  const kept = contract.unreleasedBase(changelog);
  if (kept && kept !== base.name) problems.push(`contract/CHANGELOG.md keeps its Unreleased section against ${kept}, but the last release is ${base.name}: cut releases with 'npm run contract:release -- vX.Y.Z' (docs/api.md#the-published-contract), or run 'npm run codegen' to write it against ${base.name}.`);
  else if (contract.withUnreleased(changelog, section) !== changelog) problems.push(`contract/CHANGELOG.md is not up to date with the contract: run 'npm run codegen' and commit.`);
  for (const change of contract.unacknowledged(section, changes)) {
    problems.push(`Breaking change since ${base.name} not acknowledged: ${change.message}. Deprecate instead, or write why under it in contract/CHANGELOG.md ("  Acknowledged: …").`);
  }
  if (problems.length) refuse(problems.join('\n'), 1);
  const count = (kind: string) => changes.filter((change) => change.kind === kind).length;
  process.stdout.write(`Contract since ${base.name}: ${count('breaking')} breaking (acknowledged), ${count('dangerous')} dangerous, ${count('deprecated')} deprecated, ${count('safe')} safe, ${count('description')} descriptions.\n`);
}
