import type { KeyValueCache, KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import { createClient } from 'redis';
import { log } from '../runtime/log.ts';

// Redis (`REDIS_URL`), shared by the API processes behind a load balancer: the persisted-query
// cache and the rate limiter's counters live there, so every process sees the same ones.

// While the connection is down, commands fail at once rather than queue: a request must not wait
// on Redis (callers treat a failure as a cache miss, or let the request through). A connection
// lost later is retried for ever; the first one is not, so a wrong REDIS_URL stops the start.
const newClient = (url: string, state: { connected: boolean }) => createClient({
  url,
  disableOfflineQueue: true,
  socket: { connectTimeout: 2_000, reconnectStrategy: (retries, cause) => (state.connected ? Math.min(retries * 100, 2_000) : new Error(`cannot reach Redis: ${cause.message}`)) },
});
export type Redis = ReturnType<typeof newClient>;

/** A connected client; fails when the server cannot be reached. */
export async function openRedis(url: string): Promise<Redis> {
  const state = { connected: false };
  const client = newClient(url, state);
  client.on('ready', () => {
    state.connected = true;
  });
  // Without a listener a dropped connection would crash the process; the client reconnects itself.
  client.on('error', (error: Error) => log.warn({ err: error }, 'Redis connection error'));
  await client.connect();
  return client;
}

/** Apollo's key-value cache over Redis, its keys under `prefix`. */
export class RedisCache implements KeyValueCache<string> {
  readonly #client: Redis;
  readonly #prefix: string;

  constructor(client: Redis, prefix: string) {
    this.#client = client;
    this.#prefix = prefix;
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.#client.get(this.#prefix + key)) ?? undefined;
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    const ttl = options?.ttl;
    await this.#client.set(this.#prefix + key, value, ttl ? { expiration: { type: 'EX', value: ttl } } : undefined);
  }

  async delete(key: string): Promise<boolean> {
    return (await this.#client.del(this.#prefix + key)) > 0;
  }
}
