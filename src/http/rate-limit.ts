import { GraphQLError } from 'graphql';
import type { Redis } from '../db/redis.ts';
import type { Principal } from '../modules/access/principal.ts';

// Requests per caller in a fixed window (RATE_LIMIT_PER_WINDOW requests every
// RATE_LIMIT_WINDOW_SECONDS). The caller is the token's role and subject, so a renewed token does
// not start afresh. Counters are in Redis when there is one, so all API processes share them;
// otherwise in this process's memory.

export interface RateLimitSettings {
  /** Requests a caller may make per window; 0 turns the limit off. */
  perWindow: number;
  windowSeconds: number;
}

export interface RateLimitCounter {
  /** Counts one request of `key` in the window starting at `windowStart`; returns the count so far. */
  hit(key: string, windowStart: number, windowMs: number): Promise<number>;
}

/** Counters in this process; only the current window is kept, so memory stays bounded by callers. */
export class MemoryCounter implements RateLimitCounter {
  #window = -1;
  #counts = new Map<string, number>();

  async hit(key: string, windowStart: number): Promise<number> {
    if (windowStart !== this.#window) {
      this.#window = windowStart;
      this.#counts = new Map();
    }
    const count = (this.#counts.get(key) ?? 0) + 1;
    this.#counts.set(key, count);
    return count;
  }
}

/** Counters in Redis, one key per caller and window, expiring with the window. */
export class RedisCounter implements RateLimitCounter {
  readonly #redis: Redis;
  readonly #prefix: string;

  constructor(redis: Redis, prefix = 'rate:') {
    this.#redis = redis;
    this.#prefix = prefix;
  }

  async hit(key: string, windowStart: number, windowMs: number): Promise<number> {
    const name = `${this.#prefix}${key}:${windowStart}`;
    const [count] = await this.#redis.multi().incr(name).pExpire(name, windowMs).exec();
    return Number(count);
  }
}

export class RateLimiter {
  readonly #settings: RateLimitSettings;
  readonly #counter: RateLimitCounter;
  readonly #now: () => number;

  constructor(settings: RateLimitSettings, counter: RateLimitCounter, now: () => number = Date.now) {
    this.#settings = settings;
    this.#counter = counter;
    this.#now = now;
  }

  /** Counts the caller's request; throws RATE_LIMITED (HTTP 429, Retry-After) past the limit. */
  async check(principal: Principal): Promise<void> {
    const { perWindow, windowSeconds } = this.#settings;
    if (perWindow <= 0) return;
    const windowMs = windowSeconds * 1000;
    const now = this.#now();
    const windowStart = now - (now % windowMs);
    let count: number;
    try {
      count = await this.#counter.hit(`${principal.role}:${principal.subject}`, windowStart, windowMs);
    } catch (error) {
      // The counters' store is down: serve rather than refuse everyone; the failure is logged.
      console.error('Rate limit not checked, the counter store failed:', (error as Error).message);
      return;
    }
    if (count <= perWindow) return;
    const retryAfter = Math.ceil((windowStart + windowMs - now) / 1000);
    throw new GraphQLError(`Too many requests: at most ${perWindow} every ${windowSeconds} s; try again in ${retryAfter} s`, {
      extensions: { code: 'RATE_LIMITED', http: { status: 429, headers: new Map([['retry-after', String(retryAfter)]]) } },
    });
  }
}
