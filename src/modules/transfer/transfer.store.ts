import type { SqlEntityManager } from '@mikro-orm/sql';
import type { Page } from '../../api/connection.ts';
import { CardTransfer } from './card-transfer.entity.ts';

// The card transfers' SQL: written by the move itself (card-actions.ts), listed for the heads of
// the centers on either side of it.

/** Whose transfers a caller may list: all (in-process use) or those to or from one center. */
export type TransferScope = { kind: 'all' } | { kind: 'careerCenter'; careerCenterId: string | null };

/** Transfers in scope, newest first, a page at a time (`beforeId`: the cursor's id). */
export async function findTransfers(em: SqlEntityManager, scope: TransferScope, query: { limit: number; beforeId?: string }): Promise<Page<CardTransfer, undefined>> {
  const hasPreviousPage = Boolean(query.beforeId);
  if (scope.kind === 'careerCenter' && !scope.careerCenterId) return { rows: [], hasNextPage: false, hasPreviousPage, total: undefined };
  const where = {
    ...(scope.kind === 'careerCenter' ? { $or: [{ fromCenter: scope.careerCenterId! }, { toCenter: scope.careerCenterId! }] } : {}),
    ...(query.beforeId ? { id: { $lt: query.beforeId } } : {}),
  };
  const rows = await em.find(CardTransfer, where, { orderBy: { id: 'desc' }, limit: query.limit + 1 });
  return { rows: rows.slice(0, query.limit), hasNextPage: rows.length > query.limit, hasPreviousPage, total: undefined };
}
