import DataLoader from 'dataloader';
import type { SqlEntityManager } from '@mikro-orm/sql';
import { byId } from '../../db/loaders.ts';
import { sectionPageLoader } from '../../db/section-pages.ts';
import { Visit } from './visit.entity.ts';

export function visitLoaders(em: SqlEntityManager) {
  return {
    visitPages: sectionPageLoader(em, {
      entity: Visit,
      order: [{ property: 'plannedOn', cast: 'date' }, { property: 'id', cast: 'bigint' }],
    }),
    visitById: byId(em, Visit, { voidedAt: null }),
    /** §18 — per card, the earliest visit planned on or after a day and not attended; one query per batch. */
    nextVisitByCard: new DataLoader<{ cardId: string; from: string }, Visit | null, string>(async (keys) => {
      const from = keys[0]!.from; // one request asks from one day
      const visits = await em.find(
        Visit,
        { card: { $in: keys.map((key) => key.cardId) }, voidedAt: null, attendedOn: null, plannedOn: { $gte: from } },
        { orderBy: { card: 'asc', plannedOn: 'asc', id: 'asc' } },
      );
      const first = new Map<string, Visit>();
      for (const visit of visits) if (!first.has(visit.card)) first.set(visit.card, visit);
      return keys.map((key) => (key.from === from ? first.get(key.cardId) ?? null : new Error('one day per request')));
    }, { cacheKeyFn: (key) => `${key.cardId}@${key.from}` }),
  };
}
