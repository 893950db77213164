import type { Request, RequestHandler } from 'express';
import { GraphQLDateTime } from 'graphql-scalars';
import { parseGlobalId } from '../api/relay.ts';
import { isDatabaseUnavailable } from '../db/availability.ts';
import type { Orm } from '../db/orm.ts';
import type { JsonMasker } from '../modules/access/personal-data.ts';
import { AccessPolicy } from '../modules/access/policy.ts';
import { languageOf, type Language } from '../modules/dictionary/codes.ts';
import type { Territories } from '../modules/dictionary/territories.ts';
import { PrinterBusy, type PdfPrinter } from '../modules/printout/pdf-printer.ts';
import { AuditUnavailable, printCard, type PrintedState } from '../modules/printout/printout.service.ts';
import { log } from '../runtime/log.ts';
import { linkOf, principalOf } from './caller.ts';
import { sendDatabaseUnavailable, sendError } from './errors.ts';

// GET /cards/<id>.pdf[?language=kk|ru][&version=N | &asOf=<date-time>]: the printed card
// (src/modules/printout/), with the card's global id as the API gives it; as it stands, at the end
// of version N (what its signatures cover), or as it stood at a moment. Signed in as /graphql is
// (Authorization: Bearer …, the same gate and rate limits), or with a short-lived link from
// `Card.printout` (`&link=…`, no header), which names its caller, card, language and state. Read
// under the rules of `card(id)`: a card the caller may not read is answered exactly as a missing
// one (404); an analyst's has its personal data masked. The read is recorded in the audit before a
// byte leaves (503 when it cannot be).

export interface PrintoutRouteDeps {
  orm: Orm;
  territories: Territories;
  masker: JsonMasker;
  printer: PdfPrinter;
  /** The clock of the audit record. */
  now?: () => number;
}

class BadArgument extends Error {
  readonly argument: string;
  constructor(argument: string, message: string) {
    super(message);
    this.argument = argument;
  }
}

/** `asOf=` a moment (RFC 3339, as the GraphQL `DateTime` takes it), or `version=` a version number, or neither. */
function stateParameter(req: Request): PrintedState {
  const { asOf, version } = req.query;
  const given = (value: unknown) => value !== undefined && value !== '';
  if (given(asOf) && given(version)) throw new BadArgument('version', 'Give one of "asOf" and "version", not both');
  if (given(version)) {
    if (typeof version !== 'string' || !/^[1-9][0-9]{0,8}$/.test(version)) throw new BadArgument('version', 'Invalid value for argument "version": must be a version number, 1 or more');
    return { version: Number(version) };
  }
  if (!given(asOf)) return null;
  try {
    return { asOf: GraphQLDateTime.parseValue(asOf) as Date };
  } catch {
    throw new BadArgument('asOf', 'Invalid value for argument "asOf": must be a date-time such as 2026-12-04T09:30:00Z');
  }
}

/** A printed card takes a thread a tenth of a second or two; a full queue is through in a few seconds. */
const PRINTER_RETRY_AFTER_SECONDS = 2;

/** `language=kk|ru` (either case), else the language of Accept-Language. */
function languageParameter(req: Request): Language {
  const value = req.query.language;
  if (value === undefined || value === '') return languageOf(req.get('accept-language'));
  const upper = typeof value === 'string' ? value.toUpperCase() : '';
  if (upper !== 'KK' && upper !== 'RU') throw new BadArgument('language', 'Invalid value for argument "language": must be kk or ru');
  return upper;
}

const notFound = (res: Parameters<RequestHandler>[1]) => sendError(res, 404, 'NOT_FOUND', 'No such card');

export function cardPrintout(deps: PrintoutRouteDeps): RequestHandler {
  const now = deps.now ?? Date.now;
  return async (req, res) => {
    try {
      let language: Language;
      let state: PrintedState;
      try {
        language = languageParameter(req);
        state = stateParameter(req);
      } catch (error) {
        if (!(error instanceof BadArgument)) throw error;
        return sendError(res, 400, 'BAD_USER_INPUT', error.message, { argument: error.argument });
      }
      const id = String(req.params.id);
      const link = linkOf(res);
      // A link opens the one card, in the one language, it was made for.
      if (link && link.cardId !== id) return notFound(res);
      const parsed = parseGlobalId(id);
      if (!parsed || parsed.type !== 'Card') return notFound(res);
      const em = deps.orm.em.fork();
      const principal = principalOf(res);
      const printout = await printCard(
        { em, access: new AccessPolicy(principal, em), territories: deps.territories, masker: deps.masker, printer: deps.printer, now: new Date(now()) },
        parsed.id,
        link?.language ?? language,
        // A link prints what it was made for.
        link ? link.state : state,
      );
      if (!printout.ok) return notFound(res);
      res.status(200).type('application/pdf')
        .set('content-disposition', `attachment; filename="${printout.filename}"`)
        .set('cache-control', 'no-store')
        .send(printout.pdf);
    } catch (error) {
      if (isDatabaseUnavailable(error)) {
        log.warn({ err: error }, 'the database is unavailable for the printed card');
        sendDatabaseUnavailable(res);
      } else if (error instanceof PrinterBusy) {
        log.warn('every printer thread is busy and the queue is full: a printed card refused');
        res.set('retry-after', String(PRINTER_RETRY_AFTER_SECONDS));
        sendError(res, 503, 'PRINTOUT_BUSY', 'Too many printed cards are being made; try again shortly');
      } else if (error instanceof AuditUnavailable) {
        log.error({ err: error.cause }, 'the read audit could not be written; the printed card is withheld');
        sendError(res, 503, 'AUDIT_UNAVAILABLE', 'The read could not be recorded in the audit; try again later');
      } else {
        log.error({ err: error }, 'the printed card failed');
        sendError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
      }
    }
  };
}
