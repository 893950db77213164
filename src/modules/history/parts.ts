import { wrap } from '@mikro-orm/core';
import type { Card } from '../card/card.entity.ts';

// The parts a card's history is recorded in. The card row holds several parts (identity, the
// keeping center, §11, §19, the footer), each recorded as one JSON value; every entry of a list
// section is a part of its own. The same snapshots serve the history, `asOf` and the canonical
// document a signature covers.

export type Snapshot = Record<string, unknown>;

const plain = (value: unknown): Snapshot | null => (value == null ? null : JSON.parse(JSON.stringify(value)));

/** Parts of the card row and the value each records. */
export const CARD_PARTS = {
  /** §1–9 */
  identity: (card: Card) => plain({
    iin: card.iin, fullName: card.fullName, sex: card.sex, birthDate: card.birthDate, citizenship: card.citizenship ?? null,
    nationality: card.nationality ?? null, address: card.address ?? null, phone: card.phone ?? null, email: card.email ?? null,
  }),
  /** Rule 1: which center keeps the card, since when it is open. */
  careerCenter: (card: Card) => plain({ careerCenter: card.careerCenter, openedOn: card.openedOn }),
  /** §11 */
  lastJob: (card: Card) => plain(card.lastJob),
  /** §19 */
  expectations: (card: Card) => plain(card.expectations),
  /** Consent to the processing of personal data (Law No. 94-V) */
  consent: (card: Card) => plain(card.consent),
  /** Footer */
  footer: (card: Card) => plain({
    organisation: card.organisation ?? null, executorName: card.executorName ?? null, headName: card.headName ?? null,
    filledOn: card.filledOn ?? null,
  }),
} as const;

export type CardPart = keyof typeof CARD_PARTS;

/** The list sections, by the name their entries are recorded under. */
export type EntryPart = 'education' | 'registration' | 'careerGuidance' | 'referral' | 'activeMeasure'
  | 'relocationFamilyMember' | 'specialWorkplace' | 'visit' | 'employmentPlanRow' | 'signature';

const BOOKKEEPING = new Set(['id', 'card', 'createdAt', 'updatedAt']);

/**
 * The recorded value of a list entry: its own fields, without its id, card and row timestamps
 * (a §16.4 family member keeps the id of its relocation).
 */
export function entrySnapshot(entity: object): Snapshot {
  const pojo = plain(wrap(entity).toPOJO()) ?? {};
  // Every field appears, unset ones as null, so a record always shows the whole entry.
  for (const prop of wrap(entity, true).__meta.props) {
    if (!(prop.name in pojo) && prop.persist !== false && !prop.embedded) pojo[prop.name] = null;
  }
  for (const key of Object.keys(pojo)) if (BOOKKEEPING.has(key)) delete pojo[key];
  return pojo;
}
