import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { getNamedType, isInterfaceType, isObjectType, isUnionType, type GraphQLInterfaceType, type GraphQLNamedType } from 'graphql';
import { buildSchema } from '../../src/graphql/schema.ts';
import { toGlobalId } from '../../src/api/relay.ts';
import type { Principal } from '../../src/modules/access/principal.ts';
import { createTestApi, dataOf, TODAY, type TestApi } from '../support/api.ts';
import { aCard, aCareerCenter } from '../support/builders.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { log } from '../../src/runtime/log.ts';

// The read audit: exactly one record per request that returned personal data of a card,
// none for one that did not, and a HEAD reading the audit of their own center's cards.

let db: TestDatabase;
let api: TestApi;
const ids = { mine: '', theirs: '', mineVisit: '' };
let mineIin = '';
let versionOfMine = 0;

const caseworker: Principal = { subject: 'cw-audit', role: 'CASEWORKER', careerCenter: 'CC-AUDIT-A', name: 'Caseworker A', iin: null };
const headA: Principal = { subject: 'head-a', role: 'HEAD', careerCenter: 'CC-AUDIT-A', name: null, iin: null };
const headB: Principal = { subject: 'head-b', role: 'HEAD', careerCenter: 'CC-AUDIT-B', name: null, iin: null };
const analyst: Principal = { subject: 'analyst-1', role: 'ANALYST', careerCenter: null, name: null, iin: null };

beforeAll(async () => {
  db = await createTestDatabase();
  api = await createTestApi(db.orm);
  const em = db.orm.em.fork();
  const a = await aCareerCenter(em, { code: 'CC-AUDIT-A' });
  const b = await aCareerCenter(em, { code: 'CC-AUDIT-B', region: 'KZ-71', district: null });
  const mine = await aCard().withVisit().save(em, a);
  const theirs = await aCard().save(em, b);
  mineIin = mine.iin;
  versionOfMine = mine.version;
  Object.assign(ids, { mine: toGlobalId('Card', mine.id), theirs: toGlobalId('Card', theirs.id) });
  // In-process reads (no principal) are not audited: this setup leaves no record.
  const visits = dataOf(await api.execute(`query($id: ID!) { card(id: $id) { visits(first: 1) { edges { node { id } } } } }`, { id: ids.mine }));
  ids.mineVisit = visits.card.visits.edges[0].node.id;
});
afterAll(() => db.close());

interface AuditRow {
  subject: string;
  role: string;
  career_center: string | null;
  operation_type: string;
  operation_name: string | null;
  client_name: string | null;
  client_version: string | null;
  card_count: number;
  cards: string[];
}

async function auditRows(): Promise<AuditRow[]> {
  return db.orm.em.getConnection().execute(
    `select a.subject, a.role, a.career_center, a.operation_type, a.operation_name, a.client_name, a.client_version, a.card_count,
       (select array_agg(card_id::text order by card_id) from read_audit_card where audit_id = a.id) as cards
     from read_audit a order by a.id`,
  );
}

/** Runs `request` and returns the audit records it added. */
async function recordsOf(request: () => Promise<unknown>): Promise<AuditRow[]> {
  const before = (await auditRows()).length;
  await request();
  return (await auditRows()).slice(before);
}

const dbId = (globalId: string) => Buffer.from(globalId, 'base64url').toString().split(':')[1]!;

describe('a request that returns personal data of a card', () => {
  it('leaves exactly one record: who, role, operation, client and the card', async () => {
    const records = await recordsOf(async () => {
      const data = dataOf(await api.execute(`query CardOfPerson($id: ID!) { card(id: $id) { iin fullName { surname } visits(first: 5) { edges { node { plannedOn } } } } }`,
        { id: ids.mine }, { principal: caseworker, headers: { 'apollographql-client-name': 'career-center-web', 'apollographql-client-version': '2.4.1' } }));
      expect(data.card.iin).toBe(mineIin);
    });
    expect(records).toEqual([{
      subject: 'cw-audit', role: 'CASEWORKER', career_center: 'CC-AUDIT-A', operation_type: 'query', operation_name: 'CardOfPerson',
      client_name: 'career-center-web', client_version: '2.4.1', card_count: 1, cards: [dbId(ids.mine)],
    }]);
  });

  it('leaves one record for many cards and routes in one request, each card once', async () => {
    const records = await recordsOf(async () => {
      dataOf(await api.execute(`query($id: ID!, $visit: ID!) {
        a: card(id: $id) { sex }
        b: node(id: $id) { ... on Card { birthDate } }
        c: node(id: $visit) { ... on Visit { plannedOn } }
        cards(first: 10) { edges { node { fullName { givenName } } } }
      }`, { id: ids.mine, visit: ids.mineVisit }, { principal: analyst }));
    });
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ subject: 'analyst-1', role: 'ANALYST', operation_name: null, client_name: null, card_count: 2 });
    expect(records[0]!.cards).toEqual([dbId(ids.mine), dbId(ids.theirs)].sort((x, y) => Number(x) - Number(y)));
  });

  it('counts data asked for through a named fragment, or an inline one on an interface', async () => {
    const records = await recordsOf(() => api.execute(`query($id: ID!) { card(id: $id) { id ...Sex } node(id: $id) { ... on Node { ... on Card { birthDate } } } }
      fragment Sex on Card { sex }`, { id: ids.mine }, { principal: caseworker }));
    expect(records.map((r) => r.cards)).toEqual([[dbId(ids.mine)]]);
  });

  it('counts an entry read through node as a read of its card', async () => {
    const records = await recordsOf(() => api.execute(`query($visit: ID!) { node(id: $visit) { ... on Visit { plannedOn } } }`, { visit: ids.mineVisit }, { principal: caseworker }));
    expect(records.map((r) => r.cards)).toEqual([[dbId(ids.mine)]]);
  });

  it('leaves one record for a change that answers with the card', async () => {
    const records = await recordsOf(async () => {
      const data = dataOf(await api.execute(`mutation Consent($id: ID!, $version: Int!) {
        cardRecordConsent(id: $id, version: $version, input: { givenOn: "${TODAY}", scope: [EMPLOYMENT_SERVICES] }) { card { version consent { givenOn } } userErrors { code } }
      }`, { id: ids.mine, version: versionOfMine }, { principal: caseworker }));
      expect(data.cardRecordConsent.userErrors).toEqual([]);
      versionOfMine = data.cardRecordConsent.card.version;
    });
    expect(records).toMatchObject([{ operation_type: 'mutation', operation_name: 'Consent', cards: [dbId(ids.mine)] }]);
  });
});

describe('a request that returns no personal data', () => {
  const nothing: [string, string, Record<string, unknown>, Principal][] = [
    ['only ids and counts', `query($id: ID!) { card(id: $id) { id } cards(first: 5) { totalCount edges { cursor node { id } } } }`, {}, caseworker],
    ['reference data', `{ regions { code } }`, {}, caseworker],
    ['only ids and type names, through fragments, one of them on another type', `query($id: ID!) {
      card(id: $id) { __typename ...OnlyId } node(id: $id) { id ... on Visit { plannedOn } }
    } fragment OnlyId on Card { id }`, {}, caseworker],
    ['a card out of reach', `query($id: ID!) { card(id: $id) { iin } }`, {}, headB],
    ['a refused query', `query($id: ID!) { card(id: $id) { iin } a1: regions { code } ${Array.from({ length: 40 }, (_, i) => `x${i}: regions { code }`).join(' ')} }`, {}, caseworker],
    ['a rejected change', `mutation($id: ID!) { cardRecordConsent(id: $id, version: 999, input: { givenOn: "${TODAY}", scope: [EMPLOYERS] }) { card { iin } userErrors { code } } }`, {}, caseworker],
  ];

  it.each(nothing)('leaves no record: %s', async (_, query, variables, principal) => {
    const records = await recordsOf(() => api.execute(query, { id: ids.mine, ...variables }, { principal }));
    expect(records).toEqual([]);
  });
});

describe('reading the audit', () => {
  const readAudit = (principal: Principal, variables: Record<string, unknown> = {}) => api.execute(`query($first: Int, $after: String, $filter: ReadAuditFilter) {
    readAudit(first: $first, after: $after, filter: $filter) {
      edges { cursor node { readBy role readerCareerCenter operationType operationName clientName clientVersion cardCount cards at } }
      pageInfo { hasNextPage endCursor }
    } }`, variables, { principal });

  it("shows a HEAD the reads of their center's cards, newest first, with only their own cards named", async () => {
    const all = await auditRows();
    const withMine = all.filter((r) => r.cards.includes(dbId(ids.mine))).reverse();
    const data = dataOf(await readAudit(headA, { first: 100 }));
    expect(data.readAudit.edges.map((e: any) => [e.node.readBy, e.node.cardCount, e.node.cards])).toEqual(
      withMine.map((r) => [r.subject, r.card_count, [ids.mine]]));
    // The analyst's read of both cards shows here with the count of all, but names only this center's card.
    expect(data.readAudit.edges.some((e: any) => e.node.role === 'ANALYST' && e.node.cardCount === 2)).toBe(true);
  });

  it("does not show a HEAD another center's reads", async () => {
    const data = dataOf(await readAudit(headB, { first: 100, filter: { card: ids.mine } }));
    expect(data.readAudit.edges).toEqual([]);
    const theirs = dataOf(await readAudit(headB, { first: 100 }));
    expect(theirs.readAudit.edges.map((e: any) => e.node.cards)).toEqual([[ids.theirs]]);
  });

  it('filters by reader and card, and pages by cursor', async () => {
    const byCaseworker = dataOf(await readAudit(headA, { first: 100, filter: { readBy: 'cw-audit', card: ids.mine } }));
    expect(byCaseworker.readAudit.edges.length).toBe(4);
    const first = dataOf(await readAudit(headA, { first: 2, filter: { readBy: 'cw-audit' } }));
    expect(first.readAudit.pageInfo.hasNextPage).toBe(true);
    const rest = dataOf(await readAudit(headA, { first: 2, after: first.readAudit.pageInfo.endCursor, filter: { readBy: 'cw-audit' } }));
    expect([...first.readAudit.edges, ...rest.readAudit.edges].map((e: any) => e.cursor)).toEqual(byCaseworker.readAudit.edges.map((e: any) => e.cursor));
    expect(rest.readAudit.pageInfo.hasNextPage).toBe(false);
  });

  it('is refused to every other role', async () => {
    for (const principal of [caseworker, analyst, { subject: mineIin, role: 'CITIZEN', careerCenter: null, name: null } as Principal]) {
      const result = await readAudit(principal);
      expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    }
  });
});

/** Runs `fn` while every audit insert fails ('audit store down'), with the error log silenced; returns the log spy's calls. */
async function whileAuditRefused(fn: () => Promise<void>): Promise<unknown[][]> {
  const connection = db.orm.em.getConnection();
  await connection.execute(`create function refuse_audit() returns trigger language plpgsql as $$ begin raise exception 'audit store down'; end $$`);
  await connection.execute(`create trigger refuse_audit before insert on read_audit for each row execute function refuse_audit()`);
  const logged = jest.spyOn(log, 'error').mockImplementation(() => undefined);
  try {
    await fn();
    return logged.mock.calls;
  } finally {
    logged.mockRestore();
    await connection.execute('drop trigger refuse_audit on read_audit');
    await connection.execute('drop function refuse_audit');
  }
}

describe('when the audit cannot be written', () => {
  it('withholds the data (AUDIT_UNAVAILABLE) rather than answer unrecorded', async () => {
    const logged = await whileAuditRefused(async () => {
      const result = await api.execute(`query($id: ID!) { card(id: $id) { iin } }`, { id: ids.mine }, { principal: caseworker });
      expect(result.data).toBeNull();
      expect(result.errors).toEqual([{ message: expect.any(String), extensions: { code: 'AUDIT_UNAVAILABLE' } }]);
      expect(JSON.stringify(result)).not.toContain(mineIin);
    });
    // The operators learn why.
    expect(logged).toContainEqual([expect.objectContaining({ err: expect.objectContaining({ message: expect.stringContaining('audit store down') }) }), 'the read audit could not be written; the answer is withheld']);
  });
});

describe('requests that finish together (group commit)', () => {
  /** Counts the statements that insert audit records, by a statement-level trigger. */
  async function countingStatements<T>(run: () => Promise<T>): Promise<{ result: T; statements: number }> {
    const connection = db.orm.em.getConnection();
    await connection.execute('create table audit_statements (n int)');
    await connection.execute(`create function count_audit_statement() returns trigger language plpgsql as $$ begin insert into audit_statements values (1); return null; end $$`);
    await connection.execute('create trigger count_audit_statement after insert on read_audit for each statement execute function count_audit_statement()');
    try {
      const result = await run();
      const [{ count }] = await connection.execute<[{ count: string }]>('select count(*) from audit_statements');
      return { result, statements: Number(count) };
    } finally {
      await connection.execute('drop trigger count_audit_statement on read_audit');
      await connection.execute('drop function count_audit_statement');
      await connection.execute('drop table audit_statements');
    }
  }

  it('each leave their own record, written by fewer statements than requests', async () => {
    const readers = Array.from({ length: 20 }, (_, i): Principal => ({ ...caseworker, subject: `cw-group-${i}` }));
    const { result: records, statements } = await countingStatements(() => recordsOf(() => Promise.all(readers.map((principal) =>
      api.execute(`query($id: ID!) { card(id: $id) { iin } }`, { id: ids.mine }, { principal }).then((result) => expect(result.errors).toBeUndefined())))));
    expect(records.map((r) => r.subject).sort()).toEqual(readers.map((r) => r.subject).sort());
    for (const record of records) expect(record).toMatchObject({ card_count: 1, cards: [dbId(ids.mine)], operation_type: 'query' });
    expect(statements).toBeGreaterThanOrEqual(1);
    expect(statements).toBeLessThan(readers.length);
  });

  it('are all withheld when the statement that holds their records fails', async () => {
    await whileAuditRefused(async () => {
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) =>
        api.execute(`query($id: ID!) { card(id: $id) { iin } }`, { id: ids.mine }, { principal: { ...caseworker, subject: `cw-refused-${i}` } })));
      for (const result of results) {
        expect(result.data).toBeNull();
        expect(result.errors).toEqual([{ message: expect.any(String), extensions: { code: 'AUDIT_UNAVAILABLE' } }]);
        expect(JSON.stringify(result)).not.toContain(mineIin);
      }
    });
  });
});

describe('the schema', () => {
  it('reaches card data only through the audited types (Node implementations)', () => {
    const schema = buildSchema();
    const audited = new Set(schema.getPossibleTypes(schema.getType('Node') as GraphQLInterfaceType).map((t) => t.name));
    const reached = new Set<string>();
    const walk = (type: GraphQLNamedType) => {
      if (audited.has(type.name) || reached.has(type.name)) return;
      reached.add(type.name);
      if (isObjectType(type) || isInterfaceType(type)) for (const field of Object.values(type.getFields())) walk(getNamedType(field.type));
      if (isUnionType(type)) type.getTypes().forEach(walk);
      if (isInterfaceType(type)) schema.getPossibleTypes(type).forEach(walk);
    };
    walk(schema.getQueryType()!);
    walk(schema.getMutationType()!);
    const objects = [...reached].filter((name) => isObjectType(schema.getType(name)) || isUnionType(schema.getType(name)));
    // Everything reachable without passing a card or an entry: plumbing, reference data, counts, the audit itself.
    expect(objects.sort()).toEqual([
      'ActiveMeasure', 'ActiveMeasurePayload', 'ActiveMeasureStatistics', 'AdditionalEducationPayload',
      // A center's queue of applications: each edge leads to the episode and its card, both audited.
      'ApplicationConnection', 'ApplicationEdge',
      // The audit's reference to a card it names: the id, and the card itself (audited) while readable.
      'AuditedCard',
      'CardApplyPayload', 'CardConnection', 'CardEdge', 'CardImportPayload', 'CardImportResult',
      'CardImportSummary', 'CardOpenPayload', 'CardPayload', 'CardSignPayload',
      // A card's moves between centers: the centers, who moved it and when, never the card's own data.
      'CardTransfer', 'CardTransferConnection', 'CardTransferEdge', 'CareerGuidancePayload', 'Dictionary', 'DictionaryEntry', 'District',
      'EmploymentPlanRowPayload', 'MainEducationPayload', 'Mutation',
      // Pages and payloads of outcome conflicts (the conflicts themselves are audited Node types).
      'OutcomeConflictConnection', 'OutcomeConflictEdge', 'OutcomeConflictPayload', 'PageInfo', 'Query', 'ReadAuditConnection', 'ReadAuditEdge', 'ReadAuditRecord',
      'ReasonStatistics', 'ReferralPayload', 'ReferralStatistics', 'Region', 'RegistrationPayload', 'RegistrationStatistics', 'RelocationStatistics',
      'SpecialWorkplacePayload', 'Statistics', 'StatisticsGroupKey', 'UserError', 'VisitPayload',
    ]);
  });
});
