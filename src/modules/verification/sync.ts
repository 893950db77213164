import type { FilterQuery } from '@mikro-orm/core';
import { syncedCards } from '../../runtime/metrics.ts';
import { Card } from '../card/card.entity.ts';
import type { ChangeDeps } from '../card/card-change.ts';
import type { PersonRegistry } from './person-registry.ts';
import { askRegistry, recordReply } from './verification.service.ts';

// Rule 4 — the identities on the cards are kept current with the registry: `npm run sync` asks it
// again about the cards it has not confirmed lately and applies each answer in its own transaction
// (a changed identity recorded in the history like any change). Cards are walked by id in batches,
// each batch read with a fresh EntityManager, so memory stays bounded however many cards there are.

const DAY_MS = 24 * 60 * 60 * 1000;

export interface SyncOptions {
  /** Every card, however recently confirmed. */
  all?: boolean;
  /** Otherwise the cards not confirmed (VERIFIED) within this many days. */
  olderThanDays: number;
  /** Cards read per batch. */
  batchSize: number;
  /** Registry lookups at a time. */
  concurrency: number;
  /** Continue after this card id (the last id a progress report gave), e.g. after an interruption. */
  afterId?: string | null;
  onProgress?: (progress: SyncProgress) => void;
  /** Once aborted, no new batch is read: the batch in hand finishes, and the sync returns stopped. */
  signal?: AbortSignal;
}

export interface SyncTotals {
  checked: number;
  verified: number;
  /** Of the verified: §1, §5 or §6 took the registry's values. */
  changed: number;
  pending: number;
  failed: number;
  elapsedMs: number;
}

export interface SyncProgress extends SyncTotals {
  /** The last card id of the batch just finished: every card up to it is done. */
  lastId: string;
}

export interface SyncResult extends SyncTotals {
  /** The last card id done (or the `afterId` it started after). */
  lastId: string | null;
  /** Stopped by the signal before every card was checked: `--after lastId` continues. */
  stopped: boolean;
}

/** Checks the selected cards against `deps.registry`; changes are recorded as made by `deps.actor`. */
export async function syncVerifications(deps: ChangeDeps & { registry: PersonRegistry }, options: SyncOptions): Promise<SyncResult> {
  const started = performance.now();
  const totals: SyncTotals = { checked: 0, verified: 0, changed: 0, pending: 0, failed: 0, elapsedMs: 0 };
  const cutoff = new Date(deps.now().getTime() - options.olderThanDays * DAY_MS);
  // Not confirmed lately: never verified, verified long ago, or pending or failed since.
  const due: FilterQuery<Card> = options.all ? {} : {
    $or: [{ verification: { status: { $ne: 'VERIFIED' } } }, { verification: { verifiedAt: null } }, { verification: { verifiedAt: { $lt: cutoff } } }],
  };
  let afterId = options.afterId ?? null;
  let stopped = false;
  for (;;) {
    if (options.signal?.aborted) {
      stopped = true;
      break;
    }
    const after: FilterQuery<Card> = afterId === null ? {} : { id: { $gt: afterId } };
    const batch = await deps.em.fork().find(Card, { $and: [after, due] }, {
      orderBy: { id: 'asc' }, limit: options.batchSize, fields: ['id', 'iin'],
    });
    if (!batch.length) break;
    await inParallel(batch, options.concurrency, async (card) => {
      // Asked before the card is locked: no network call while a transaction holds it.
      const reply = await askRegistry(deps.registry, card.iin);
      const outcome = await recordReply(deps, card.id, reply);
      if (!outcome.ok) throw new Error(`card ${card.id}: ${outcome.errors.map((e) => e.message).join('; ')}`);
      totals.checked++;
      syncedCards.inc({ result: outcome.value.identityChanged ? 'changed' : outcome.value.status.toLowerCase() });
      if (outcome.value.status === 'VERIFIED') totals.verified++;
      else if (outcome.value.status === 'PENDING') totals.pending++;
      else totals.failed++;
      if (outcome.value.identityChanged) totals.changed++;
    });
    afterId = batch.at(-1)!.id;
    totals.elapsedMs = performance.now() - started;
    options.onProgress?.({ ...totals, lastId: afterId });
    if (batch.length < options.batchSize) break;
  }
  totals.elapsedMs = performance.now() - started;
  return { ...totals, lastId: afterId, stopped };
}

/**
 * Runs `work` for every item, at most `limit` at a time. The first failure stops new work; the
 * ones running finish, then it is thrown.
 */
async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure = null as { error: unknown } | null;
  const worker = async () => {
    while (!failure && next < items.length) {
      const item = items[next++]!;
      try {
        await work(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw failure.error;
}
