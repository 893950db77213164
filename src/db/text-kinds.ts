import { p } from '@mikro-orm/core';

/**
 * The kinds of text the API and the import take, each the SDL scalar of the same name
 * (schema/base): its longest value in characters (Unicode code points, as PostgreSQL counts
 * `varchar(n)`) and whether it may span lines. Declared here once: the scalar checks it
 * (src/graphql/scalars.ts), `textColumn` sizes the column that stores it, and the import format's
 * `maxLength` is generated from it; so text is refused before any SQL, never cut to fit.
 */
export const TEXT_KINDS = {
  /** A house or apartment number, an order number. */
  ShortText: { maxLength: 64, multiline: false },
  /** A name, a position, an address line. */
  Text: { maxLength: 255, multiline: false },
  /** A note, a reason, a result, a row of the plan. */
  LongText: { maxLength: 2000, multiline: true },
  /** A detached signature as base64, possibly wrapped into lines (a CMS signature with its certificates is a few kilobytes). */
  Signature: { maxLength: 32768, multiline: true },
} as const satisfies Record<string, { maxLength: number; multiline: boolean }>;

export type TextKind = keyof typeof TEXT_KINDS;

export const TEXT_KIND_NAMES = Object.keys(TEXT_KINDS) as TextKind[];

/** The column that stores a text of the kind: `varchar` of the kind's length. */
export const textColumn = (kind: TextKind) => p.string().length(TEXT_KINDS[kind].maxLength);

/**
 * A kind's published description: the SDL's, ending with the kind's length (so the number is
 * written nowhere but here). Given a description that already ends so, the same text.
 */
export function describeTextKind(kind: TextKind, description: string | null | undefined): string {
  const own = (description ?? '').replace(/\s*At most \d+ characters\.$/, '');
  return `${own}\n\nAt most ${TEXT_KINDS[kind].maxLength} characters.`.trim();
}
