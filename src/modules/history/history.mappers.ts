import type { Connection } from '../../api/connection.ts';
import type { CardHistory } from './history.entity.ts';

export type { CardHistory as CardHistoryEntryMapper } from './history.entity.ts';
export type CardHistoryConnectionMapper = Connection<CardHistory>;
