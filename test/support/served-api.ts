import { afterAll, beforeAll } from '@jest/globals';
import type { Orm } from '../../src/db/orm.ts';
import { protectionFrom, type Protection } from '../../src/http/protection.ts';
import type { Role } from '../../src/modules/access/principal.ts';
import type { Signing } from '../../src/modules/footer/signature-verification.ts';
import { createTestIssuer } from './auth.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';
import { startTestServer } from './http.ts';

// The API over real HTTP, for the suites that try it as a client would: the environment's
// protections (changed where a suite says), every answer telling how many SQL statements it took,
// and callers with tokens of the server's own issuer.

export interface Answer {
  status: number;
  body: { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
  /** SQL statements the request ran (`x-sql-statements`). */
  statements: number;
  /** Size of the answer in bytes. */
  bytes: number;
  /** Wall time of the request in milliseconds. */
  ms: number;
  headers: Headers;
}

/** Who sends a request: an analyst unless told; caseworkers and heads name their career center's code. */
export interface Caller {
  role?: Role;
  subject?: string;
  careerCenter?: string | null;
  /** The request's `Accept-Language`, if any. */
  language?: string;
  /** How the user is called (the token's `name`). */
  name?: string | null;
  /** The staff member's IIN (the token's `iin`). */
  iin?: string | null;
}

export type Post = (query: string, variables?: Record<string, unknown>, caller?: Caller) => Promise<Answer>;

/** The API on `orm`, on a free port; `post` sends a query as a caller (an analyst unless told). */
export async function startServer(orm: Orm, overrides: (fromEnv: Protection) => Partial<Protection> = () => ({}), options: { signing?: Signing | null } = {}) {
  const issuer = await createTestIssuer();
  const fromEnv = protectionFrom();
  const protection = { ...fromEnv, sqlStatementsHeader: true, ...overrides(fromEnv) };
  const { base, stop } = await startTestServer(orm, { auth: issuer.settings, registry: null, signing: options.signing ?? null, protection });

  const tokens = new Map<string, Promise<string>>();
  /** The token of a caller, made once; `subject` tells callers apart. */
  const tokenOf = ({ role = 'ANALYST', subject = 'analyst-1', careerCenter = null, name = null, iin = null }: Caller) => {
    const key = `${role}/${subject}/${careerCenter}/${name}/${iin}`;
    if (!tokens.has(key)) tokens.set(key, issuer.token({ role, subject, careerCenter, name, iin }));
    return tokens.get(key)!;
  };

  const post: Post = async (query, variables, caller = {}) => {
    const started = performance.now();
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json', authorization: `Bearer ${await tokenOf(caller)}`,
        ...(caller.language ? { 'accept-language': caller.language } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    const text = await response.text();
    return {
      status: response.status, body: JSON.parse(text), statements: Number(response.headers.get('x-sql-statements') ?? NaN),
      bytes: Buffer.byteLength(text), ms: performance.now() - started, headers: response.headers,
    };
  };
  /** A GET of another route of the API, as a caller. */
  const get = async (path: string, caller: Caller = {}) => fetch(`${base}${path}`, { headers: { authorization: `Bearer ${await tokenOf(caller)}` } });
  /** Any request to the API as a caller (its token added to the headers given). */
  const request = async (path: string, init: RequestInit, caller: Caller = {}) =>
    fetch(`${base}${path}`, { ...init, headers: { authorization: `Bearer ${await tokenOf(caller)}`, ...(init.headers as Record<string, string>) } });
  return { post, get, request, base, stop };
}

/** A suite's API: a copy of the template database, served before the suite's tests and closed after; `signing` what signatures are checked against (none unless told). */
export function servedApi(overrides?: (fromEnv: Protection) => Partial<Protection>, options: { signing?: () => Promise<Signing | null> } = {}) {
  let db: TestDatabase;
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startServer(db.orm, overrides, { signing: await options.signing?.() });
  });
  afterAll(async () => {
    await server?.stop();
    await db?.close();
  });
  return {
    get db() {
      return db;
    },
    /** The API's address, for a request made without a caller's token. */
    get base() {
      return server.base;
    },
    post: ((...args) => server.post(...args)) as Post,
    /** A GET of another route of the API, as a caller. */
    get: (path: string, caller?: Caller) => server.get(path, caller),
    /** Any request to the API as a caller (its token added to the headers given). */
    request: (path: string, init: RequestInit, caller?: Caller) => server.request(path, init, caller),
  };
}

/** The codes of an answer's errors. */
export const codesOf = (answer: Answer) => answer.body.errors?.map((error) => error.extensions?.code);
