import { STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { log } from '../runtime/log.ts';
import type { RequestReport } from '../runtime/request-report.ts';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from '../db/availability.ts';
import { DATABASE_UNAVAILABLE } from '../graphql/database-unavailable.ts';

// Every refusal at the HTTP level (before or around GraphQL) answers in the shape GraphQL errors
// have, `{ errors: [{ message, extensions: { code } }] }`, with the status that fits: clients read
// one shape, and nothing answers with an empty body, Express's HTML page or a stack trace.

const body = (code: string, message: string, extensions: Record<string, unknown> = {}) =>
  JSON.stringify({ errors: [{ message, extensions: { code, ...extensions } }] });

export function sendError(res: Response, status: number, code: string, message: string, extensions?: Record<string, unknown>): void {
  const report = res.locals.report as RequestReport | undefined;
  if (report) report.errorCode = code;
  res.status(status).type('application/json').send(body(code, message, extensions));
}

/** The database is away (availability.ts): 503 with Retry-After, as GraphQL answers it. */
export function sendDatabaseUnavailable(res: Response): void {
  res.set('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
  sendError(res, 503, DATABASE_UNAVAILABLE.extensions.code, DATABASE_UNAVAILABLE.message);
}

/**
 * The rest of a route: 405 naming the methods it serves (`Allow`), or, for OPTIONS, just the list.
 * Put after the route's handlers.
 */
export function onlyMethods(...methods: string[]): RequestHandler {
  const allow = methods.join(', ');
  return (req, res) => {
    res.set('Allow', allow);
    if (req.method === 'OPTIONS') return void res.status(204).end();
    sendError(res, 405, 'METHOD_NOT_ALLOWED', `This route serves ${allow}, not ${req.method}`);
  };
}

/** The last handler: no route matched. The path is not echoed back. */
export const notFound: RequestHandler = (_req, res) => sendError(res, 404, 'NOT_FOUND', 'No such route; GraphQL is at /graphql');

/** body-parser's refusals of a request body, by its error `type`. */
const BODY_ERRORS: Record<string, [number, string, string]> = {
  'entity.parse.failed': [400, 'BAD_REQUEST', 'The request body is not valid JSON'],
  'entity.too.large': [413, 'REQUEST_TOO_LARGE', 'The request body is too large'],
  'encoding.unsupported': [415, 'BAD_REQUEST', 'Unsupported content encoding'],
  'charset.unsupported': [415, 'BAD_REQUEST', 'Unsupported charset'],
};

/**
 * Errors raised before GraphQL runs (a malformed, oversized or wrongly compressed body): a
 * GraphQL-shaped JSON answer. Anything unexpected is logged and answered 500 without detail.
 */
export const httpErrors: ErrorRequestHandler = (error: { type?: string; code?: string; status?: number; expose?: boolean }, _req, res, next) => {
  if (res.headersSent) return next(error);
  if (isDatabaseUnavailable(error)) return sendDatabaseUnavailable(res);
  let known = BODY_ERRORS[error.type ?? ''];
  // zlib's own errors (Z_DATA_ERROR, Z_BUF_ERROR, ERR_BROTLI_…): the body is not what its
  // Content-Encoding says; body-parser passes them on with status 400.
  if (!known && /^(Z_|ERR_BROTLI)/.test(error.code ?? '')) known = [400, 'BAD_REQUEST', 'The request body is not compressed as its Content-Encoding says'];
  // Any other refusal of the request that body-parser marks as the client's.
  if (!known && error.expose && error.status && error.status >= 400 && error.status < 500) known = [error.status, 'BAD_REQUEST', 'The request body could not be read'];
  if (!known) {
    log.error({ err: error }, 'HTTP request failed');
    known = [500, 'INTERNAL_SERVER_ERROR', 'Internal server error'];
  }
  const [status, code, message] = known;
  sendError(res, status, code, message);
};

/** Node's HTTP parser refusals, answered before any request object exists. */
const CLIENT_ERRORS: Record<string, [number, string, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'HEADERS_TOO_LARGE', 'The request headers are too large (a token this large is not one this API issues)'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'REQUEST_TIMEOUT', 'The request took too long to arrive'],
  ERR_HTTP_HEADERS_TIMEOUT: [408, 'REQUEST_TIMEOUT', 'The request headers took too long to arrive'],
};

/**
 * Requests Node's HTTP parser refuses (headers over its limit, a malformed request line): Node
 * would answer 431 or 400 with an empty body. The answer goes straight to the socket, as there is
 * no request or response object, and the connection is closed.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex & { _httpMessage?: { headersSent?: boolean } }) => {
    // The client is gone, or an answer to an earlier request on this connection is half written.
    if (error.code === 'ECONNRESET' || !socket.writable || socket._httpMessage?.headersSent) return void socket.destroy();
    const [status, code, message] = CLIENT_ERRORS[error.code ?? ''] ?? [400, 'BAD_REQUEST', 'The request is not valid HTTP'];
    const text = body(code, message);
    socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n`
      + `Content-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`);
  });
}

/**
 * The answer while the process starts (binds its port, then migrates and loads): alive for
 * `/healthz`, 503 STARTING for the rest, so that a balancer waits rather than fails.
 */
export function sendStarting(req: IncomingMessage, res: ServerResponse): void {
  const alive = req.url === '/healthz';
  const text = alive ? JSON.stringify({ status: 'starting' }) : body('STARTING', 'The API is starting; try again in a few seconds');
  res.writeHead(alive ? 200 : 503, { 'content-type': 'application/json; charset=utf-8', ...(alive ? {} : { 'retry-after': '5' }) }).end(text);
}
