export type { ReadAuditRow as ReadAuditRecordMapper } from './read-audit.ts';
