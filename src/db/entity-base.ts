import { p } from '@mikro-orm/core';
import { textColumn } from './text-kinds.ts';

// Builders are created per entity: MikroORM writes discovery results into a builder's options,
// so one builder object must never be shared by two entities.

/** Columns every stored row has: a bigint id (kept as a string in JS) and its timestamps. */
export function stored() {
  return {
    id: p.bigint('string').primary().autoincrement(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  };
}

/**
 * Columns of an entry in one of a card's list sections. Rule 3 of the order: nothing is ever
 * deleted, so a wrong entry is voided (who, when, why) and hidden from normal reads.
 */
export function voidable() {
  return {
    voidedAt: p.datetime().nullable(),
    voidedBy: p.string().nullable(),
    voidReason: textColumn('LongText').nullable(),
  };
}

/** The largest value of an `integer` column: a whole number input is refused above it, before any SQL. */
export const INTEGER_COLUMN_MAX = 2 ** 31 - 1;

/** Longest source id an imported entry may carry: the column's length and the import format's limit. */
export const SOURCE_ID_LENGTH = 100;

/**
 * The id an imported entry has in the information system it came from (rules 2 and 5): a second
 * import of the same entry finds it by this id and updates it instead of adding another.
 * Unique per card and section; null for entries made in the API.
 */
export function sourced() {
  return {
    sourceId: p.string().length(SOURCE_ID_LENGTH).nullable(),
  };
}
