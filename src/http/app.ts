import type { Server } from 'node:http';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { Orm } from '../db/orm.ts';
import { openRedis } from '../db/redis.ts';
import { startSqlLog } from '../db/sql-log.ts';
import { authenticate } from './authentication.ts';
import { createApolloServer } from '../graphql/apollo.ts';
import { createContext } from '../graphql/context.ts';
import { graphiqlAssets, graphiqlPage } from './graphiql.ts';
import { persistedQueryOptions, TrustedDocuments } from './persisted-queries.ts';
import { protectionFromEnv, type Protection } from './protection.ts';
import { shareConnections } from '../db/fair-share.ts';
import { MemoryCounter, RateLimiter, RedisCounter } from './rate-limit.ts';
import { buildSchema } from '../graphql/schema.ts';
import { authFromEnv, type AuthSettings } from '../modules/access/auth-config.ts';
import { VerifiedTokens } from '../modules/access/tokens.ts';
import { languageOf } from '../modules/dictionary/codes.ts';
import { Territories } from '../modules/dictionary/territories.ts';
import { statisticsExport } from './statistics-export.ts';
import type { PersonRegistry } from '../modules/verification/person-registry.ts';
import { registryFromEnv } from '../modules/verification/registry-from-env.ts';

/**
 * The HTTP application: GraphQL (and GraphiQL) at /graphql, GraphiQL's assets, a health check.
 * The person registry (Rule 2), the trusted token issuer and the protections are the
 * ones given, or else the ones the environment configures. `stop()` releases what it opened.
 */
export async function createApp(orm: Orm, options: { registry?: PersonRegistry | null; auth?: AuthSettings; protection?: Protection } = {}) {
  const registry = options.registry === undefined ? await registryFromEnv() : options.registry;
  const auth = options.auth ?? (await authFromEnv());
  const tokens = new VerifiedTokens(auth);
  const protection = options.protection ?? protectionFromEnv();
  const trusted = protection.trustedDocuments ? await TrustedDocuments.load(protection.trustedDocuments) : null;
  const territories = await Territories.load(orm.em.fork());
  shareConnections(orm, protection.database.connectionsPerRequest);
  const redis = protection.redisUrl ? await openRedis(protection.redisUrl) : null;
  const limiter = new RateLimiter(protection.rateLimit, redis ? new RedisCounter(redis, `${protection.redisPrefix}rate:`) : new MemoryCounter());
  const persistedQueries = protection.persistedQueries && persistedQueryOptions(protection.persistedQueries, redis, protection.redisPrefix);
  const apollo = createApolloServer(buildSchema(), { limits: protection.limits, persistedQueries: persistedQueries ?? false });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => void res.json({ status: 'ok' }));
  app.use('/graphiql', graphiqlAssets());
  app.get('/graphql', graphiqlPage);
  /** The caller of a request, authenticated and within the rate limit. */
  const identify = async (req: express.Request) => {
    const principal = await authenticate(req.get('authorization'), tokens);
    await limiter.check(principal);
    return principal;
  };
  app.get('/export/statistics.csv', statisticsExport({ orm, territories, identify }));
  app.use(
    '/graphql',
    express.json({ limit: protection.maxBodyBytes }),
    ...(trusted ? [trusted.only()] : []),
    // After body parsing: the log must cover the request's own async flow, not the socket's.
    (_req, res, next) => {
      const statements = startSqlLog();
      if (protection.sqlStatementsHeader) {
        // Set as the head is written, so the read audit's statement counts too.
        const writeHead = res.writeHead;
        res.writeHead = function (this: typeof res, ...args: Parameters<typeof writeHead>) {
          if (!this.headersSent) this.setHeader('x-sql-statements', String(statements.length));
          return writeHead.apply(this, args);
        } as typeof writeHead;
      }
      next();
    },
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const principal = await identify(req);
        const language = languageOf(req.get('accept-language'));
        return createContext(orm, territories, { actor: { id: principal.subject, name: principal.name }, principal, registry, language });
      },
    }),
  );
  app.use(httpErrors);
  const stop = async () => {
    await apollo.stop();
    await redis?.close();
  };
  return { app, apollo, territories, registry, auth, protection, trusted, persistedQueryCache: persistedQueries?.cache ?? null, stop };
}

/**
 * Errors raised before GraphQL runs (a malformed or oversized body): a GraphQL-shaped JSON answer,
 * never Express's default page with its stack trace.
 */
const httpErrors: express.ErrorRequestHandler = (error, _req, res, next) => {
  if (res.headersSent) return next(error);
  const known: Record<string, [number, string, string]> = {
    'entity.parse.failed': [400, 'BAD_REQUEST', 'The request body is not valid JSON'],
    'entity.too.large': [413, 'REQUEST_TOO_LARGE', 'The request body is too large'],
    'encoding.unsupported': [415, 'BAD_REQUEST', 'Unsupported content encoding'],
  };
  const [status, code, message] = known[(error as { type?: string }).type ?? ''] ?? [500, 'INTERNAL_SERVER_ERROR', 'Internal server error'];
  if (status === 500) console.error('HTTP request failed:', error);
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
};

/** Starts listening; resolves once the port is bound. */
export function listen(app: express.Express, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, (error?: Error) => (error ? reject(error) : resolve(server)));
  });
}
