export type { ReadAuditRow as ReadAuditRecordMapper } from './audit.store.ts';
/** A card an audit record names, by its database id. */
export interface AuditedCardMapper {
  cardId: string;
}
