import { describe, expect, it } from '@jest/globals';
import { ormOptions, replicaSettings } from '../../src/db/config.ts';
import { memoryMarks } from '../../src/db/read-your-writes.ts';
import { lsnOf } from '../../src/db/replicas.ts';
import { readSettings, SettingsError } from '../../src/runtime/settings.ts';

// The settings of read replicas and the pieces of their routing that need no server; the routing
// itself is tried on a real streaming replica (replicas.postgres.test.ts).

const PRIMARY = 'postgres://api@db:5432/cards';

describe('DATABASE_REPLICA_URLS', () => {
  it('is a comma-separated list of PostgreSQL URLs; unset, there are no replicas', () => {
    expect(replicaSettings(readSettings({ DATABASE_URL: PRIMARY }))).toBeUndefined();
    expect(replicaSettings(readSettings({ DATABASE_URL: PRIMARY, DATABASE_REPLICA_URLS: ' postgres://api@r1:5432/cards, postgresql://api@r2/cards ,', REPLICA_MAX_LAG_SECONDS: '3' })))
      .toEqual({ urls: ['postgres://api@r1:5432/cards', 'postgresql://api@r2/cards'], maxLagSeconds: 3, checkMs: 1000 });
  });

  it('refuses a URL that is not PostgreSQL, replicas without DATABASE_URL, and workers without Redis to share read-your-writes', () => {
    const problems = (env: NodeJS.ProcessEnv) => {
      try {
        readSettings(env);
        return [];
      } catch (error) {
        return (error as SettingsError).problems;
      }
    };
    expect(problems({ DATABASE_URL: PRIMARY, DATABASE_REPLICA_URLS: 'postgres://api@r1/cards,redis://r2' })).toEqual(['DATABASE_REPLICA_URLS must start with postgres: or postgresql:, not redis:']);
    expect(problems({ DATABASE_REPLICA_URLS: 'postgres://api@r1/cards' })).toEqual(['DATABASE_REPLICA_URLS needs DATABASE_URL: replicas are of a PostgreSQL server']);
    const workers = { DATABASE_URL: PRIMARY, DATABASE_REPLICA_URLS: 'postgres://api@r1/cards', WEB_CONCURRENCY: '2', DOWNLOAD_LINK_SECRET: 'x'.repeat(32) };
    expect(problems(workers)).toEqual(['DATABASE_REPLICA_URLS with WEB_CONCURRENCY above 1 needs REDIS_URL: the workers share who changed what (read-your-writes) through it']);
    expect(problems({ ...workers, REDIS_URL: 'redis://cache:6379' })).toEqual([]);
  });

  it('opens one MikroORM replica per URL, and none for the embedded database', () => {
    const replicas = { urls: ['postgres://api@r1/cards', 'postgres://api@r2/cards'], maxLagSeconds: 10, checkMs: 1000 };
    expect(ormOptions({ url: PRIMARY, embeddedDir: '', replicas }, []).replicas).toEqual([
      { name: 'replica-1', clientUrl: 'postgres://api@r1/cards' },
      { name: 'replica-2', clientUrl: 'postgres://api@r2/cards' },
    ]);
    expect(ormOptions({ url: PRIMARY, embeddedDir: '' }, []).replicas ?? []).toEqual([]);
    expect(ormOptions({ embeddedDir: 'memory://', replicas }, []).replicas ?? []).toEqual([]);
  });
});

describe('read-your-writes marks in one process', () => {
  it('compares WAL positions as PostgreSQL writes them', () => {
    expect(lsnOf('16/B374D848')).toBe(0x16B374D848n);
    expect(lsnOf('0/FFFFFFFF') < lsnOf('1/0')).toBe(true);
  });

  it('keep the highest position a caller needs, for the life given', async () => {
    const marks = memoryMarks(60_000);
    expect(marks.positionOf('writer')).toBeNull();
    await marks.note('writer', 200n);
    await marks.note('writer', 100n); // two changes may note in either order
    expect({ writer: marks.positionOf('writer'), other: marks.positionOf('other') }).toEqual({ writer: 200n, other: null });
    const brief = memoryMarks(0);
    await brief.note('writer', 300n);
    expect(brief.positionOf('writer')).toBeNull();
  });
});
