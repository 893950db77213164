import DataLoader from 'dataloader';
import type { SqlEntityManager } from '@mikro-orm/sql';
import { byId } from '../../db/loaders.ts';
import { Card } from './card.entity.ts';

export function cardLoaders(em: SqlEntityManager) {
  return {
    cardById: byId(em, Card),
    cardByIin: new DataLoader<string, Card | null>(async (iins) => {
      const cards = await em.find(Card, { iin: { $in: [...iins] } });
      const byIin = new Map(cards.map((card) => [card.iin, card]));
      return iins.map((iin) => byIin.get(iin) ?? null);
    }),
  };
}
