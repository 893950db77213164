import type { FilterQuery } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sql';
import type { Page } from '../../api/connection.ts';
import type { LoaderFactory } from '../../api/loaders.ts';
import { byId } from '../../db/loaders.ts';
import { OutcomeConflict } from './outcome-conflict.entity.ts';

// The outcome conflicts' SQL: written by the labour-contract check, listed for the center that
// keeps the card (the card's center now: a conflict follows its card).

/** Whose conflicts: every card's (in-process use), or those of one center's cards. */
export type ConflictScope = { careerCenterId?: string | null };

/** Conflicts in scope, newest first, a page at a time (`beforeId`: the cursor's id). */
export async function findConflicts(
  em: SqlEntityManager, scope: ConflictScope, query: { limit: number; beforeId?: string; reviewed: boolean | null },
): Promise<Page<OutcomeConflict, undefined>> {
  const hasPreviousPage = Boolean(query.beforeId);
  if (scope.careerCenterId === null) return { rows: [], hasNextPage: false, hasPreviousPage, total: undefined };
  const where = {
    ...(scope.careerCenterId !== undefined ? { card: { careerCenter: scope.careerCenterId } } : {}),
    ...(query.reviewed === null ? {} : { reviewedAt: query.reviewed ? { $ne: null } : null }),
    ...(query.beforeId ? { id: { $lt: query.beforeId } } : {}),
  } as FilterQuery<OutcomeConflict>;
  const rows = await em.find(OutcomeConflict, where, { orderBy: { id: 'desc' }, limit: query.limit + 1 });
  return { rows: rows.slice(0, query.limit), hasNextPage: rows.length > query.limit, hasPreviousPage, total: undefined };
}

/** Conflicts by id, for `node(id)`. */
export const conflictById: LoaderFactory<string, OutcomeConflict | null> = (em) => byId(em, OutcomeConflict);
