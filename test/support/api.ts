import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { withSqlLog } from '../../src/db/sql-log.ts';
import type { Orm } from '../../src/db/orm.ts';
import { createApolloServer } from '../../src/graphql/apollo.ts';
import type { QueryLimits } from '../../src/graphql/limits.ts';
import type { Clock } from '../../src/api/context.ts';
import { createContext, type Context } from '../../src/graphql/context.ts';
import type { Principal } from '../../src/modules/access/principal.ts';
import type { Actor } from '../../src/modules/card/card-change.ts';
import { buildSchema } from '../../src/graphql/schema.ts';
import { requestLanguages } from '../../src/modules/dictionary/codes.ts';
import { Territories } from '../../src/modules/dictionary/territories.ts';
import type { PersonRegistry } from '../../src/modules/verification/person-registry.ts';
import type { Signing } from '../../src/modules/footer/signature-verification.ts';

export interface GraphQLResult<T = any> {
  data?: T | null;
  errors?: { message: string; path?: unknown; extensions?: Record<string, unknown> }[];
  /** The SQL statements the operation ran. */
  statements: string[];
}

export interface ExecuteOptions {
  actor?: Actor | null;
  principal?: Principal;
  /** HTTP headers the request came with (e.g. the client's name). */
  headers?: Record<string, string>;
}

export interface TestApi {
  server: ApolloServer<Context>;
  territories: Territories;
  /**
   * Runs one operation through Apollo Server with a fresh per-request context, as HTTP would,
   * acting as a caseworker unless told otherwise (`actor: null` for an anonymous request).
   */
  execute<T = any, V extends Record<string, unknown> = Record<string, unknown>>(
    query: string | TypedDocumentNode<T, V>, variables?: V, options?: ExecuteOptions,
  ): Promise<GraphQLResult<T>>;
}

export const CASEWORKER: Actor = { id: 'caseworker-7', name: 'Ахметова Динара Серікқызы' };
/** "Today" in the tests: fixed, so date rules do not drift with the calendar. */
export const TODAY = '2026-11-29';
const clock: Clock = { now: () => new Date(), today: () => TODAY };

/**
 * `registry`: the person registry the API asks (Rule 2), none by default; `signing`: what signatures
 * are checked against (none by default: signing refused); `limits`: the request limits.
 */
export async function createTestApi(orm: Orm, options: { registry?: PersonRegistry | null; signing?: Signing | null; limits?: QueryLimits } = {}): Promise<TestApi> {
  const registry = options.registry ?? null;
  const signing = options.signing ?? null;
  const territories = await Territories.load(orm.em.fork());
  const server = createApolloServer(buildSchema(), { limits: options.limits });
  await server.start();
  return {
    server,
    territories,
    async execute(query, variables, options = {}) {
      // A principal acts as itself, as a verified token would make it; without one, in-process use.
      const { principal } = options;
      const actor = principal ? { id: principal.subject, name: principal.name } : options.actor === undefined ? CASEWORKER : options.actor;
      const { result: response, statements } = await withSqlLog(() =>
        server.executeOperation({ query: typeof query === 'string' ? query : print(query), variables, http: options.headers && httpRequest(options.headers) }, {
          contextValue: createContext(orm, territories, { actor, principal, clock, registry, signing, ...requestLanguages(options.headers?.['accept-language']) }),
        }));
      if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
      // As a client gets it: through JSON (scalars such as DateTime serialise to Date objects in-process).
      const { data, errors } = JSON.parse(JSON.stringify(response.body.singleResult));
      return { data, errors, statements };
    },
  };
}

function httpRequest(headers: Record<string, string>) {
  return { method: 'POST', search: '', body: null, headers: new HeaderMap(Object.entries(headers)) };
}

/** The data of a result that must have succeeded; fails the test with the errors otherwise. */
export function dataOf<T = any>(result: GraphQLResult<T>): T {
  if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors, null, 2)}`);
  return result.data as T;
}
