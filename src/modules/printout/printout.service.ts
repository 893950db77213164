import type { SqlEntityManager } from '@mikro-orm/sql';
import { toGlobalId } from '../../api/relay.ts';
import type { JsonMasker, Shape } from '../access/personal-data.ts';
import type { AccessPolicy } from '../access/policy.ts';
import { recordRead } from '../audit/audit.store.ts';
import { isDatabaseUnavailable } from '../../db/availability.ts';
import { cardDocument, documentContent, DOCUMENT_SHAPE, sha256 } from '../card/card-document.ts';
import { Card } from '../card/card.entity.ts';
import { entrySnapshot, sortKey, typeOf, type ListSection, type PrintedCardValues, type Snapshot } from '../card/card-section.ts';
import { readWholeCards, wholeCardIn, type WholeCard } from '../card/whole-card.ts';
import { cardAsOf, lastMomentOfVersion } from '../history/as-of.ts';
import type { Language } from '../dictionary/codes.ts';
import type { Territories } from '../dictionary/territories.ts';
import { LIST_SECTIONS } from '../sections.ts';
import { printedForm } from './printed-form.ts';
import type { PdfPrinter } from './pdf-printer.ts';
import { printJob, type PrintedCard } from './printout.pdf.ts';

// The printed card: every section of the form as the card's document holds it (what a signature
// covers: voided entries left out), masked for a caller who sees personal data masked, with the
// signatures given and the current version's digest. Read under the same rules as `card(id)`
// and recorded in the read audit before a byte of it is handed out.

export interface PrintoutDeps {
  em: SqlEntityManager;
  access: AccessPolicy;
  territories: Territories;
  /** Masks recorded JSON by the schema's `@personalData` (for analysts). */
  masker: JsonMasker;
  /** Lays the PDF out, off the thread that serves requests. */
  printer: PdfPrinter;
  now: Date;
}

/** The read could not be recorded in the audit: the printed card is withheld. */
export class AuditUnavailable extends Error {
  constructor(cause: unknown) {
    super('The read could not be recorded in the audit', { cause });
    this.name = 'AuditUnavailable';
  }
}

export type Printout = { ok: true; pdf: Buffer; filename: string } | { ok: false; reason: 'NOT_FOUND' };

/** The shape of each list section's recorded entries, to mask them. */
const entriesShape = (section: ListSection): Shape => ({ list: { of: (value) => { const type = typeOf(section, value); return type ? { type } : null; } } });

/** Keys compared as numbers (ids, row numbers); dates and moments compare as their ISO text; unset last. */
function chronological(section: ListSection) {
  return (a: Snapshot, b: Snapshot): number => {
    const [x, y] = [sortKey(section, a), sortKey(section, b)];
    for (const [i, { cast }] of section.order.entries()) {
      const [p, q] = [x[i]!, y[i]!];
      if (p === q) continue;
      if (p === '' || q === '') return p === '' ? 1 : -1;
      if (cast === 'bigint' || cast === 'int') return BigInt(p) < BigInt(q) ? -1 : 1;
      return p < q ? -1 : 1;
    }
    return 0;
  };
}

/** What the printed card shows of `whole` (as it stood at `asOf`, if given), masked when `masker` is given. */
export function printedCard(whole: WholeCard, options: { masker: JsonMasker | null; now: Date; asOf?: Date | null }): PrintedCard {
  const { masker } = options;
  const content = documentContent(whole);
  const document = (masker ? masker.mask(content, DOCUMENT_SHAPE) : content) as Snapshot;
  const entriesOf = (section: ListSection): Snapshot[] => {
    // Sections the document leaves out (the signatures) are read from the card as they stand.
    const recorded = section.documentKey
      ? (document[section.documentKey] as Snapshot[] | undefined) ?? []
      : (whole.lists.get(section) ?? []).filter((entry) => !entry.voidedAt).map((entry) => ({ id: entry.id, ...entrySnapshot(entry) }));
    const shown = masker && !section.documentKey ? (masker.mask(recorded, entriesShape(section)) as Snapshot[]) : recorded;
    return [...shown].sort(chronological(section));
  };
  const entries = new Map(LIST_SECTIONS.map((section) => [section, entriesOf(section)]));
  const values: PrintedCardValues = {
    part: (name) => (document[name] as Snapshot | null | undefined) ?? null,
    entries: (name) => [...entries].find(([section]) => section.name === name)?.[1] ?? [],
  };
  const signedNow = (role: string) => values.entries('signature').some((signature) => signature.role === role && Number(signature.cardVersion) === whole.card.version);
  return {
    id: toGlobalId('Card', whole.card.id),
    version: whole.card.version,
    digest: sha256(cardDocument(whole)),
    covered: signedNow('EXECUTOR') && signedNow('HEAD'),
    asOf: options.asOf ?? null,
    printedAt: options.now,
    sections: printedForm().map((form) => {
      if (form.source.kind === 'part') {
        const own = values.part(form.source.name);
        return { form, value: form.printed.value ? form.printed.value(own, values) : own, entries: null };
      }
      const where = form.printed.rows?.where;
      const all = entries.get(form.source) ?? [];
      return { form, value: null, entries: where ? all.filter(where) : all };
    }),
  };
}

/** Which state of the card to print: as it stands, as it stood at a moment, or the last of a version. */
export type PrintedState = { asOf: Date } | { version: number } | null;

/**
 * The card with database id `cardId` printed in `language` — as it stands, as it stood at a moment,
 * or at the end of a version (rule 3: the version signatures cover, after the card has changed) —
 * if the caller may read it (else NOT_FOUND, as for a card that does not exist, did not yet, or
 * never had that version). The read is recorded in the audit before the PDF is returned: when the
 * record cannot be written, this throws and nothing is handed out.
 */
export async function printCard(deps: PrintoutDeps, cardId: string, language: Language, state: PrintedState = null): Promise<Printout> {
  const card = await deps.access.readable(await deps.em.findOne(Card, cardId));
  if (!card) return { ok: false, reason: 'NOT_FOUND' };
  let asOf: Date | null = null;
  if (state && 'asOf' in state) asOf = state.asOf;
  else if (state) {
    const moment = await lastMomentOfVersion(deps.em, card.id, state.version);
    if (!moment) return { ok: false, reason: 'NOT_FOUND' };
    if (moment !== 'current') asOf = moment;
  }
  let whole: WholeCard;
  if (asOf) {
    const view = await cardAsOf(deps.em, card.id, asOf);
    // A version asked for is printed only as that version: never another one in its place.
    if (!view || (state && 'version' in state && view.card.version !== state.version)) return { ok: false, reason: 'NOT_FOUND' };
    whole = await wholeCardIn(view, view.card);
  } else {
    whole = (await readWholeCards(deps.em, [card])).get(card.id)!;
  }
  const printed = printedCard(whole, { masker: deps.access.masked ? deps.masker : null, now: deps.now, asOf });
  const pdf = await deps.printer.print(printJob(printed, language, deps.territories));
  const principal = deps.access.principal;
  if (principal) {
    try {
      await recordRead(deps.em, {
        principal, at: deps.now, operationType: 'download', operationName: 'cardPrintout', clientName: null, clientVersion: null, cardIds: [card.id],
      });
    } catch (error) {
      throw isDatabaseUnavailable(error) ? error : new AuditUnavailable(error);
    }
  }
  return { ok: true, pdf, filename: `card-${printed.id}-v${printed.version}-${language.toLowerCase()}.pdf` };
}
