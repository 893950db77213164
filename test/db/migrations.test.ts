import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { migrate } from '../../src/db/orm.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

// Every migration on an empty database: the other suites copy a template these same migrations built.
let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase({ fromScratch: true });
});
afterAll(() => db.close());

describe('migrations', () => {
  it('create exactly the schema the entities describe', async () => {
    expect(await db.orm.migrator.checkSchema()).toBe(false);
  });

  it('run once: a second run applies nothing', async () => {
    expect(await migrate(db.orm)).toEqual([]);
    const executed = await db.orm.migrator.getExecuted();
    expect(executed.map((m) => m.name)).toEqual(expect.arrayContaining([expect.stringMatching(/_initial$/), expect.stringMatching(/_territories$/)]));
  });
});
