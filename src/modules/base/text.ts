import { TEXT_KINDS, type TextKind } from '../../db/text-kinds.ts';

// The rules of text a person or another system gives us, the same for the API's text scalars and
// the import: text is kept in Unicode NFC (so one name is one string, whatever keyboard typed it),
// and refused — never cut or cleaned — when it holds what no card field means: control
// characters (NUL is refused by PostgreSQL, BEL and ESC by terminals and reports), unpaired
// surrogates (not text at all, refused by the database's UTF-8), or bidirectional overrides and
// isolates (they make a name read differently from what is stored). Line breaks are allowed only
// in text of several lines.

/** A control character other than a tab (whitespace, as in a pasted name: `Checks.text` sees through it). */
const CONTROL = /(?!\t)\p{Cc}/u;
const CONTROL_BUT_LINES = /(?![\t\n\r])\p{Cc}/u;
/** LRE, RLE, PDF, LRO, RLO and LRI, RLI, FSI, PDI. Marks (LRM, RLM) are harmless and stay allowed. */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/u;
/** A character that shows: not whitespace, not default-ignorable (zero-width spaces, joiners, a byte-order mark). */
const VISIBLE = /[^\p{White_Space}\p{Default_Ignorable_Code_Point}]/u;

/** Why the characters of `value` are not text a card keeps, or null. */
export function characterProblem(value: string, multiline: boolean): string | null {
  if (!value.isWellFormed()) return 'holds an unpaired surrogate (not Unicode text)';
  if ((multiline ? CONTROL_BUT_LINES : CONTROL).test(value)) return multiline ? 'holds a control character' : 'holds a control character or a line break';
  if (BIDI_CONTROL.test(value)) return 'holds a bidirectional override or isolate';
  return null;
}

/** Length in characters as PostgreSQL counts them (code points), without copying the text. */
export function characterCount(value: string): number {
  let count = 0;
  for (let i = 0; i < value.length; i++, count++) {
    const unit = value.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < value.length) i++;
  }
  return count;
}

export type CheckedText = { ok: true; text: string } | { ok: false; code: 'TOO_LONG' | 'INVALID_VALUE'; problem: string };

/** Text of a kind as stored (NFC), or why it is refused. The message never repeats the value. */
export function checkText(kind: TextKind, value: string): CheckedText {
  const { maxLength, multiline } = TEXT_KINDS[kind];
  const problem = characterProblem(value, multiline);
  if (problem) return { ok: false, code: 'INVALID_VALUE', problem };
  const text = value.normalize('NFC');
  const length = characterCount(text);
  if (length > maxLength) return { ok: false, code: 'TOO_LONG', problem: `is longer than ${maxLength} characters (${length})` };
  return { ok: true, text };
}

/** Whether the text holds a character that shows: a required text of zero-width spaces says nothing. */
export const hasVisibleCharacter = (value: string): boolean => VISIBLE.test(value);
