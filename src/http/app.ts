import { createServer, type Server } from 'node:http';
import { listenOn } from './listen.ts';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { Orm } from '../db/orm.ts';
import { openRedis, type Redis } from '../db/redis.ts';
import { memoryMarks, redisMarks } from '../db/read-your-writes.ts';
import { replicasOf, startRoute } from '../db/replicas.ts';
import { readRoutingPlugin, routeReads } from '../graphql/read-routing.ts';
import { startSqlLog } from '../db/sql-log.ts';
import { principalOf, signedIn, signedInByLink } from './caller.ts';
import { cardPrintout } from './card-printout.ts';
import { answerClientErrors, httpErrors, notFound, onlyMethods } from './errors.ts';
import { createApolloServer } from '../graphql/apollo.ts';
import { createContext } from '../graphql/context.ts';
import { graphiqlAssets, graphiqlPage } from './graphiql.ts';
import { persistedQueryOptions, TrustedDocuments } from './persisted-queries.ts';
import { protectionFrom, type Protection } from './protection.ts';
import { shareConnections } from '../db/fair-share.ts';
import { rateLimitStore, SlidingWindowLimit } from './rate-limit.ts';
import { buildSchema } from '../graphql/schema.ts';
import { authFrom, type AuthSettings } from '../modules/access/auth-config.ts';
import { JsonMasker } from '../modules/access/personal-data.ts';
import { VerifiedTokens } from '../modules/access/tokens.ts';
import { requestLanguages } from '../modules/dictionary/codes.ts';
import { Territories } from '../modules/dictionary/territories.ts';
import { readinessCheck, readyz } from './readiness.ts';
import { statisticsExport } from './statistics-export.ts';
import { signInRoutes, type SignInSettings } from './sign-in.ts';
import { track } from './access-log.ts';
import type { RequestReport } from '../runtime/request-report.ts';
import type { PersonRegistry } from '../modules/verification/person-registry.ts';
import { registryFrom } from '../modules/verification/registry-from-settings.ts';
import type { Signing } from '../modules/footer/signature-verification.ts';
import { signingFrom } from '../modules/footer/signing-from-settings.ts';
import { pdfPrinter, type PdfPrinter } from '../modules/printout/pdf-printer.ts';
import { settings } from '../runtime/settings.ts';

/**
 * The HTTP application: GraphQL (and GraphiQL) at /graphql, GraphiQL's assets, the liveness
 * (/healthz) and readiness (/readyz) probes.
 * The person registry (Rule 2), what signatures are checked against, the trusted token issuer and the protections are the
 * ones given, or else the ones the settings configure; browser sign-in (/auth, sign-in.ts) only when given (`npm start` gives
 * the settings' own, sign-in-from-settings.ts); `printer` lays out printed cards (else one with the settings' threads); `now` is the rate limits' clock.
 * `stop()` releases what it opened.
 */
export async function createApp(
  orm: Orm,
  options: { registry?: PersonRegistry | null; signing?: Signing | null; auth?: AuthSettings; protection?: Protection; signIn?: SignInSettings | null; printer?: PdfPrinter; now?: () => number } = {},
) {
  const registry = options.registry === undefined ? await registryFrom() : options.registry;
  const signing = options.signing === undefined ? await signingFrom() : options.signing;
  const auth = options.auth ?? (await authFrom());
  const tokens = new VerifiedTokens(auth);
  const protection = options.protection ?? protectionFrom();
  const trusted = protection.trustedDocuments ? await TrustedDocuments.load(protection.trustedDocuments) : null;
  const territories = await Territories.load(orm.em.fork());
  shareConnections(orm, protection.database.connectionsPerRequest);
  const redis = protection.redisUrl ? await openRedis(protection.redisUrl) : null;
  const limits = {
    callers: new SlidingWindowLimit(protection.rateLimit, rateLimitStore('caller', protection.rateLimit, redis, protection.redisPrefix), options.now),
    addresses: new SlidingWindowLimit(protection.anonymousRateLimit, rateLimitStore('address', protection.anonymousRateLimit, redis, protection.redisPrefix), options.now),
  };
  /** Authenticated and within the rate limits, before the body is read (caller.ts). */
  const signIn = options.signIn ?? null;
  const gate = signedIn(tokens, limits, protection.maxTokenBytes, signIn?.sessions ?? null);
  const persistedQueries = protection.persistedQueries && persistedQueryOptions(protection.persistedQueries, redis, protection.redisPrefix);
  const reads = await readRoutingOf(orm, redis, protection.redisPrefix);
  const schema = buildSchema();
  const apollo = createApolloServer(schema, { limits: protection.limits, persistedQueries: persistedQueries ?? false, readRouting: reads?.plugin ?? null });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  // Whose X-Forwarded-For names the client address the address limit counts (protection.ts).
  app.set('trust proxy', protection.trustProxy);
  // Every request gets an id, a log line and its metrics, refusals included.
  app.use(track());
  // Each route answers the methods it serves and 405 (naming them) to any other.
  // Liveness: the process answers. It asks nothing of the database, whose outage /readyz reports.
  app.route('/healthz').get((_req, res) => void res.json({ status: 'ok' })).all(onlyMethods('GET', 'HEAD'));
  app.route('/readyz').get(readyz(readinessCheck(orm, redis))).all(onlyMethods('GET', 'HEAD'));
  app.use('/auth', signInRoutes(signIn));
  app.use('/graphiql', graphiqlAssets());
  app.get('/graphql', graphiqlPage);
  const graphqlMethods = onlyMethods('GET', 'POST');
  app.all('/graphql', (req, res, next) => (req.method === 'GET' || req.method === 'POST' ? next() : graphqlMethods(req, res, next)));
  app.route('/export/statistics.csv').get(gate, statisticsExport({ orm, territories, routeReads: reads?.routeReads ?? null })).all(onlyMethods('GET', 'HEAD'));
  // The printed card: the same gate, or instead a short-lived link from `Card.printout` (no header).
  const viaLink = signedInByLink(limits, options.now);
  const printer = options.printer ?? pdfPrinter({ threads: settings().PRINTOUT_THREADS, queue: settings().PRINTOUT_QUEUE_LIMIT });
  app.route('/cards/:id.pdf')
    .get((req, res, next) => (req.query.link !== undefined ? viaLink(req, res, next) : gate(req, res, next)), cardPrintout({ orm, territories, masker: new JsonMasker(schema), printer, now: options.now }))
    .all(onlyMethods('GET', 'HEAD'));
  app.use(
    '/graphql',
    gate,
    express.json({ limit: protection.maxBodyBytes }),
    ...(trusted ? [trusted.only()] : []),
    // After body parsing: the log must cover the request's own async flow, not the socket's.
    (_req, res, next) => {
      const statements = startSqlLog();
      if (reads) startRoute();
      (res.locals.report as RequestReport).statements = statements;
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
      context: async ({ req, res }) => {
        const principal = principalOf(res);
        return createContext(orm, territories, {
          actor: { id: principal.subject, name: principal.name }, principal, registry, signing, ...requestLanguages(req.get('accept-language')), report: res.locals.report as RequestReport,
        });
      },
    }),
  );
  app.use(notFound);
  app.use(httpErrors);
  const stop = async () => {
    await apollo.stop();
    await reads?.stop();
    await redis?.close();
    await printer.close();
  };
  return { app, apollo, territories, registry, signing, auth, signIn, protection, trusted, persistedQueryCache: persistedQueries?.cache ?? null, stop };
}

/**
 * With read replicas: their checks started, the marks of read-your-writes (shared through Redis
 * when there is one) and the plugin that routes each operation (read-routing.ts).
 */
async function readRoutingOf(orm: Orm, redis: Redis | null, redisPrefix: string) {
  const replicas = replicasOf(orm);
  if (!replicas) return null;
  const marks = redis ? await redisMarks(redis, redisPrefix, replicas.markLifeMs) : memoryMarks(replicas.markLifeMs);
  await replicas.start();
  return {
    plugin: readRoutingPlugin(replicas, marks),
    routeReads: (subject: string) => routeReads(replicas, marks, subject),
    async stop() {
      replicas.stop();
      await marks.close();
    },
  };
}

/** Starts listening; resolves once the port is bound. Requests Node's parser refuses get JSON too. */
export async function listen(app: express.Express, port: number): Promise<Server> {
  const server = createServer(app);
  answerClientErrors(server);
  await listenOn(server, port);
  return server;
}
