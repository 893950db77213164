import { CHILD_SECTIONS, SECTIONS } from '../sections.ts';
import { CREATED_CARD_PART, VERIFICATION_PART } from './history.entity.ts';

// Rule 3 — the parts a history record can name, from the sections' declarations: the API's
// `CardHistoryPart` enum must hold exactly these (test/schema/contract.test.ts), so a section
// added to the form cannot be recorded under a name the schema does not know.

/** Every part a history record can name: each section and child rows by their declared name, and the two parts beside the sections. */
export const HISTORY_PARTS: readonly string[] = [
  ...SECTIONS.map((section) => section.name), ...CHILD_SECTIONS.map((child) => child.name), CREATED_CARD_PART, VERIFICATION_PART,
];

/** A part's name as the API's enum value: `lastJob` → `LAST_JOB`. */
export const historyPartValue = (part: string): string => part.replace(/[A-Z]/g, (letter) => `_${letter}`).toUpperCase();
