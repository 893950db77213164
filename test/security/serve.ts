import { afterAll, beforeAll } from '@jest/globals';
import { protectionFromEnv, type Protection } from '../../src/http/protection.ts';
import type { Role } from '../../src/modules/access/principal.ts';
import { createTestIssuer, type TestIssuer } from '../support/auth.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer } from '../support/http.ts';

// The API over real HTTP for the security suites: a copy of the template database, the
// environment's protections (changed where a suite says), every answer telling how many SQL
// statements it took, and callers with tokens of the suite's own issuer.

export interface Answer {
  status: number;
  body: { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
  /** SQL statements the request ran (`x-sql-statements`). */
  statements: number;
  /** Size of the answer in bytes. */
  bytes: number;
  /** Wall time of the request in milliseconds. */
  ms: number;
}

export function servedApi(overrides: (fromEnv: Protection) => Partial<Protection> = () => ({})) {
  let db: TestDatabase;
  let issuer: TestIssuer;
  let base = '';
  let stop = async () => {};
  beforeAll(async () => {
    db = await createTestDatabase();
    issuer = await createTestIssuer();
    const fromEnv = protectionFromEnv();
    const protection = { ...fromEnv, sqlStatementsHeader: true, ...overrides(fromEnv) };
    ({ base, stop } = await startTestServer(db.orm, { auth: issuer.settings, registry: null, protection }));
  });
  afterAll(async () => {
    await stop();
    await db.close();
  });

  const tokens = new Map<string, Promise<string>>();
  /** A caller of `role` (no career center: analysts see every card); `subject` tells callers apart. */
  const tokenOf = (role: Role, subject: string) => {
    const key = `${role}/${subject}`;
    if (!tokens.has(key)) tokens.set(key, issuer.token({ role, subject, careerCenter: null }));
    return tokens.get(key)!;
  };

  async function post(query: string, variables?: Record<string, unknown>, caller: { role?: Role; subject?: string } = {}): Promise<Answer> {
    const started = performance.now();
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenOf(caller.role ?? 'ANALYST', caller.subject ?? 'analyst-1')}` },
      body: JSON.stringify({ query, variables }),
    });
    const text = await response.text();
    return {
      status: response.status, body: JSON.parse(text), statements: Number(response.headers.get('x-sql-statements') ?? NaN),
      bytes: Buffer.byteLength(text), ms: performance.now() - started,
    };
  }

  return {
    get db() {
      return db;
    },
    post,
  };
}

/** The codes of an answer's errors. */
export const codesOf = (answer: Answer) => answer.body.errors?.map((error) => error.extensions?.code);
