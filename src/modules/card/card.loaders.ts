import DataLoader from 'dataloader';
import type { SqlEntityManager } from '@mikro-orm/sql';
import { byId, placeholders } from '../../db/loaders.ts';
import { readEntities } from '../../db/read-entities.ts';
import { Card } from './card.entity.ts';

export function cardLoaders(em: SqlEntityManager) {
  return {
    cardById: byId(em, Card),
    cardByIin: new DataLoader<string, Card | null>(async (iins) => {
      const cards = readEntities(em, Card, await em.execute(`select * from card where iin in ${placeholders(iins)}`, [...iins]));
      const byIin = new Map(cards.map((card) => [card.iin, card]));
      return iins.map((iin) => byIin.get(iin) ?? null);
    }),
  };
}
