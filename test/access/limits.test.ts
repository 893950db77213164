import { beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'graphql';
import { FULL_CARD } from '../../src/bench/queries.ts';
import { withSqlLog } from '../../src/db/sql-log.ts';
import { createApolloServer, introspectionOf } from '../../src/graphql/apollo.ts';
import { DEFAULT_LIMITS, operationCost } from '../../src/graphql/limits.ts';
import { createContext } from '../../src/graphql/context.ts';
import { buildSchema } from '../../src/graphql/schema.ts';
import { aCard } from '../support/builders.ts';
import { apiFixture } from '../support/fixture.ts';
import { readSettings } from '../../src/runtime/settings.ts';

// Limits a query must keep, each refused with its own code before any SQL runs.

const fixture = apiFixture();
beforeAll(async () => {
  await aCard().save(fixture.db.orm.em.fork());
});

async function refused(query: string, code: string) {
  const result = await fixture.api.execute(query);
  expect(result.errors?.map((e) => e.extensions?.code)).toEqual([code]);
  expect(result.data ?? null).toBeNull();
  expect(result.statements).toEqual([]);
  return result.errors![0]!.message;
}

/** `cards → careerCenter → region → districts → region → …`: as deep as asked, every level valid. */
function nested(levels: number): string {
  let inner = 'code';
  for (let i = 0; i < levels; i++) inner = i % 2 === 0 ? `districts { ${inner} }` : `region { ${inner} }`;
  return `{ cards(first: 1) { edges { node { careerCenter { region { ${inner} } } } } } }`;
}

describe('a query', () => {
  it('nested deeper than 15 levels is refused with QUERY_TOO_DEEP; one within runs', async () => {
    expect(await refused(nested(11), 'QUERY_TOO_DEEP')).toBe('The query nests 17 levels deep; at most 15 are allowed');
    const within = await fixture.api.execute(nested(9));
    expect(within.errors).toBeUndefined();
  });

  it('counts the depth inside fragments too', async () => {
    const query = `query { cards(first: 1) { edges { node { ...Deep } } } }
      fragment Deep on Card { careerCenter { region { districts { region { districts { region { districts { region { districts { region { districts { region { districts { code } } } } } } } } } } } } } }`;
    await refused(query, 'QUERY_TOO_DEEP');
  });

  it('with more than 30 aliases is refused with TOO_MANY_ALIASES', async () => {
    const aliases = Array.from({ length: 31 }, (_, i) => `a${i}: cards(first: 100) { totalCount }`).join(' ');
    expect(await refused(`{ ${aliases} }`, 'TOO_MANY_ALIASES')).toBe('The query has 31 aliases; at most 30 are allowed');
  });

  it('with more than 50 directives is refused with TOO_MANY_DIRECTIVES', async () => {
    const fields = Array.from({ length: 51 }, () => 'totalCount @include(if: true)').join(' ');
    await refused(`{ cards(first: 1) { ${fields} } }`, 'TOO_MANY_DIRECTIVES');
  });

  it('of more than 5000 tokens is refused by the parser', async () => {
    const fields = Array.from({ length: 5100 }, () => '__typename').join(' ');
    const message = await refused(`{ ${fields} }`, 'GRAPHQL_PARSE_FAILED');
    expect(message).toMatch(/Document contains more th(an|at) 5000 tokens/); // graphql-js spells it "more that"
  });

  it('with a fragment cycle is refused by validation', async () => {
    await refused('query { cards(first: 1) { edges { node { ...A } } } } fragment A on Card { ...B } fragment B on Card { ...A }', 'GRAPHQL_VALIDATION_FAILED');
  });

  it('asking for a page over 100 is refused with BAD_USER_INPUT', async () => {
    await refused('{ cards(first: 1000) { totalCount } }', 'BAD_USER_INPUT');
  });
});

describe('introspection', () => {
  it('is on by default, off in production unless turned on, and as configured otherwise', () => {
    expect(introspectionOf(readSettings({}))).toBe(true);
    expect(introspectionOf(readSettings({ NODE_ENV: 'production' }))).toBe(false);
    expect(introspectionOf(readSettings({ NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true' }))).toBe(true);
    expect(introspectionOf(readSettings({ GRAPHQL_INTROSPECTION: 'false' }))).toBe(false);
  });

  it('turned off, refuses a schema query before anything runs', async () => {
    const server = createApolloServer(buildSchema(), { introspection: false });
    await server.start();
    try {
      const response = await server.executeOperation({ query: '{ __schema { types { name } } }' }, { contextValue: createContext(fixture.db.orm, fixture.api.territories) });
      if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
      expect(response.body.singleResult.errors?.map((e) => e.extensions?.code)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    } finally {
      await server.stop();
    }
  });
});

describe('the cost of a query', () => {
  const fullCards = `query($first: Int!) { cards(first: $first) { edges { node { ...FullCard } } } } ${FULL_CARD}`;

  it('counts fields times page sizes: the full card on 50 cards runs, on 100 it is refused with QUERY_TOO_COSTLY', async () => {
    const schema = buildSchema();
    expect(operationCost(schema, parse(fullCards), null, { first: 50 })).toBe(1_058_301);
    expect((await fixture.api.execute(fullCards, { first: 50 })).errors).toBeUndefined();
    const result = await fixture.api.execute(fullCards, { first: 100 });
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['QUERY_TOO_COSTLY']);
    expect(result.errors![0]!.message).toBe('The query could resolve 2116601 fields; at most 1100000 are allowed (ask for smaller pages or fewer sections)');
    expect(result.statements).toEqual([]);
    // The same text, costed once per page size (limits.ts keeps what it found with the document).
    expect((await fixture.api.execute(fullCards, { first: 50 })).errors).toBeUndefined();
    expect((await fixture.api.execute(fullCards, { first: 100 })).errors?.map((e) => e.extensions?.code)).toEqual(['QUERY_TOO_COSTLY']);
  });

  it('multiplies under aliases: two copies of an allowed page are refused', async () => {
    const twice = `{ a: cards(first: 50) { edges { node { ...FullCard } } } b: cards(first: 50) { edges { node { ...FullCard } } } } ${FULL_CARD}`;
    await refused(twice, 'QUERY_TOO_COSTLY');
  });

  it('counts plain lists as 10 and every member of a union', () => {
    const schema = buildSchema();
    // cards(first 2) → 2 × (edges(1) + node(1) + jobSeekerRegistrations(1) + 10 × id(1)) + cards(1)
    expect(operationCost(schema, parse('{ cards(first: 2) { edges { node { jobSeekerRegistrations { id } } } } }'))).toBe(1 + 2 * (1 + 1 + 1 + 10));
    const union = '{ cards(first: 1) { edges { node { activeMeasures(first: 3) { edges { node { ... on Relocation { id referredOn } ... on SubsidizedJob { id } } } } } } } }';
    expect(operationCost(schema, parse(union))).toBe(1 + 1 * (1 + 1 + 1 + 3 * (1 + 1 + 3)));
  });
});

describe('the execution timeout', () => {
  /** A schema whose `cards` first waits `ms` (a slow resolver), then runs as usual. */
  function slowCards(ms: number) {
    const schema = buildSchema();
    const field = schema.getQueryType()!.getFields().cards!;
    const resolve = field.resolve!;
    field.resolve = async (...args) => {
      await new Promise((done) => setTimeout(done, ms));
      return resolve(...args);
    };
    return schema;
  }

  async function run(schema: ReturnType<typeof buildSchema>, timeoutMs: number, query: string) {
    const server = createApolloServer(schema, { limits: { ...DEFAULT_LIMITS, executionTimeoutMs: timeoutMs } });
    await server.start();
    try {
      const { result, statements } = await withSqlLog(() => server.executeOperation({ query }, { contextValue: createContext(fixture.db.orm, fixture.api.territories) }));
      if (result.body.kind !== 'single') throw new Error('unexpected incremental response');
      return { ...result.body.singleResult, status: result.http.status, statements };
    } finally {
      await server.stop();
    }
  }

  it('stops a query at its deadline: no SQL starts after it and the answer is EXECUTION_TIMEOUT (503)', async () => {
    const result = await run(slowCards(60), 20, '{ cards(first: 5) { edges { node { iin } } } }');
    expect(result.data).toBeUndefined();
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['EXECUTION_TIMEOUT']);
    expect(result.status).toBe(503);
    expect(result.statements).toEqual([]);
  });

  it('refuses an answer that came too late even without SQL after the deadline', async () => {
    const schema = buildSchema();
    const field = schema.getQueryType()!.getFields().regions!;
    const resolve = field.resolve!;
    field.resolve = (...args) => {
      const until = Date.now() + 40;
      while (Date.now() < until); // busy: CPU, not SQL
      return resolve(...args);
    };
    const result = await run(schema, 10, '{ regions { code } }');
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['EXECUTION_TIMEOUT']);
  });

  it('lets a query within its time answer in full', async () => {
    const result = await run(slowCards(5), 5_000, '{ cards(first: 5) { edges { node { iin } } } }');
    expect(result.errors).toBeUndefined();
    expect((result.data as any).cards.edges).toHaveLength(1);
  });
});
