import type { Connection } from '../../api/connection.ts';
import type { Card } from './card.entity.ts';

export type { Card as CardMapper } from './card.entity.ts';
/** A page of cards; the total is counted only when asked for. */
export type CardConnectionMapper = Connection<Card, () => Promise<number>>;
