export type { ReadAuditRow as ReadAuditRecordMapper } from './audit.store.ts';
