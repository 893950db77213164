import type { Transaction } from '@mikro-orm/core';
import type { AbstractSqlConnection, SqlEntityManager } from '@mikro-orm/sql';
import { pageFrom, type Page, type PageRequest } from '../../api/connection.ts';
import type { Principal } from '../access/principal.ts';
import type { TransferGround } from '../transfer/card-transfer.entity.ts';
import type { ReadOperationType } from './audit.entity.ts';

// The read audit's SQL. Every request that returns personal data of a card leaves one audit
// record: who (the token's subject and role), when, which cards, through which operation and
// client. The request collects the cards as their fields resolve and writes them once, at the end.

export interface ReadAuditEntry {
  principal: Principal;
  at: Date;
  operationType: ReadOperationType;
  operationName: string | null;
  clientName: string | null;
  clientVersion: string | null;
  cardIds: readonly string[];
}

/** Header values are the caller's to choose: kept short. */
const bounded = (text: string | null) => (text == null ? null : text.slice(0, 200));

/** Where an audit record's cards are counted: the center given (a card move's record for the center left), else the card's own. */
export interface RecordOptions {
  careerCenterId?: string;
  transferGround?: TransferGround;
}

/**
 * The statement that writes audit records and their cards, each card with the center that keeps it
 * now (or the center given). One statement for any number of records: their ids are drawn first,
 * so that each record's cards can name it.
 */
const RECORD_READS = `with input as materialized (
     select nextval('read_audit_id_seq') as id, r.*
     from jsonb_to_recordset(?::jsonb) as r(at timestamptz, subject text, role text, career_center text, operation_type text,
       operation_name text, client_name text, client_version text, transfer_ground text, center bigint, cards bigint[])),
   audit as (
     insert into read_audit (id, at, subject, role, career_center, operation_type, operation_name, client_name, client_version, card_count, transfer_ground)
     select id, at, subject, role, career_center, operation_type, operation_name, client_name, client_version, cardinality(cards), transfer_ground from input)
   insert into read_audit_card (audit_id, card_id, career_center_id)
   select input.id, card.id, coalesce(input.center, card.career_center_id) from input join card on card.id = any(input.cards)`;

const asRow = ({ entry, options = {} }: { entry: ReadAuditEntry; options?: RecordOptions }) => ({
  at: entry.at.toISOString(), subject: entry.principal.subject, role: entry.principal.role, career_center: entry.principal.careerCenter,
  operation_type: entry.operationType, operation_name: bounded(entry.operationName), client_name: bounded(entry.clientName),
  client_version: bounded(entry.clientVersion), transfer_ground: options.transferGround ?? null, center: options.careerCenterId ?? null, cards: entry.cardIds,
});

/**
 * Writes audit records and their cards in one statement on `connection` (in the transaction
 * `transaction`, when given; else on its own); returns the statement.
 */
export async function recordReads(
  connection: AbstractSqlConnection, records: readonly { entry: ReadAuditEntry; options?: RecordOptions }[], transaction?: Transaction,
): Promise<string> {
  await connection.execute(RECORD_READS, [JSON.stringify(records.map(asRow))], 'run', transaction);
  return RECORD_READS;
}

/**
 * Writes one request's audit record (see recordReads), in the transaction of `em` if it has one:
 * a card move's record goes with the move.
 */
export async function recordRead(em: SqlEntityManager, entry: ReadAuditEntry, options: RecordOptions = {}): Promise<void> {
  await recordReads(em.getConnection('write'), [{ entry, options }], em.getTransactionContext());
}

/** Whose reads a caller may see: all (in-process use) or those of the cards one center kept. */
export type AuditScope = { kind: 'all' } | { kind: 'careerCenter'; careerCenterId: string | null };

export interface ReadAuditRow {
  id: string;
  at: Date;
  subject: string;
  role: string;
  careerCenter: string | null;
  operationType: ReadOperationType;
  operationName: string | null;
  clientName: string | null;
  clientVersion: string | null;
  cardCount: number;
  /** Set on the record a card move left for the center the card left. */
  transferGround: TransferGround | null;
  /** Database ids of the cards in scope. */
  cardIds: string[];
}

export interface ReadAuditQuery {
  /** The page: its size, and the ids of the records its cursors name (`after`: older ones follow; `before`: newer ones precede). */
  page: PageRequest;
  cardId?: string;
  readBy?: string;
  from?: Date;
  to?: Date;
}

/** Audit records in scope, newest first, a page at a time, in one statement. */
export async function findReadAudit(em: SqlEntityManager, scope: AuditScope, query: ReadAuditQuery): Promise<Page<ReadAuditRow, undefined>> {
  const { page } = query;
  if (scope.kind === 'careerCenter' && !scope.careerCenterId) return pageFrom(page, [], { beforeAfter: false, afterBefore: false }, undefined);
  const conditions: string[] = [];
  const params: unknown[] = [];
  const where = (condition: string, ...values: unknown[]) => {
    conditions.push(condition);
    params.push(...values);
  };
  if (scope.kind === 'careerCenter') where('rc.career_center_id = ?', scope.careerCenterId);
  if (query.readBy != null) where('a.subject = ?', query.readBy);
  if (query.from) where('a.at >= ?', query.from);
  if (query.to) where('a.at < ?', query.to);
  if (query.cardId) {
    // Only while the center kept it: another center's reads of the card are not this center's to see.
    if (scope.kind === 'careerCenter') where('a.id in (select audit_id from read_audit_card where card_id = ? and career_center_id = ?)', query.cardId, scope.careerCenterId);
    else where('a.id in (select audit_id from read_audit_card where card_id = ?)', query.cardId);
  }
  // Newest first: `after` a record are older ones (smaller ids), `before` it newer ones.
  const after = page.after?.[0] ?? null;
  const before = page.before?.[0] ?? null;
  const inScope = (extra: string) => `from read_audit a join read_audit_card rc on rc.audit_id = a.id where ${[...conditions, extra].join(' and ')}`;
  const beyond = (cursor: string | null, comparison: string) => (cursor === null
    ? { sql: 'false', params: [] } : { sql: `exists (select 1 ${inScope(`a.id ${comparison} ?`)})`, params: [...params, cursor] });
  const beforeAfter = beyond(after, '>=');
  const afterBefore = beyond(before, '<=');
  const between = [after === null ? 'true' : 'a.id < ?', before === null ? 'true' : 'a.id > ?'].join(' and ');
  const rows = await em.getConnection('read').execute<Record<string, unknown>[]>(
    `with page as (
       select a.id as audit_id, a.id::text as id, a.at, a.subject, a.role, a.career_center, a.operation_type, a.operation_name,
         a.client_name, a.client_version, a.card_count, a.transfer_ground, array_agg(rc.card_id::text order by rc.card_id) as card_ids
       ${inScope(between)}
       group by a.id order by a.id ${page.fromEnd ? 'asc' : 'desc'} limit ?)
     select page.*, flags.* from (select ${beforeAfter.sql} as before_after, ${afterBefore.sql} as after_before) flags
       left join page on true order by page.audit_id ${page.fromEnd ? 'asc' : 'desc'}`,
    [...params, ...(after === null ? [] : [after]), ...(before === null ? [] : [before]), page.limit + 1, ...beforeAfter.params, ...afterBefore.params],
  );
  const records = rows.filter((row) => row.id != null).map((row) => ({
    id: row.id as string,
    at: new Date(row.at as string | Date),
    subject: row.subject as string,
    role: row.role as string,
    careerCenter: row.career_center as string | null,
    operationType: row.operation_type as ReadOperationType,
    operationName: row.operation_name as string | null,
    clientName: row.client_name as string | null,
    clientVersion: row.client_version as string | null,
    cardCount: row.card_count as number,
    transferGround: row.transfer_ground as TransferGround | null,
    cardIds: row.card_ids as string[],
  }));
  // No total: the list grows with every read; a page says whether more follow.
  const flags = rows[0]!;
  return pageFrom(page, records, { beforeAfter: Boolean(flags.before_after), afterBefore: Boolean(flags.after_before) }, undefined);
}
