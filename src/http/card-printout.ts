import type { Request, RequestHandler } from 'express';
import { parseGlobalId } from '../api/relay.ts';
import { isDatabaseUnavailable } from '../db/availability.ts';
import type { Orm } from '../db/orm.ts';
import type { JsonMasker } from '../modules/access/personal-data.ts';
import { AccessPolicy } from '../modules/access/policy.ts';
import { languageOf, type Language } from '../modules/dictionary/codes.ts';
import type { Territories } from '../modules/dictionary/territories.ts';
import { PrinterBusy, type PdfPrinter } from '../modules/printout/pdf-printer.ts';
import { AuditUnavailable, printCard } from '../modules/printout/printout.service.ts';
import { log } from '../runtime/log.ts';
import { linkOf, principalOf } from './caller.ts';
import { sendDatabaseUnavailable, sendError } from './errors.ts';

// GET /cards/<id>.pdf[?language=kk|ru]: the printed card (src/modules/printout/), with the card's
// global id as the API gives it. Signed in as /graphql is (Authorization: Bearer …, the same gate
// and rate limits), or with a short-lived link from `Card.printout` (`&link=…`, no header), which
// names its caller, card and language. Read under the rules of `card(id)`: a card the caller may
// not read is answered exactly as a missing one (404); an analyst's has its personal data masked.
// The read is recorded in the audit before a byte leaves (503 when it cannot be).

export interface PrintoutRouteDeps {
  orm: Orm;
  territories: Territories;
  masker: JsonMasker;
  printer: PdfPrinter;
  /** The clock of the audit record. */
  now?: () => number;
}

class BadLanguage extends Error {}

/** A printed card takes a thread a tenth of a second or two; a full queue is through in a few seconds. */
const PRINTER_RETRY_AFTER_SECONDS = 2;

/** `language=kk|ru` (either case), else the language of Accept-Language. */
function languageParameter(req: Request): Language {
  const value = req.query.language;
  if (value === undefined || value === '') return languageOf(req.get('accept-language'));
  const upper = typeof value === 'string' ? value.toUpperCase() : '';
  if (upper !== 'KK' && upper !== 'RU') throw new BadLanguage();
  return upper;
}

const notFound = (res: Parameters<RequestHandler>[1]) => sendError(res, 404, 'NOT_FOUND', 'No such card');

export function cardPrintout(deps: PrintoutRouteDeps): RequestHandler {
  const now = deps.now ?? Date.now;
  return async (req, res) => {
    try {
      let language: Language;
      try {
        language = languageParameter(req);
      } catch {
        return sendError(res, 400, 'BAD_USER_INPUT', 'Invalid value for argument "language": must be kk or ru', { argument: 'language' });
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
