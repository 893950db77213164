import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { toGlobalId } from '../../src/api/relay.ts';
import { citusScript, keySteps, tableConstraints, type TablePlan } from '../../src/db/distribution.ts';
import { withSqlLog } from '../../src/db/sql-log.ts';
import { DEFAULT_LIMITS } from '../../src/graphql/limits.ts';
import { CARD_BY_IIN, FULL_CARD, MOBILE, STATISTICS } from '../../src/bench/queries.ts';
import type { Principal } from '../../src/modules/access/principal.ts';
import { tablePlan } from '../../src/modules/distribution.ts';
import { createTestApi, dataOf, type TestApi } from '../support/api.ts';
import { aCard, aCareerCenter } from '../support/builders.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { distributionProblems, loadParser } from '../support/sql-distribution.ts';
import { aFullRecord } from '../import/records.ts';

// Every statement a realistic workload sends (reads of whole cards, pages, history, audit,
// statistics; changes of every kind of entry; an import), checked against the Citus layout of
// src/modules/distribution.ts (docs/scale.md): no join between distributed tables without equality
// of their distribution columns, no change of a distributed table without its distribution column.

let db: TestDatabase;
let api: TestApi;
let plan: Map<string, TablePlan>;
/** The statements the workload ran, with the operation that ran them. */
const ran: { operation: string; sql: string }[] = [];

async function run(operation: string, query: string, variables: Record<string, unknown> = {}, principal?: Principal) {
  const result = await api.execute(query, variables, principal ? { principal } : {});
  for (const sql of result.statements) ran.push({ operation, sql });
  return dataOf(result);
}

const examples = new URL('../../src/documents/examples/', import.meta.url);

beforeAll(async () => {
  db = await createTestDatabase();
  plan = tablePlan(db.orm.getMetadata());
  await loadParser();
  api = await createTestApi(db.orm, { limits: { ...DEFAULT_LIMITS, maxCost: Number.MAX_SAFE_INTEGER } });
  const { result: center, statements } = await withSqlLog(async () => {
    const em = db.orm.em.fork();
    const made = await aCareerCenter(em);
    for (let i = 0; i < 5; i++) await aCard().complete().save(em, made);
    return made;
  });
  for (const sql of statements) ran.push({ operation: 'stored cards (the ORM\'s inserts)', sql });
  const centerId = toGlobalId('CareerCenter', center.id);
  const head: Principal = { subject: 'head-dist', role: 'HEAD', careerCenter: center.code, name: null, iin: null };
  const reader: Principal = { subject: 'cw-dist', role: 'CASEWORKER', careerCenter: center.code, name: null, iin: null };

  // Reads: the lists of the benchmark, one card, backward pages, the history, the read audit.
  const list = await run('cards, whole', `query($center: ID!) { cards(first: 5, filter: { careerCenter: $center }) { edges { node { id iin ...FullCard } } } } ${FULL_CARD}`, { center: centerId }, reader);
  const cards = list.cards.edges.map((e: any) => e.node);
  await run('mobile list', MOBILE, { center: centerId }, reader);
  await run('card by IIN', CARD_BY_IIN, { iin: cards[0].iin }, reader);
  await run('backward pages', `query($center: ID!) { cards(first: 5, filter: { careerCenter: $center }) { edges { node {
    referrals(last: 1) { edges { node { referredOn } } } activeMeasures(last: 2) { edges { node { __typename } } }
    visits(last: 1) { edges { node { plannedOn rowNumber } } } history(last: 5) { edges { node { changedPart entry { __typename } } } } } } } }`, { center: centerId }, reader);
  await run('read audit', '{ readAudit(first: 5, filter: { readBy: "cw-dist" }) { edges { node { operation cardsRead { id card { iin } } } } } }', {}, head);
  await run('read audit of a card', 'query($id: ID!) { readAudit(first: 5, filter: { card: $id }) { edges { node { operation } } } }', { id: cards[0].id }, head);

  // Changes: one of each kind of entry on a card, a correction, a void, the family of a relocation.
  const id = cards[1].id;
  let version: number = (await run('version', 'query($id: ID!) { card(id: $id) { version } }', { id })).card.version;
  const change = async (name: string, query: string, variables: Record<string, unknown>) => {
    const data = await run(name, query, { ...variables, version });
    const payload = data[name];
    if (payload.userErrors?.length) throw new Error(`${name}: ${JSON.stringify(payload.userErrors)}`);
    version = payload.card.version;
    return payload;
  };
  const referral = await change('referralCreate', `mutation($id: ID!, $version: Int!) { referralCreate(cardId: $id, version: $version, input: { employerName: "ТОО «Береке»", position: "бухгалтер", referredOn: "2026-11-02" }) { card { version } referral { id } userErrors { code } } }`, { id });
  await change('referralRecordHiring', `mutation($id: ID!, $version: Int!) { referralRecordHiring(id: $id, version: $version, input: { orderDate: "2026-11-10", orderNumber: "5-к", position: "бухгалтер" }) { card { version } userErrors { code } } }`, { id: referral.referral.id });
  const visit = await change('visitPlan', `mutation($id: ID!, $version: Int!) { visitPlan(cardId: $id, version: $version, input: { plannedOn: "2027-03-01" }) { card { version } visit { id } userErrors { code } } }`, { id });
  await change('visitCorrect', `mutation($id: ID!, $version: Int!) { visitCorrect(id: $id, version: $version, input: { plannedOn: "2027-03-02" }) { card { version } userErrors { code } } }`, { id: visit.visit.id });
  const relocation = await change('relocationCreate', `mutation($id: ID!, $version: Int!) { relocationCreate(cardId: $id, version: $version, input: {
    referredOn: "2026-04-01", familyMembers: [{ fullName: "Серікбаева Айгүл", ableToWork: true }, { fullName: "Серікбаев Алихан", ableToWork: false, unableToWorkReason: "несовершеннолетний" }],
    destination: { region: "KZ-59", settlement: "Петропавловск" }, materialAssistance: {} }) { card { version } activeMeasure { ... on Relocation { id } } userErrors { code } } }`, { id });
  await change('relocationCorrect', `mutation($id: ID!, $version: Int!) { relocationCorrect(id: $id, version: $version, input: {
    referredOn: "2026-04-02", familyMembers: [{ fullName: "Серікбаева Айгүл", ableToWork: true }],
    destination: { region: "KZ-59", settlement: "Петропавловск" }, materialAssistance: {} }) { card { version } userErrors { code } } }`, { id: relocation.activeMeasure.id });
  await change('cardUpdateFooter', `mutation($id: ID!, $version: Int!) { cardUpdateFooter(id: $id, version: $version, input: { organisation: { name: "Организация" } }) { card { version } userErrors { code } } }`, { id });
  await change('cardEntryVoid', `mutation($id: ID!, $version: Int!) { cardEntryVoid(id: $id, version: $version, reason: "ошибка ввода") { card { version } userErrors { code } } }`, { id: visit.visit.id });
  await run('history', `query($id: ID!) { card(id: $id) { history(last: 50) { edges { node { changedPart entry { __typename } } } } } }`, { id }, reader);
  await run('card as it stood', `query($id: ID!) { card(id: $id, asOf: "2026-11-29T00:00:00Z") { ...FullCard } } ${FULL_CARD}`, { id }, reader);

  // The import: a new card and a change of an existing one, through the bulk path.
  const record = aFullRecord(center.code);
  const importDoc = 'mutation($records: [JSONObject!]!) { cardImport(records: $records) { results { outcome errors { field code message } } } }';
  const outcomes = [
    ...(await run('cardImport', importDoc, { records: [record] })).cardImport.results,
    ...(await run('cardImport (again)', importDoc, { records: [{ ...record, phone: '+77019876543' }] })).cardImport.results,
  ];
  if (outcomes.some((r: { errors: unknown[] }) => r.errors.length)) throw new Error(`import: ${JSON.stringify(outcomes)}`);

  // Statistics: the benchmark's and every example analysts are given.
  await run('statistics', STATISTICS);
  for (const file of readdirSync(examples).filter((name) => name.endsWith('.graphql'))) {
    await run(`statistics: ${file}`, readFileSync(new URL(file, examples), 'utf8'));
  }
}, 180_000);
afterAll(() => db.close());

const judged = () => ran.map(({ operation, sql }) => ({ operation, sql, ...distributionProblems(sql, plan) }));

describe('the queries under the Citus layout', () => {
  it('every table is placed: the card\'s tables by card id, dictionaries as reference tables', async () => {
    const tables = await db.orm.em.getConnection().execute(
      `select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`) as { table_name: string }[];
    expect(tables.map((t) => t.table_name).filter((name) => !plan.has(name))).toEqual([]);
    expect(plan.get('card')!.placement).toEqual({ kind: 'distributed', column: 'id', group: 'card' });
    expect(plan.get('relocation_family_member')!.placement).toEqual({ kind: 'distributed', column: 'card_id', group: 'card' });
    expect(plan.get('region')!.placement.kind).toBe('reference');
  });

  it('the workload ran the reads and writes it names', () => {
    const operations = new Set(ran.map((r) => r.operation));
    for (const name of ['cards, whole', 'card by IIN', 'read audit', 'relocationCreate', 'relocationCorrect', 'cardEntryVoid', 'cardImport', 'statistics']) expect(operations).toContain(name);
    // A guard on the guard: joins of card tables were among them.
    expect(ran.filter((r) => / join /i.test(r.sql)).length).toBeGreaterThan(3);
  });

  it('no statement joins distributed tables, or changes one, without the distribution column', () => {
    const refused = judged().filter((j) => j.refused.length).map(({ operation, sql, refused: why }) => ({ operation, why, sql: sql.slice(0, 300) }));
    // Known: the import locks the cards of a batch by IIN (docs/scale.md, "What Citus would refuse").
    const known = (r: { sql: string; why: string[] }) => /from "card" as "c0" where "c0"\."iin" in \(.*\) for update$/.test(r.sql) && r.why.every((w) => w.startsWith('SELECT … FOR UPDATE'));
    expect(refused.filter((r) => !known(r))).toEqual([]);
  });

  it('what runs on every shard is a row changed by its id alone (the ORM\'s flush)', () => {
    const everyShard = judged().flatMap((j) => j.everyShard);
    expect(everyShard.every((why) => / by its id alone$/.test(why))).toBe(true);
  });

  it('a join without the distribution column fails the check, as does a change without it', () => {
    const bad = (sql: string) => distributionProblems(sql, plan).refused;
    expect(bad('select v.* from visit v join referral r on r.id = v.id')).toEqual(['the query joins visit and referral without equality of their distribution columns']);
    expect(bad('select f.* from relocation_family_member f join active_measure m on m.id = f.relocation_id where m.card_id = 7')).toHaveLength(1);
    expect(bad('select f.* from relocation_family_member f join active_measure m on m.id = f.relocation_id and m.card_id = f.card_id where m.card_id = 7')).toEqual([]);
    expect(bad('select c.id from card c where exists (select 1 from visit v where v.id = c.id)')).toHaveLength(1);
    expect(bad('select c.id from card c where exists (select 1 from visit v where v.card_id = c.id and v.planned_on > now())')).toEqual([]);
    expect(bad('update visit set note = ? where planned_on < ?')).toEqual(['UPDATE of visit without its distribution column in the WHERE']);
    expect(bad('update visit set note = ? where card_id = ? and id = ?')).toEqual([]);
    expect(bad('insert into visit (planned_on) values (?)')).toEqual(['INSERT into visit without its distribution column card_id']);
    expect(bad('select * from card where iin = ? for update')).toHaveLength(1);
    expect(bad('select * from card where id = ? for update')).toEqual([]);
    expect(bad('select c.id, r.name_ru from card c join region r on r.code = c.address_region')).toEqual([]);
    expect(bad('select r.code from region r left join card c on c.address_region = r.code')).toHaveLength(1);
    expect(bad('select count(*) from read_audit a join read_audit_card rc on rc.audit_id = a.id')).toEqual([]);
    expect(bad('select count(*) from read_audit_card rc join card c on c.id = rc.card_id')).toHaveLength(1);
  });

  it('prints the statements that distribute the tables', async () => {
    const script = citusScript(plan, await tableConstraints(db.orm.em.fork()));
    expect(script).toContain("select create_reference_table('region');");
    expect(script).toContain("select create_distributed_table('card', 'id');");
    expect(script).toContain("select create_distributed_table('relocation_family_member', 'card_id', colocate_with => 'card');");
    expect(script).toContain("select create_distributed_table('read_audit_card', 'audit_id', colocate_with => 'read_audit');");
    // Every distributed table once, every reference table once.
    const distributed = [...plan.values()].filter((t) => t.placement.kind !== 'local');
    expect(script.match(/create_(distributed|reference)_table/g)).toHaveLength(distributed.length);
    // The keys first: a section's primary key with the card, the family's foreign key through the card.
    expect(script).toContain('alter table "visit" drop constraint "visit_pkey", add constraint "visit_pkey" primary key ("card_id", "id");');
    expect(script).toContain('alter table "relocation_family_member" add constraint "relocation_family_member_relocation_id_foreign" foreign key ("card_id", "relocation_id") references "active_measure" ("card_id", "id");');
  });

  it('leaves every key of a distributed table holding its distribution column, but for the unique IIN', async () => {
    const em = db.orm.em.fork();
    const { statements, dropped } = keySteps(plan, await tableConstraints(em));
    expect(dropped.map((c) => `${c.name} (${c.columns.join(', ')})`)).toEqual(['card_iin_unique (iin)']);
    // Plain PostgreSQL: the steps run here as they would on the coordinator before distributing.
    await em.transactional(async (tx) => { for (const sql of statements) await tx.getConnection().execute(sql.replace(/ --.*$/, ''), [], 'run', tx.getTransactionContext()); });
    const after = keySteps(plan, await tableConstraints(em));
    expect(after.statements).toEqual([]);
  });
});
