import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createApolloServer, introspectionFromEnv } from '../../src/graphql/apollo.ts';
import { createContext } from '../../src/graphql/context.ts';
import { buildSchema } from '../../src/graphql/schema.ts';
import { createTestApi, type TestApi } from '../support/api.ts';
import { aCard } from '../support/builders.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

// Issue 6 — limits a query must keep, each refused with its own code before any SQL runs.

let db: TestDatabase;
let api: TestApi;
beforeAll(async () => {
  db = await createTestDatabase();
  api = await createTestApi(db.orm);
  await aCard().save(db.orm.em.fork());
});
afterAll(() => db.close());

async function refused(query: string, code: string) {
  const result = await api.execute(query);
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
    const within = await api.execute(nested(9));
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
    expect(introspectionFromEnv({})).toBe(true);
    expect(introspectionFromEnv({ NODE_ENV: 'production' })).toBe(false);
    expect(introspectionFromEnv({ NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true' })).toBe(true);
    expect(introspectionFromEnv({ GRAPHQL_INTROSPECTION: 'false' })).toBe(false);
  });

  it('turned off, refuses a schema query before anything runs', async () => {
    const server = createApolloServer(buildSchema(), undefined, false);
    await server.start();
    try {
      const response = await server.executeOperation({ query: '{ __schema { types { name } } }' }, { contextValue: createContext(db.orm, api.territories) });
      if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
      expect(response.body.singleResult.errors?.map((e) => e.extensions?.code)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    } finally {
      await server.stop();
    }
  });
});
