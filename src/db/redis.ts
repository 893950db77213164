import type { KeyValueCache, KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import { createClient } from 'redis';

// Redis (`REDIS_URL`), shared by the API processes behind a load balancer: the persisted-query
// cache and the rate limiter's counters live there, so every process sees the same ones.

const newClient = (url: string) =>
  createClient({ url, socket: { connectTimeout: 2_000, reconnectStrategy: (retries) => Math.min(retries * 100, 2_000) } });
export type Redis = ReturnType<typeof newClient>;

/** A connected client; fails fast when the server cannot be reached. */
export async function openRedis(url: string): Promise<Redis> {
  const client = newClient(url);
  // Without a listener a dropped connection would crash the process; the client reconnects itself.
  client.on('error', (error: Error) => console.error('Redis:', error.message));
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
