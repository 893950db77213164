import type { Connection } from '../../api/connection.ts';
import type { Card } from './card.entity.ts';
import type { CardCount } from './card.service.ts';

export type { Card as CardMapper } from './card.entity.ts';
/** A page of cards; the total is counted (up to a limit) only when asked for. */
export type CardConnectionMapper = Connection<Card, () => Promise<CardCount>>;
