import DataLoader from 'dataloader';
import type { SqlEntityManager } from '@mikro-orm/sql';
import type { LoaderFactory } from '../../api/loaders.ts';
import { byId, placeholders, READ } from '../../db/loaders.ts';
import { readEntities } from '../../db/read-entities.ts';
import type { ActiveMeasureKind, RegistrationStatus } from '../../generated/graphql.ts';
import type { ReadScope } from '../access/policy.ts';
import { registrationStatusSql } from '../registration/registration.rules.ts';
import { Card } from './card.entity.ts';

// The card's SQL: cards by id and by IIN (batched per request), and the filtered list of `cards`.

export const cards = {
  byId: ((em) => byId(em, Card)) as LoaderFactory<string, Card | null>,
  byIin: ((em) => new DataLoader<string, Card | null>(async (iins) => {
    const found = readEntities(em, Card, await em.execute(`select * from "card" where iin in ${placeholders(iins)}`, [...iins], READ));
    const byIin = new Map(found.map((card) => [card.iin, card]));
    return iins.map((iin) => byIin.get(iin) ?? null);
  })) as LoaderFactory<string, Card | null>,
};

/** What `cards` may be filtered by, checked: codes that exist, plain database ids. */
export interface CardFilter {
  region?: string;
  district?: string;
  careerCenterId?: string;
  registrationStatus?: RegistrationStatus;
  registeredFrom?: string;
  registeredTo?: string;
  activeMeasureKind?: ActiveMeasureKind;
}

/** The `where` of the cards a caller may read (the policy's scope) that match a filter. */
function matching(filter: CardFilter, scope: ReadScope): { where: string; params: unknown[] } {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const where = (condition: string, ...values: unknown[]) => {
    conditions.push(condition);
    params.push(...values);
  };
  if (scope.kind === 'none' || (scope.kind === 'careerCenter' && !scope.careerCenterId)) where('false');
  if (scope.kind === 'person') where('c.iin = ?', scope.iin);
  if (scope.kind === 'careerCenter' && scope.careerCenterId) where('c.career_center_id = ?', scope.careerCenterId);
  if (filter.region) where('c.address_region = ?', filter.region);
  if (filter.district) where('c.address_district = ?', filter.district);
  if (filter.careerCenterId) where('c.career_center_id = ?', filter.careerCenterId);
  if (filter.registrationStatus) where(registrationStatusSql('c', filter.registrationStatus));
  if (filter.registeredFrom || filter.registeredTo) {
    where(`exists (select 1 from registration rr where rr.card_id = c.id and rr.voided_at is null
      and rr.registered_on between coalesce(?::date, '-infinity') and coalesce(?::date, 'infinity'))`, filter.registeredFrom ?? null, filter.registeredTo ?? null);
  }
  if (filter.activeMeasureKind) {
    where('exists (select 1 from active_measure am where am.card_id = c.id and am.voided_at is null and am.kind = ?)', filter.activeMeasureKind);
  }
  return { where: conditions.length ? `where ${conditions.join(' and ')}` : '', params };
}

/** Columns and lateral joins a page reads beside each card (page-extras.ts), with the joins' parameters. */
export interface PageSql {
  columns: string;
  join: string;
  params: unknown[];
}

const NO_EXTRAS: PageSql = { columns: '', join: '', params: [] };

/**
 * Cards in the order they were opened (by id), after `afterId`: `limit + 1` of them, to tell
 * whether more follow; with their rows, which carry the extras asked for.
 */
export async function cardsAfter(
  em: SqlEntityManager, filter: CardFilter, scope: ReadScope, limit: number, afterId: string | null, extras: PageSql = NO_EXTRAS,
): Promise<{ cards: Card[]; rows: Record<string, unknown>[] }> {
  const { where, params } = matching(filter, scope);
  const after = afterId ? `${where ? ' and' : 'where'} c.id > ?` : '';
  const rows = await em.execute(`select c.*${extras.columns} from "card" c ${extras.join} ${where}${after} order by c.id limit ?`,
    [...extras.params, ...params, ...(afterId ? [afterId] : []), limit + 1], READ);
  // The hydrator takes the card's own columns and leaves the extras.
  return { cards: readEntities(em, Card, rows), rows };
}

/**
 * Cards counted at most for `totalCount`: an exact count of a filter over a national register (a
 * million cards and more) reads every matching card, a second or more, on each request that asks.
 */
export const CARD_COUNT_LIMIT = 10_000;

/** How many cards match, counted up to `limit`: past it, `limit` and not exact. */
export async function countCards(
  em: SqlEntityManager, filter: CardFilter, scope: ReadScope, limit = CARD_COUNT_LIMIT,
): Promise<{ count: number; exact: boolean }> {
  const { where, params } = matching(filter, scope);
  // One more than the limit tells that more match; the scan stops there.
  const [row] = await em.execute<{ count: string }[]>(`select count(*) as count from (select 1 from "card" c ${where} limit ?) matching`, [...params, limit + 1], READ);
  const count = Number(row!.count);
  return count > limit ? { count: limit, exact: false } : { count, exact: true };
}
