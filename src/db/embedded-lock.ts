import lockfile from 'proper-lockfile';
import { EX_TEMPFAIL, Refusal } from '../runtime/refusal.ts';

// The embedded database belongs to one process: PGlite keeps the cluster in its own memory and
// writes it back, so a second process on the same directory (an `npm run import` beside
// `npm start`) would change files under the first one, which never sees the change and may
// overwrite it. The first process to open the directory holds a lock (`<dir>.lock`, refreshed every
// few seconds, released when the process ends, and taken over once stale if it crashed); the rest
// are refused with this message.

/** A lock not refreshed for this long belongs to a process that is gone. */
const STALE_MS = 10_000;

export class EmbeddedDatabaseInUse extends Refusal {
  constructor(directory: string) {
    super(`The embedded database in ${directory} is in use by another process (is \`npm start\` running?). `
      + 'Stop that process first, or use a PostgreSQL server (DATABASE_URL), which any number of processes can share. '
      + `A lock left by a process that crashed is taken over after ${STALE_MS / 1000} s.`, EX_TEMPFAIL);
    this.name = 'EmbeddedDatabaseInUse';
  }
}

/** Locks the embedded database's directory for this process; resolves with the release. */
export async function lockEmbeddedDatabase(directory: string): Promise<() => Promise<void>> {
  try {
    return await lockfile.lock(directory, {
      stale: STALE_MS,
      realpath: false,
      // Should the lock be lost (its file removed, the disk gone), stop rather than write on.
      onCompromised: (error) => {
        throw error;
      },
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') throw new EmbeddedDatabaseInUse(directory);
    throw error;
  }
}
