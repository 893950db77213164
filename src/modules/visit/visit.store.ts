import DataLoader from 'dataloader';
import type { LoaderFactory } from '../../api/loaders.ts';
import { placeholders, READ } from '../../db/loaders.ts';
import { readEntities } from '../../db/read-entities.ts';
import { Visit } from './visit.entity.ts';

/** §18 — per card, the earliest visit planned on or after a day and not attended (not voided); one statement per batch. */
export const nextVisitByCard: LoaderFactory<{ cardId: string; from: string }, Visit | null, string> = (em) =>
  new DataLoader(async (keys) => {
    const from = keys[0]!.from; // one request asks from one day
    const visits = readEntities(em, Visit, await em.execute(
      `select * from visit where card_id in ${placeholders(keys)} and voided_at is null and attended_on is null and planned_on >= ?
       order by card_id, planned_on, id`,
      [...keys.map((key) => key.cardId), from],
      READ,
    ));
    const first = new Map<string, Visit>();
    for (const visit of visits) if (!first.has(visit.card)) first.set(visit.card, visit);
    return keys.map((key) => (key.from === from ? first.get(key.cardId) ?? null : new Error('one day per request')));
  }, { cacheKeyFn: (key) => `${key.cardId}@${key.from}` });
