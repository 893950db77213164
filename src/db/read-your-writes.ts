import type { Redis } from './redis.ts';
import { log } from '../runtime/log.ts';

// Read-your-writes with read replicas (replicas.ts): a caller who has just changed a card reads
// it back changed, whichever API process answers and however far behind a replica is.
//
// After each mutation, before its answer leaves, the primary's WAL position (which covers the
// mutation's commit) is noted for the caller (the token's subject): a "mark". While a caller has a
// mark, their reads go only to a replica that has replayed past it, else to the primary. A mark is
// dropped once every replica in rotation must have replayed it (a replica further behind than
// REPLICA_MAX_LAG_SECONDS takes no reads): after that lag plus the time between two checks.
//
// Cheap for everybody else: looking a caller up is a lookup in this process's memory, never a
// round trip. Without Redis the marks live there only (one process). With Redis (several API
// processes) a mark is also kept in Redis, with its life as expiry, and published; every process
// subscribes and keeps a copy of the marks in memory. A copy can be trusted only while the
// subscription is up and after the marks already in Redis were read on (re)subscribing: until
// then every caller reads from the primary. The mark is in Redis before the mutation's answer
// leaves, and so is its publication, which Redis sends to the subscribers before it acknowledges.

/** Marks by caller: the WAL position their reads need, and until when. */
export interface WriteMarks {
  /** Notes that `subject` changed something the primary had written by `position`. */
  note(subject: string, position: bigint): Promise<void>;
  /** The position `subject`'s reads need; null for none; undefined when unknown (read from the primary). */
  positionOf(subject: string): bigint | null | undefined;
  close(): Promise<void>;
}

/** A position as 16 hex digits, so that positions compare as text too (in Redis's Lua). */
const hex = (position: bigint) => position.toString(16).padStart(16, '0');

class MemoryMarks {
  readonly #marks = new Map<string, { position: bigint; until: number }>();
  readonly #lifeMs: number;

  constructor(lifeMs: number) {
    this.#lifeMs = lifeMs;
  }

  keep(subject: string, position: bigint, lifeMs = this.#lifeMs) {
    const now = Date.now();
    const known = this.#marks.get(subject);
    const higher = known && known.until > now && known.position > position ? known.position : position;
    this.#marks.set(subject, { position: higher, until: now + lifeMs });
    // Expired marks are swept as new ones come, so the map holds about one life's writers.
    if (this.#marks.size > 1000 && this.#marks.size % 1000 === 0) {
      for (const [key, mark] of this.#marks) if (mark.until <= now) this.#marks.delete(key);
    }
  }

  positionOf(subject: string): bigint | null {
    const mark = this.#marks.get(subject);
    if (!mark) return null;
    if (mark.until > Date.now()) return mark.position;
    this.#marks.delete(subject);
    return null;
  }

  clear() {
    this.#marks.clear();
  }
}

/** Marks in this process only (no Redis: one API process). */
export function memoryMarks(lifeMs: number): WriteMarks {
  const marks = new MemoryMarks(lifeMs);
  return {
    note: async (subject, position) => marks.keep(subject, position),
    positionOf: (subject) => marks.positionOf(subject),
    close: async () => {},
  };
}

/** Raises a mark, never lowers it (two changes of one caller may note in either order), and renews its life. */
const RAISE = `local known = redis.call('GET', KEYS[1])
if known and known > ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return known end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return ARGV[1]`;

/** Marks shared by the API processes through Redis, copied into each process's memory. */
export async function redisMarks(redis: Redis, prefix: string, lifeMs: number): Promise<WriteMarks> {
  const keyPrefix = `${prefix}ryw:`;
  const channel = `${prefix}ryw`;
  const copy = new MemoryMarks(lifeMs);
  let trusted = false;
  const subscriber = redis.duplicate();
  subscriber.on('error', () => {
    trusted = false;
  });
  subscriber.on('end', () => {
    trusted = false;
  });
  /** Reads the marks already in Redis; the subscription is up (again) by the time 'ready' fires. */
  const catchUp = async () => {
    trusted = false;
    try {
      for await (const keys of redis.scanIterator({ MATCH: `${keyPrefix}*`, COUNT: 1000 })) {
        if (!keys.length) continue;
        const values = await redis.mGet(keys);
        keys.forEach((key, i) => {
          if (values[i]) copy.keep(key.slice(keyPrefix.length), BigInt(`0x${values[i]}`));
        });
      }
      trusted = true;
    } catch (error) {
      log.warn({ err: error }, 'could not read the read-your-writes marks from Redis; reads go to the primary until they are');
    }
  };
  await subscriber.connect();
  await subscriber.subscribe(channel, (message) => {
    const [subject, position] = JSON.parse(message) as [string, string];
    copy.keep(subject, BigInt(`0x${position}`));
  });
  await catchUp();
  // After the first subscription: on reconnecting, 'ready' comes once it is renewed.
  subscriber.on('ready', () => void catchUp());
  return {
    async note(subject, position) {
      copy.keep(subject, position);
      await redis.eval(RAISE, { keys: [keyPrefix + subject], arguments: [hex(position), String(lifeMs)] });
      await redis.publish(channel, JSON.stringify([subject, hex(position)]));
    },
    positionOf: (subject) => (trusted && subscriber.isReady ? copy.positionOf(subject) : undefined),
    async close() {
      trusted = false;
      copy.clear();
      await subscriber.close().catch(() => undefined);
    },
  };
}
