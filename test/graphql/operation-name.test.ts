import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestIssuer } from '../support/auth.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer } from '../support/http.ts';

// An operationName the document does not contain (GraphiQL sends the previous tab's when a tab is
// run the moment it is opened) is the caller's mistake: 400 naming it, not a 500. It was a 500 with
// the graphql-jit executor, which ran the document's only operation while Apollo had resolved none.

let db: TestDatabase;
let server: Awaited<ReturnType<typeof startTestServer>>;
let token: string;

beforeAll(async () => {
  db = await createTestDatabase();
  const issuer = await createTestIssuer();
  server = await startTestServer(db.orm, { auth: issuer.settings, registry: null });
  token = await issuer.token({ role: 'ANALYST', careerCenter: null });
});
afterAll(async () => {
  await server.stop();
  await db.close();
});

const ask = (operationName: string | null) => fetch(`${server.base}/graphql`, {
  method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
  body: JSON.stringify({ query: 'query Regions { regions { code } }', operationName }),
});

describe('the operation name', () => {
  it('refuses one the document does not have with 400', async () => {
    const response = await ask('ExampleCards');
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).errors[0]).toMatchObject({ message: 'Unknown operation named "ExampleCards".', extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } });
  });

  it('runs the operation named, or the only one when none is named', async () => {
    for (const name of ['Regions', null]) {
      const response = await ask(name);
      expect(response.status).toBe(200);
      expect(((await response.json()) as any).data.regions.length).toBeGreaterThan(0);
    }
  });
});
