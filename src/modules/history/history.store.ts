import type { SqlEntityManager } from '@mikro-orm/sql';
import type { LoaderFactory } from '../../api/loaders.ts';
import { byId } from '../../db/loaders.ts';
import { sectionPageLoader, type SectionPageRequest, type SectionRows } from '../../db/section-pages.ts';
import type { OrderKey } from '../card/card-section.ts';
import { CardHistory } from './history.entity.ts';

// The history's SQL: a card's changes a page at a time, one change by id, a whole card's changes.

/** Oldest change first. */
export const HISTORY_ORDER: readonly OrderKey[] = [{ property: 'at', cast: 'timestamptz' }, { property: 'id', cast: 'bigint' }];

export const historyPages: LoaderFactory<SectionPageRequest, SectionRows<CardHistory>, string> = (em) =>
  sectionPageLoader(em, { entity: CardHistory, order: HISTORY_ORDER, voidable: false });

export const historyById: LoaderFactory<string, CardHistory | null> = (em) => byId(em, CardHistory);

/** Every change of a card, oldest first. */
export function historyOf(em: SqlEntityManager, cardId: string): Promise<CardHistory[]> {
  return em.find(CardHistory, { card: cardId }, { orderBy: { at: 'asc', id: 'asc' } });
}
