import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler, Response } from 'express';
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

/**
 * Gives the request its report and id (`x-request-id`, returned), and logs and measures it when
 * answered. Written on pino directly rather than through pino-http: pino-http makes two child
 * loggers per request, one of them serializing the whole request (headers and all) even when its
 * lines are not written; on a trivial query that took a quarter of the API's throughput
 * (26k against 35k requests in 10 s), this a tenth.
 */
export function track(): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    const given = req.headers['x-request-id'];
    const requestId = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    res.setHeader('x-request-id', requestId);
    res.locals.report = { requestId, operation: null, errorCode: null, statements: null } satisfies RequestReport;
    const answered = () => {
      res.off('finish', answered).off('close', answered);
      const ms = performance.now() - started;
      const fields = { requestId, ...line(req, res, Math.round(ms)), ...(res.writableFinished ? {} : { aborted: true }) };
      if (res.statusCode >= 500) log.error(fields, 'request failed');
      else if (PROBES.has(fields.route) && res.statusCode < 400) log.debug(fields, 'request');
      else log.info(fields, 'request');
      measure(req, res, ms / 1000);
    };
    // 'close' without 'finish': the client went away, or the connection was cut, before the answer was out.
    res.once('finish', answered).once('close', answered);
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
