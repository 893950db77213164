import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Redis } from '../db/redis.ts';

// Requests per key (a caller, or a client address) in a sliding window: at most `perWindow`
// requests in the last `windowSeconds`, estimated the usual way from two counters, the current
// window's and the previous one's weighted by how much of it the sliding window still covers.
// A fixed window let a caller send its limit just before a window's edge and again just after it;
// here the requests before the edge still count after it and fade out over the next window.
// The estimate takes the previous window's requests as evenly spread: a caller who spaces two
// bursts a window apart, each at the end of a window, can still pass somewhat more than the limit
// in the span between; the burst at an edge cannot.
//
// The counters are rate-limiter-flexible's: in Redis when there is one (`RateLimiterRedis`, atomic,
// shared by every API process), otherwise in this process's memory (`RateLimiterMemory`).
// Refused requests count too, so a client that keeps knocking stays refused; one that waits for
// Retry-After is served then.

export interface RateLimitSettings {
  /** Requests a key may make per window; 0 turns the limit off. */
  perWindow: number;
  windowSeconds: number;
}

/** What one request got: the numbers behind the RateLimit-* and Retry-After headers. */
export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  windowSeconds: number;
  /** Requests left now. */
  remaining: number;
  /** Seconds until the current window ends; with nothing left, until a request is accepted again. */
  resetSeconds: number;
  /** When refused: seconds until a request is accepted again, if none is sent meanwhile. */
  retryAfterSeconds: number | null;
  /** The counter this request was counted in (for `refund`). */
  counter: string;
}

/**
 * The counters of one limit. With Redis, a connection that is down (or a command that fails) falls
 * back to an insurance limiter in this process's memory, so each process goes on limiting on its
 * own: several processes then let through up to their number times the limit until Redis is back.
 * Chosen over both alternatives: failing closed (429 for everyone) would make Redis a single point
 * of failure of the whole API, and failing open (no limit, as before) would drop the limits just
 * when a flood may be what took Redis down. `rejectIfRedisNotReady` makes the fallback immediate
 * rather than after a timeout; the client does not queue commands while disconnected (redis.ts).
 */
export function rateLimitStore(name: string, settings: RateLimitSettings, redis: Redis | null, redisPrefix = ''): RateLimiterAbstract {
  // Counters live two windows: the previous window's is read during the whole current one.
  const options = { keyPrefix: `${redisPrefix}rate:${name}`, points: Math.max(settings.perWindow, 1), duration: 2 * settings.windowSeconds };
  if (!redis) return new RateLimiterMemory(options);
  return new RateLimiterRedis({
    ...options,
    storeClient: redis,
    // node-redis v4 and later (our `redis` package), not ioredis.
    useRedisPackage: true,
    rejectIfRedisNotReady: true,
    insuranceLimiter: new RateLimiterMemory(options),
  });
}

export class SlidingWindowLimit {
  readonly #settings: RateLimitSettings;
  readonly #store: RateLimiterAbstract;
  readonly #now: () => number;

  constructor(settings: RateLimitSettings, store: RateLimiterAbstract, now: () => number = Date.now) {
    this.#settings = settings;
    this.#store = store;
    this.#now = now;
  }

  /** Counts one request of `key`; null when the limit is off. */
  async hit(key: string): Promise<RateLimitDecision | null> {
    if (this.#settings.perWindow <= 0) return null;
    const now = this.#now();
    const windowMs = this.#settings.windowSeconds * 1000;
    const index = Math.floor(now / windowMs);
    const elapsed = now - index * windowMs;
    const counter = `${key}:${index}`;
    const [current, previous] = await Promise.all([
      // The library refuses past `points` with the counts as a RateLimiterRes: still our counts.
      this.#store.consume(counter).catch((refused: unknown) => {
        if (refused instanceof RateLimiterRes) return refused;
        throw refused;
      }),
      this.#store.get(`${key}:${index - 1}`),
    ]);
    return { ...this.#decide(current.consumedPoints, previous?.consumedPoints ?? 0, elapsed, windowMs), counter };
  }

  /** Takes back a request counted by `hit` that turned out not to be one this limit is for. */
  async refund(decision: RateLimitDecision): Promise<void> {
    await this.#store.reward(decision.counter);
  }

  #decide(current: number, previous: number, elapsed: number, windowMs: number): Omit<RateLimitDecision, 'counter'> {
    const limit = this.#settings.perWindow;
    // previous × (1 − elapsed / window) + current, in whole milliseconds: no rounding error can
    // refuse a request that exactly fits.
    const spare = limit * windowMs - previous * (windowMs - elapsed) - current * windowMs;
    const allowed = spare >= 0;
    const remaining = Math.max(0, Math.floor(spare / windowMs));
    const waitMs = remaining > 0 ? null : this.#waitMs(current, previous, elapsed, windowMs);
    const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));
    return {
      allowed, limit, windowSeconds: this.#settings.windowSeconds, remaining,
      resetSeconds: seconds(waitMs ?? windowMs - elapsed),
      retryAfterSeconds: allowed ? null : seconds(waitMs!),
    };
  }

  /** How long until one more request fits, if none is sent meanwhile. */
  #waitMs(current: number, previous: number, elapsed: number, windowMs: number): number {
    const limit = this.#settings.perWindow;
    // Still in this window, once enough of the previous window's requests have faded out.
    if (current + 1 <= limit && previous > 0) return Math.max(0, (1 - (limit - current - 1) / previous) * windowMs - elapsed);
    // In the next window, once enough of this window's requests have faded out.
    return windowMs - elapsed + Math.max(0, 1 - (limit - 1) / current) * windowMs;
  }
}
