import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { PersistedQueryOptions } from '@apollo/server';
import { printExecutableGraphQLDocument } from '@graphql-tools/documents';
import { parse } from 'graphql';
import { ErrorsAreMissesCache, InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import type { RequestHandler } from 'express';
import { RedisCache, type Redis } from '../db/redis.ts';
import { sendError } from './errors.ts';

// Mobile clients send a query's SHA-256 instead of its text.
// Automatic persisted queries (APQ): a hash the server has not seen is answered
// PERSISTED_QUERY_NOT_FOUND, the client sends hash and text once, and from then on the hash alone.
// The cache is bounded: in memory by its size in bytes (least recently used out first), in Redis
// by a time to live (and the server's own memory policy).
// Trusted documents: with manifests of allowed operations, any other document is refused, by
// hash or by text, and no new one can be registered. The manifests are what the standard tools
// write (the codegen client preset, Apollo's manifest generator): ids are the SHA-256 of the
// printed operation, so a text is known by how it prints, not by its comments or layout.

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

/**
 * A document as the standard tools print it before hashing (`printExecutableGraphQLDocument`,
 * what the codegen client preset writes in persisted-documents.json): comments dropped, white
 * space reduced, fields, arguments and variables sorted (a mutation's top-level fields keep their
 * order). Two texts of one operation print alike however they are laid out; null for no document.
 */
function printed(text: string, maxTokens: number): string | null {
  try {
    return printExecutableGraphQLDocument(parse(text, { noLocation: true, maxTokens }));
  } catch {
    return null;
  }
}

/** One operation of a manifest, in Apollo's persisted-query manifest format. */
interface ManifestOperation {
  id: string;
  name?: string;
  type?: string;
  body: string;
}

/** A trusted document: its SHA-256 (hex) as the manifest names it, its text, and that text printed. */
interface Trusted {
  hash: string;
  body: string;
  printed: string;
}

/** The client preset's ids are `sha256:<hex>` (GraphQL over HTTP, persisted documents); Apollo's are the hex alone. */
const hexOf = (id: string) => (id.startsWith('sha256:') ? id.slice('sha256:'.length) : id);

/** The persisted-query fields of a GraphQL request, from a POST's body or a GET's search parameters. */
interface GraphQLParams {
  query?: unknown;
  /** GraphQL over HTTP's persisted documents: `sha256:<hex>`, what the client preset's documents carry. */
  documentId?: unknown;
  extensions?: { persistedQuery?: { sha256Hash?: unknown }; [key: string]: unknown };
}

/**
 * The allowed documents, from trusted-documents manifests in either standard format:
 * - the client preset's `persisted-documents.json` (GraphQL over HTTP's persisted documents): an
 *   object of `"sha256:<hex>": "<printed operation>"`;
 * - Apollo's `apollo-persisted-query-manifest` (what `@apollo/generate-persisted-query-manifest`
 *   writes): `{ format, version: 1, operations: [{ id, name, type, body }] }`.
 * Each id must be the SHA-256 of its document as given.
 */
export class TrustedDocuments {
  readonly #byHash: Map<string, Trusted>;
  readonly #byPrinted: Map<string, Trusted>;
  /** No trusted document has more tokens than it has characters: a longer text is not parsed. */
  readonly #maxTokens: number;

  private constructor(documents: Trusted[]) {
    this.#byHash = new Map(documents.map((d) => [d.hash, d]));
    this.#byPrinted = new Map(documents.map((d) => [d.printed, d]));
    this.#maxTokens = Math.max(1, ...documents.map((d) => d.body.length));
  }

  /** Reads one or more manifests (several clients' ones); refuses one whose ids are not the SHA-256 of their documents. */
  static async load(paths: string | readonly string[]): Promise<TrustedDocuments> {
    const documents: Trusted[] = [];
    for (const path of typeof paths === 'string' ? [paths] : paths) {
      for (const { id, name, body } of TrustedDocuments.#read(path, JSON.parse(await readFile(path, 'utf8')))) {
        if (typeof body !== 'string' || typeof id !== 'string' || sha256(body) !== hexOf(id)) {
          throw new Error(`${path}: operation ${name ?? id} has an id that is not the SHA-256 of its body`);
        }
        const text = printed(body, Number.MAX_SAFE_INTEGER);
        if (text === null) throw new Error(`${path}: operation ${name ?? id} is not a GraphQL document`);
        documents.push({ hash: hexOf(id), body, printed: text });
      }
    }
    return new TrustedDocuments(documents);
  }

  static #read(path: string, manifest: unknown): { id: unknown; name?: string; body: unknown }[] {
    if (manifest === null || typeof manifest !== 'object' || Array.isArray(manifest)) throw new Error(`${path} is not a trusted-documents manifest`);
    if ('format' in manifest) {
      const apollo = manifest as { format?: string; version?: number; operations?: ManifestOperation[] };
      if (apollo.format !== 'apollo-persisted-query-manifest' || apollo.version !== 1 || !Array.isArray(apollo.operations)) {
        throw new Error(`${path} is not an apollo-persisted-query-manifest, version 1`);
      }
      return apollo.operations;
    }
    return Object.entries(manifest).map(([id, body]) => ({ id, body }));
  }

  /** A manifest of these documents in Apollo's format, ids the SHA-256 of each body as given. */
  static manifest(operations: readonly { name: string; type: string; body: string }[]) {
    return { format: 'apollo-persisted-query-manifest', version: 1, operations: operations.map((op) => ({ id: sha256(op.body), ...op })) };
  }

  get size(): number {
    return this.#byHash.size;
  }

  /** The trusted document a request names: by hash, by text (printed as the standard tools print it), or both agreeing; else undefined. */
  #resolve({ query, documentId, extensions }: GraphQLParams): string | undefined {
    const hash = documentId ?? extensions?.persistedQuery?.sha256Hash;
    if (hash !== undefined) {
      const known = typeof hash === 'string' ? this.#byHash.get(hexOf(hash)) : undefined;
      if (!known) return undefined;
      if (query === undefined) return known.body;
      return typeof query === 'string' && printed(query, this.#maxTokens) === known.printed ? query : undefined;
    }
    if (typeof query !== 'string') return undefined;
    const text = printed(query, this.#maxTokens);
    return text !== null && this.#byPrinted.has(text) ? query : undefined;
  }

  /**
   * Express middleware on the parsed request (a POST's body, a GET's search parameters): a listed
   * hash (Apollo's `extensions.persistedQuery.sha256Hash`, or `documentId`) gets its document filled in, and text whose printed form is listed passes as sent; then
   * GraphQL runs the text (the hash is no longer needed). Anything else is answered 400
   * DOCUMENT_NOT_TRUSTED before GraphQL sees it. Over GET, GraphQL still refuses a mutation and a
   * request without a CSRF-proof header.
   */
  only(): RequestHandler {
    return (req, res, next) => {
      const get = req.method === 'GET';
      const params = get ? searchParamsOf(req.url) : (req.body as GraphQLParams | undefined);
      const query = params && this.#resolve(params);
      if (query === undefined) {
        return sendError(res, 400, 'DOCUMENT_NOT_TRUSTED', 'Only the operations of the trusted-documents manifest are accepted');
      }
      const { persistedQuery: _resolved, ...extensions } = params!.extensions ?? {};
      if (get) {
        const search = new URLSearchParams(new URL(req.url, 'http://request').search);
        search.delete('documentId');
        search.set('query', query);
        if (Object.keys(extensions).length) search.set('extensions', JSON.stringify(extensions));
        else search.delete('extensions');
        req.url = `${req.url.split('?')[0]}?${search}`;
      } else {
        params!.query = query;
        delete params!.documentId;
        if (params!.extensions) params!.extensions = extensions;
      }
      next();
    };
  }
}

/** A GET's GraphQL parameters: `query` as given, `extensions` parsed from its JSON (none if it is not JSON). */
function searchParamsOf(url: string): GraphQLParams {
  const search = new URL(url, 'http://request').searchParams;
  let extensions: GraphQLParams['extensions'];
  try {
    const parsed = JSON.parse(search.get('extensions') ?? 'null') as unknown;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) extensions = parsed as GraphQLParams['extensions'];
  } catch {
    extensions = undefined;
  }
  return { query: search.get('query') ?? undefined, documentId: search.get('documentId') ?? undefined, extensions };
}
