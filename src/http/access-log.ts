import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler, Response } from 'express';
import { pinoHttp } from 'pino-http';
import { log, scrubbed } from '../runtime/log.ts';
import { operationLabel, refusals, requestDuration, requestStatements } from '../runtime/metrics.ts';
import type { RequestReport } from '../runtime/request-report.ts';
import type { Principal } from '../modules/access/principal.ts';

// One log line and one set of metrics per request, written when its answer is out. The line says
// what the request did — route, operation, caller's role, status, error code, duration, SQL count —
// never what it carried: no query string (GET requests carry variables), no header (tokens), no
// body, and no subject for a citizen, whose subject is their IIN.

/** The report of a request (`track` made it). */
export const reportOf = (res: Response | ServerResponse): RequestReport | undefined => (res as Response).locals?.report as RequestReport | undefined;

/** A caller's `x-request-id` is kept when it is a plain token of reasonable length. */
const REQUEST_ID = /^[\w.:-]{1,128}$/;

/** The routes the metrics tell apart; any other path is counted as "other" (a path is the client's to choose). */
const ROUTES = new Set(['/graphql', '/export/statistics.csv', '/healthz', '/readyz']);
const routeOf = (req: IncomingMessage) => {
  // Express's `originalUrl`: inside a mounted route `url` is what is left after the mount point.
  const path = ((req as { originalUrl?: string }).originalUrl ?? req.url ?? '').split('?')[0]!;
  return ROUTES.has(path) ? path : path.startsWith('/graphiql') ? '/graphiql' : 'other';
};

/** Probes come every few seconds: their answers are logged only at `debug`. */
const PROBES = new Set(['/healthz', '/readyz']);

/** Codes of requests a protection refused (counted apart, for the operators' alerts). */
const PROTECTION_CODES = new Set(['RATE_LIMITED', 'QUERY_TOO_DEEP', 'TOO_MANY_ALIASES', 'TOO_MANY_DIRECTIVES', 'QUERY_TOO_COSTLY',
  'TOO_MANY_HEAVY_STATEMENTS', 'EXECUTION_TIMEOUT', 'STATEMENT_TIMEOUT', 'REQUEST_TOO_LARGE', 'TOKEN_TOO_LARGE', 'HEADERS_TOO_LARGE', 'DOCUMENT_NOT_TRUSTED', 'BATCH_TOO_LARGE']);

/** The fields of a request's log line. */
function line(req: IncomingMessage, res: ServerResponse, durationMs: number) {
  const report = reportOf(res);
  const principal = (res as Response).locals?.principal as Principal | undefined;
  return {
    method: req.method,
    route: routeOf(req),
    status: res.statusCode,
    durationMs,
    ...(principal ? { role: principal.role, ...(principal.role === 'CITIZEN' ? {} : { subject: principal.subject }) } : {}),
    ...(report?.operation ? { operation: scrubbed(report.operation) } : {}),
    ...(report?.statements ? { sqlStatements: report.statements.length } : {}),
    ...(report?.errorCode ? { errorCode: report.errorCode } : {}),
  };
}

/** Gives the request its report and id (`x-request-id`, returned), and logs and measures it when answered. */
export function track(): RequestHandler {
  const logRequests = pinoHttp({
    logger: log,
    genReqId: (req, res) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
      res.setHeader('x-request-id', id);
      return id;
    },
    quietReqLogger: true,
    quietResLogger: true,
    customAttributeKeys: { reqId: 'requestId' },
    customLogLevel: (req, res, error) => (error || res.statusCode >= 500 ? 'error' : PROBES.has(routeOf(req)) && res.statusCode < 400 ? 'debug' : 'info'),
    customSuccessObject: (req, res, value: { responseTime: number }) => line(req, res, value.responseTime),
    customErrorObject: (req, res, error, value: { responseTime: number }) => ({ ...line(req, res, value.responseTime), err: error }),
    customSuccessMessage: () => 'request',
    customErrorMessage: () => 'request failed',
  });
  return (req, res, next) => {
    const started = performance.now();
    logRequests(req, res);
    res.locals.report = { requestId: String(req.id), operation: null, errorCode: null, statements: null } satisfies RequestReport;
    res.once('finish', () => measure(req, res, (performance.now() - started) / 1000));
    next();
  };
}

function measure(req: IncomingMessage, res: ServerResponse, seconds: number) {
  const report = reportOf(res)!;
  const operation = operationLabel(report.operation);
  requestDuration.observe({ route: routeOf(req), operation, outcome: report.errorCode ?? (res.statusCode < 400 ? 'ok' : String(res.statusCode)) }, seconds);
  if (report.statements) requestStatements.observe({ operation }, report.statements.length);
  if (report.errorCode && PROTECTION_CODES.has(report.errorCode)) refusals.inc({ code: report.errorCode });
}
