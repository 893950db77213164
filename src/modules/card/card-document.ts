import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { Shape } from '../access/personal-data.ts';
import { CARD_PARTS, LIST_SECTIONS } from '../sections.ts';
import { entrySnapshot, typeOf, type Snapshot } from './card-section.ts';
import type { WholeCard } from './whole-card.ts';

// The canonical document of a card version: what a signature covers. Every part of the card row
// and every entry that is not voided (each with its id, children within their parent), keys
// sorted at every level, so the same content always gives the same text. Signatures and the
// version number are not part of it: a signature refers to a version, and covers its content.
// Written by RFC 8785 (JSON Canonicalization Scheme), so that a verifier outside this project can
// make the same bytes from the same JSON (docs/signatures.md).

/** The RFC 8785 canonical JSON of a value (keys sorted by UTF-16 code units, ECMAScript number form). */
export function canonicalJson(value: unknown): string {
  return canonicalize(value) ?? 'null';
}

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

type Row = { id: string; voidedAt?: unknown };
const live = <T extends Row>(rows: readonly T[]) => rows.filter((row) => !row.voidedAt).sort((a, b) => Number(BigInt(a.id) - BigInt(b.id)));

/** The card's content as the document holds it (before it is written as canonical JSON). */
export function documentContent(whole: WholeCard): Snapshot {
  const document: Snapshot = { card: whole.card.id };
  for (const part of CARD_PARTS) document[part.name] = part.snapshot(whole.card);
  for (const section of LIST_SECTIONS) {
    if (!section.documentKey) continue;
    const child = section.children;
    document[section.documentKey] = live(whole.lists.get(section) ?? []).map((entry) => {
      const value: Snapshot = { id: entry.id, ...entrySnapshot(entry) };
      if (child && child.of.includes(typeOf(section, entry) ?? '')) {
        const members = live((whole.children.get(child)?.get(entry.id) ?? []) as Row[]);
        value[child.documentKey] = members.map((member) => ({ id: member.id, ...entrySnapshot(member) }));
      }
      return value;
    });
  }
  return document;
}

/** The canonical document of the card as `whole` holds it. */
export const cardDocument = (whole: WholeCard): string => canonicalJson(documentContent(whole));

/** What the document is, to mask the personal data in it: each part and entry shaped like its type. */
export const DOCUMENT_SHAPE: Shape = {
  fields: Object.fromEntries([
    ...CARD_PARTS.map((part): [string, Shape] => [part.name, { type: part.type }]),
    ...LIST_SECTIONS.flatMap((section): [string, Shape][] => (!section.documentKey ? [] : [[section.documentKey, {
      list: {
        of: (value) => {
          const type = typeOf(section, value);
          const child = section.children;
          if (!type) return null;
          return child?.of.includes(type) ? { type, extra: { [child.documentKey]: { list: { type: child.type } } } } : { type };
        },
      },
    }]])),
  ]),
};
