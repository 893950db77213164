import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { migrate, openOrm } from '../../src/db/orm.ts';
import { Card } from '../../src/modules/card/card.entity.ts';
import { aCard } from '../support/builders.ts';
import { ENTITIES } from '../../src/modules/entities.ts';

// What `npm start` does on a fresh clone: an embedded database in a directory that does not exist yet.
const root = mkdtempSync(join(tmpdir(), 'card-embedded-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the embedded database on disk', () => {
  it('is created with its parent directories and keeps its data across restarts', async () => {
    const dir = join(root, '.data', 'pglite');
    const first = await openOrm({ embeddedDir: dir }, ENTITIES);
    expect((await migrate(first)).length).toBeGreaterThan(0);
    const card = await aCard().save(first.em.fork());
    await first.close();

    const second = await openOrm({ embeddedDir: dir }, ENTITIES);
    expect(await migrate(second)).toEqual([]);
    expect((await second.em.fork().findOneOrFail(Card, { iin: card.iin })).id).toBe(card.id);
    await second.close();
  }, 60_000);
});
