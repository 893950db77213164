import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { PersistedQueryOptions } from '@apollo/server';
import { ErrorsAreMissesCache, InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import type { RequestHandler } from 'express';
import { RedisCache, type Redis } from '../db/redis.ts';
import { sendError } from './errors.ts';

// Mobile clients send a query's SHA-256 instead of its text.
// Automatic persisted queries (APQ): a hash the server has not seen is answered
// PERSISTED_QUERY_NOT_FOUND, the client sends hash and text once, and from then on the hash alone.
// The cache is bounded: in memory by its size in bytes (least recently used out first), in Redis
// by a time to live (and the server's own memory policy).
// Trusted documents: with a manifest of allowed operations, any other document is refused, by
// hash or by text, and no new one can be registered.

export interface PersistedQuerySettings {
  /** Memory cache size in bytes (ignored with Redis). */
  maxBytes: number;
  /** How long an entry stays, in seconds. */
  ttlSeconds: number;
}

/** The APQ cache; Apollo keys its entries `apq:<hash>`, under `redisPrefix` in Redis. */
export function persistedQueryOptions(settings: PersistedQuerySettings, redis: Redis | null, redisPrefix = ''): PersistedQueryOptions {
  const cache = redis
    // Redis down: a miss (the client then sends the text), not a failed request.
    ? new ErrorsAreMissesCache(new RedisCache(redis, redisPrefix))
    : new InMemoryLRUCache<string>({ maxSize: settings.maxBytes, sizeCalculation: InMemoryLRUCache.sizeCalculation, ttlAutopurge: true });
  return { cache, ttl: settings.ttlSeconds };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** One operation of a manifest, in Apollo's persisted-query manifest format. */
interface ManifestOperation {
  id: string;
  name?: string;
  type?: string;
  body: string;
}

/** The allowed documents by their SHA-256, from an `apollo-persisted-query-manifest` file. */
export class TrustedDocuments {
  readonly #byHash: Map<string, string>;

  private constructor(byHash: Map<string, string>) {
    this.#byHash = byHash;
  }

  /** Reads a manifest; refuses one whose ids are not the SHA-256 of their bodies. */
  static async load(path: string): Promise<TrustedDocuments> {
    const manifest = JSON.parse(await readFile(path, 'utf8')) as { format?: string; version?: number; operations?: ManifestOperation[] };
    if (manifest.format !== 'apollo-persisted-query-manifest' || manifest.version !== 1 || !Array.isArray(manifest.operations)) {
      throw new Error(`${path} is not an apollo-persisted-query-manifest, version 1`);
    }
    const byHash = new Map<string, string>();
    for (const operation of manifest.operations) {
      if (typeof operation.body !== 'string' || sha256(operation.body) !== operation.id) {
        throw new Error(`${path}: operation ${operation.name ?? operation.id} has an id that is not the SHA-256 of its body`);
      }
      byHash.set(operation.id, operation.body);
    }
    return new TrustedDocuments(byHash);
  }

  /** A manifest of these documents (what `npm run manifest` writes). */
  static manifest(operations: readonly { name: string; type: string; body: string }[]) {
    return { format: 'apollo-persisted-query-manifest', version: 1, operations: operations.map((op) => ({ id: sha256(op.body), ...op })) };
  }

  get size(): number {
    return this.#byHash.size;
  }

  /**
   * Express middleware on the parsed body: a listed hash gets its document filled in, listed text
   * passes, anything else is answered 400 DOCUMENT_NOT_TRUSTED before GraphQL sees it.
   */
  only(): RequestHandler {
    return (req, res, next) => {
      const body = req.body as { query?: unknown; extensions?: { persistedQuery?: { sha256Hash?: unknown } } } | undefined;
      const hash = body?.extensions?.persistedQuery?.sha256Hash;
      const known = typeof hash === 'string' ? this.#byHash.get(hash)
        : typeof body?.query === 'string' ? this.#byHash.get(sha256(body.query)) : undefined;
      if (known === undefined || (typeof body?.query === 'string' && body.query !== known)) {
        return sendError(res, 400, 'DOCUMENT_NOT_TRUSTED', 'Only the operations of the trusted-documents manifest are accepted');
      }
      body!.query = known;
      next();
    };
  }
}
