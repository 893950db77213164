import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildClientSchema, getIntrospectionQuery, getNamedType, isLeafType, isListType, isNonNullType, isObjectType, parse, validate,
  type GraphQLField, type GraphQLObjectType, type GraphQLSchema,
} from 'graphql';
import { openOrm } from '../../db/orm.ts';
import { tableOf } from '../../db/read-entities.ts';
import { kazakhstanDay } from '../../modules/base/clock.ts';
import { ENTITIES } from '../../modules/entities.ts';
import { LIST_SECTIONS } from '../../modules/sections.ts';
import type { PeerRequests, StartPeer } from '../peer.ts';
import { startProcess, stopProcess } from '../processes.ts';

// PostGraphile v5 as a peer of the benchmark: the generic GraphQL-over-PostgreSQL server a team
// could point at the same tables instead of running the API. Installed on first use into a
// scratch folder under node_modules/.cache (never a dependency of the API), started as a process
// of its own (postgraphile-server.ts) and asked the mix's queries in the schema it generates.

export const POSTGRAPHILE_VERSION = '5.1.5';
/** What the scratch folder holds: PostGraphile and the two plugins its server uses, pinned. */
const PACKAGES = [`postgraphile@${POSTGRAPHILE_VERSION}`, '@graphile/simplify-inflection@9.0.0', 'postgraphile-plugin-connection-filter@4.0.1'];
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const POSTGRAPHILE_DIR = join(ROOT, 'node_modules', '.cache', 'card-bench-peers', `postgraphile-${POSTGRAPHILE_VERSION}`);
const SERVER = fileURLToPath(new URL('./postgraphile-server.ts', import.meta.url));
/** The pool of one API process (pg's default, which the API keeps), so both wait on the database alike. */
const POOL_SIZE = 10;
/** Entries of the sections read a page at a time, as the API's FullCard asks (`first: 100`). */
const PAGE = 100;

/**
 * The scratch folder with PostGraphile installed, installing it when absent. npm installs into a
 * folder of its own that is renamed into place when complete, so an interrupted or concurrent
 * install never leaves a half folder that a later run would take as installed.
 */
export async function installPostgraphile(log: (line: string) => void): Promise<string> {
  if (existsSync(join(POSTGRAPHILE_DIR, 'node_modules', 'postgraphile', 'package.json'))) return POSTGRAPHILE_DIR;
  const partial = `${POSTGRAPHILE_DIR}.partial-${process.pid}`;
  await rm(partial, { recursive: true, force: true });
  await mkdir(partial, { recursive: true });
  // A package.json of its own: npm would otherwise look upwards and install into the API's.
  await writeFile(join(partial, 'package.json'), `${JSON.stringify({ name: 'card-bench-peer-postgraphile', private: true })}\n`);
  log(`Installing ${PACKAGES.join(' ')} into ${POSTGRAPHILE_DIR} (once)`);
  const started = performance.now();
  // Under `npm run`, the npm that runs us, on this Node; else the npm on PATH.
  const npm = process.env.npm_execpath?.endsWith('.js') ? [process.execPath, process.env.npm_execpath] : ['npm'];
  await run(npm[0]!, [...npm.slice(1), 'install', '--prefix', partial, '--save-exact', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error', ...PACKAGES]);
  await rename(partial, POSTGRAPHILE_DIR).catch(async (error: NodeJS.ErrnoException) => {
    // Another run installed it meanwhile: use that one.
    await rm(partial, { recursive: true, force: true });
    if (!existsSync(POSTGRAPHILE_DIR)) throw error;
  });
  log(`Installed PostGraphile ${POSTGRAPHILE_VERSION} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  return POSTGRAPHILE_DIR;
}

async function run(command: string, args: string[]): Promise<void> {
  const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} failed (${code}):\n${output}`);
}

/** Starts PostGraphile's server process; resolves once it listens (its schema built). */
function startServer(modules: string, databaseUrl: string, port: number): Promise<ChildProcess> {
  const env = { ...process.env, NODE_ENV: 'production', PEER_MODULES: modules, DATABASE_URL: databaseUrl, PORT: String(port), POOL_SIZE: String(POOL_SIZE) };
  return startProcess(SERVER, env, /postgraphile listening on \d+/);
}

/** The schema PostGraphile generated, as its introspection gives it. */
async function schemaOf(url: string): Promise<GraphQLSchema> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: getIntrospectionQuery() }) });
  const { data, errors } = (await response.json()) as { data?: Parameters<typeof buildClientSchema>[0]; errors?: unknown[] };
  if (!data) throw new Error(`PostGraphile's introspection failed: ${JSON.stringify(errors)}`);
  return buildClientSchema(data);
}

/** One list section as PostGraphile shows it: its table's type, order and whether voided rows are left out. */
interface PeerSection {
  table: string;
  /** Columns of the section's order, the last the id. */
  order: string[];
  /** The column naming the row's owner (`card_id`): the API never shows it on an entry. */
  owner: string;
  live: boolean;
  paged: boolean;
  children?: PeerSection;
}

/** PostGraphile's name for a table's type (`employment_plan_row` → `EmploymentPlanRow`) and a column's order (`planned_on` → `PLANNED_ON_ASC`). */
const typeName = (table: string) => table.split('_').map((word) => word[0]!.toUpperCase() + word.slice(1)).join('');
const ascending = (column: string) => (column === 'id' ? 'PRIMARY_KEY_ASC' : `${column.toUpperCase()}_ASC`);

/** The list sections of the form (sections.ts) as tables and columns, from the ORM's mapping. */
async function peerSections(databaseUrl: string): Promise<PeerSection[]> {
  const orm = await openOrm({ url: databaseUrl, embeddedDir: '' }, ENTITIES);
  try {
    const em = orm.em.fork();
    const describe = (entity: Parameters<typeof tableOf>[1], order: readonly { property: string }[], owner: string, live: boolean, paged: boolean): PeerSection => {
      const { table, column } = tableOf(em, entity);
      const bare = (quoted: string) => quoted.slice(1, -1);
      return { table: bare(table), order: order.map((key) => bare(column(key.property))), owner: bare(column(owner)), live, paged };
    };
    return LIST_SECTIONS.map((section) => ({
      ...describe(section.entity as never, section.order, 'card', section.voidable, section.paged),
      // §16.4 family members: voidable like their relocation's other rows, and left out alike when voided.
      ...(section.children ? { children: describe(section.children.entity as never, section.children.order, section.children.owner, true, false) } : {}),
    }));
  } finally {
    await orm.close();
  }
}

/**
 * Columns of the rows a card holds that no reader of the card is shown, so that PostGraphile's
 * answer carries the facts the API's does (and about as many bytes): when a row was written, its
 * voiding (always empty on the live rows asked for), the import's key and the owner's id.
 */
const BOOKKEEPING = ['created_at', 'updated_at', 'voided_at', 'voided_by', 'void_reason', 'source_id'];

/** PostGraphile's name for a column (`planned_on` → `plannedOn`; `id`, the Node interface's, → `rowId`). */
const fieldOf = (column: string) => (column === 'id' ? 'rowId' : column.replace(/_(\w)/g, (_, letter: string) => letter.toUpperCase()));

/** The columns of a type (every leaf field but the Node interface's global id), without `left` (column names). */
function columnsOf(type: GraphQLObjectType, left: readonly string[] = []): string[] {
  const unread = new Set(left.map(fieldOf));
  return Object.values(type.getFields())
    .filter((field) => isLeafType(getNamedType(field.type)) && field.name !== 'id' && !unread.has(field.name))
    .map((field) => field.name);
}

/** The field of `owner` that is the connection of `table`'s rows referencing it (a foreign key's backward relation). */
function connectionTo(owner: GraphQLObjectType, table: string): GraphQLField<unknown, unknown> {
  const wanted = `${typeName(table)}Connection`;
  const fields = Object.values(owner.getFields()).filter((field) => getNamedType(field.type).name === wanted);
  if (fields.length !== 1) throw new Error(`PostGraphile's ${owner.name} has ${fields.length} connections to ${table}`);
  return fields[0]!;
}

/** The selection of one section's rows under `owner`: every column but the bookkeeping, in the section's order, voided rows left out. */
function sectionSelection(schema: GraphQLSchema, owner: GraphQLObjectType, section: PeerSection): string {
  const field = connectionTo(owner, section.table);
  const type = schema.getType(typeName(section.table));
  if (!isObjectType(type)) throw new Error(`PostGraphile has no type ${typeName(section.table)}`);
  const columns = columnsOf(type, [...BOOKKEEPING, section.owner]);
  const args = [`orderBy: [${section.order.map(ascending).join(', ')}]`];
  if (section.live && 'voidedAt' in type.getFields()) args.push('condition: { voidedAt: null }');
  if (section.paged) args.push(`first: ${PAGE}`);
  const fields = [...columns, ...(section.children ? [sectionSelection(schema, type, section.children)] : [])].join(' ');
  return section.paged
    ? `${field.name}(${args.join(', ')}) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { ${fields} } } }`
    : `${field.name}(${args.join(', ')}) { nodes { ${fields} } }`;
}

/**
 * The whole card in PostGraphile's schema: every column of the card, the career center it
 * references, and every list section's live rows through the foreign keys to the card, each with
 * every column but the bookkeeping.
 */
function fullCardFragment(schema: GraphQLSchema, sections: readonly PeerSection[]): string {
  const card = schema.getType('Card');
  if (!isObjectType(card)) throw new Error('PostGraphile has no type Card');
  // The rows the card references (its career center): single objects, not connections.
  const references = Object.values(card.getFields()).filter((field) => {
    const type = field.type;
    return !isListType(isNonNullType(type) ? type.ofType : type) && isObjectType(getNamedType(type)) && !getNamedType(type).name.endsWith('Connection');
  });
  const parts = [
    ...columnsOf(card),
    ...references.map((field) => `${field.name} { ${columnsOf(getNamedType(field.type) as GraphQLObjectType, BOOKKEEPING).join(' ')} }`),
    ...sections.map((section) => sectionSelection(schema, card, section)),
  ];
  return `fragment FullCard on Card { ${parts.join(' ')} }`;
}

/** The mix's three queries in PostGraphile's schema, checked against it. */
function peerDocuments(schema: GraphQLSchema, sections: readonly PeerSection[]) {
  const fullCard = fullCardFragment(schema, sections);
  const documents = {
    deepList: `query DeepList($center: BigInt!, $first: Int!) {
  cards(condition: { careerCenterId: $center }, orderBy: [PRIMARY_KEY_ASC], first: $first) { edges { node { ...FullCard } } }
}
${fullCard}`,
    cardByIin: `query CardByIin($iin: String!) { cardByIin(iin: $iin) { ...FullCard } }
${fullCard}`,
    // §12: the open registrations (registered, not deregistered, not voided), whose kinds give the
    // status (UNEMPLOYED before JOB_SEEKER, else NONE) — PostGraphile has no such computed field.
    // §18: the earliest visit planned on or after today and not attended.
    mobile: `query Mobile($center: BigInt!, $first: Int!, $today: Date!) {
  cards(condition: { careerCenterId: $center }, orderBy: [PRIMARY_KEY_ASC], first: $first) {
    edges { node {
      rowId surname givenName patronymic
      openRegistrations: registrations(condition: { voidedAt: null, deregistrationDeregisteredOn: null }, filter: { registeredOn: { isNull: false } }) { nodes { kind } }
      nextPlannedVisit: visits(condition: { voidedAt: null, attendedOn: null }, filter: { plannedOn: { greaterThanOrEqualTo: $today } }, orderBy: [PLANNED_ON_ASC, PRIMARY_KEY_ASC], first: 1) { nodes { plannedOn } }
    } }
  }
}`,
  };
  for (const [name, text] of Object.entries(documents)) {
    const errors = validate(schema, parse(text));
    if (errors.length) throw new Error(`the peer's ${name} query does not fit PostGraphile's schema: ${errors.map((error) => error.message).join('; ')}`);
  }
  return documents;
}

export const startPostgraphile: StartPeer = async ({ databaseUrl, port, log }) => {
  if (!databaseUrl.startsWith('postgres')) throw new Error('the PostGraphile peer needs a PostgreSQL database');
  const [modules, sections] = await Promise.all([installPostgraphile(log), peerSections(databaseUrl)]);
  const child = await startServer(modules, databaseUrl, port);
  try {
    const url = `http://127.0.0.1:${port}/graphql`;
    const documents = peerDocuments(await schemaOf(url), sections);
    const body = (query: string, variables: Record<string, unknown>) => JSON.stringify({ query, variables });
    const requests: PeerRequests = {
      deepList: (centerId, first) => body(documents.deepList, { center: centerId, first }),
      cardByIin: (iin) => body(documents.cardByIin, { iin }),
      // "Today" as the API counts it: the day in Kazakhstan.
      mobile: (centerId, first) => body(documents.mobile, { center: centerId, first, today: kazakhstanDay(new Date()) }),
    };
    log(`PostGraphile ${POSTGRAPHILE_VERSION} listening on ${url} (pid ${child.pid})`);
    return { name: `PostGraphile ${POSTGRAPHILE_VERSION}`, url, pid: child.pid!, requests, stop: () => stopProcess(child) };
  } catch (error) {
    await stopProcess(child);
    throw error;
  }
};
