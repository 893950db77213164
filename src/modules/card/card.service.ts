import type { SqlEntityManager } from '@mikro-orm/sql';
import { readEntities } from '../../db/read-entities.ts';
import type { ReadScope } from '../access/policy.ts';
import type { ActiveMeasureKind, CardFilter } from '../../generated/graphql.ts';
import { CURSOR_PART, cursorKey, idOf, pageSize, toCursor, toEdges, type PageInfo } from '../../api/relay.ts';
import { InvalidInput } from '../base/errors.ts';
import type { Territories } from '../dictionary/territories.ts';
import { registrationStatusSql } from '../registration/registration.rules.ts';
import { Card } from './card.entity.ts';

/** One page of `cards`; the total is counted only if a client asks for it. */
export interface CardPage {
  edges: { cursor: string; node: Card }[];
  pageInfo: PageInfo;
  countTotal: () => Promise<number>;
}

interface CheckedFilter {
  region?: string;
  district?: string;
  careerCenterId?: string;
  registrationStatus?: CardFilter['registrationStatus'];
  registeredFrom?: string;
  registeredTo?: string;
  activeMeasureKind?: ActiveMeasureKind;
}

/** Checks the codes, ids and ranges of a filter; InvalidInput names the offending field. */
function checkFilter(filter: CardFilter | null | undefined, territories: Territories): CheckedFilter {
  if (!filter) return {};
  const checked: CheckedFilter = {
    registrationStatus: filter.registrationStatus ?? undefined,
    activeMeasureKind: filter.activeMeasureKind ?? undefined,
  };
  if (filter.region != null) {
    if (!territories.region(filter.region)) throw new InvalidInput('filter.region', `unknown region code "${filter.region}"`);
    checked.region = filter.region;
  }
  if (filter.district != null) {
    const district = territories.district(filter.district);
    if (!district) throw new InvalidInput('filter.district', `unknown district code "${filter.district}"`);
    if (checked.region && district.regionCode !== checked.region) {
      throw new InvalidInput('filter.district', `district "${filter.district}" is not in region "${checked.region}"`);
    }
    checked.district = filter.district;
  }
  if (filter.careerCenter != null) checked.careerCenterId = idOf(filter.careerCenter, ['CareerCenter'], 'filter.careerCenter');
  const range = filter.registeredBetween;
  if (range) {
    if (range.from && range.to && range.from > range.to) {
      throw new InvalidInput('filter.registeredBetween', `"from" (${range.from}) is after "to" (${range.to})`);
    }
    checked.registeredFrom = range.from ?? undefined;
    checked.registeredTo = range.to ?? undefined;
  }
  return checked;
}

function filteredCards(em: SqlEntityManager, filter: CheckedFilter, scope: ReadScope) {
  const qb = em.createQueryBuilder(Card, 'c');
  // Only the cards the caller may read (issue 6): the policy's scope as a condition.
  if (scope.kind === 'none' || (scope.kind === 'careerCenter' && !scope.careerCenterId)) qb.andWhere('1 = 0');
  if (scope.kind === 'person') qb.andWhere({ iin: scope.iin });
  if (scope.kind === 'careerCenter' && scope.careerCenterId) qb.andWhere({ careerCenter: scope.careerCenterId });
  if (filter.region) qb.andWhere({ address: { region: filter.region } });
  if (filter.district) qb.andWhere({ address: { district: filter.district } });
  if (filter.careerCenterId) qb.andWhere({ careerCenter: filter.careerCenterId });
  if (filter.registrationStatus) qb.andWhere(registrationStatusSql('c', filter.registrationStatus));
  if (filter.registeredFrom || filter.registeredTo) {
    qb.andWhere(
      'exists (select 1 from "registration" rr where rr."card_id" = c."id" and rr."voided_at" is null'
        + ' and rr."registered_on" between coalesce(?::date, \'-infinity\') and coalesce(?::date, \'infinity\'))',
      [filter.registeredFrom ?? null, filter.registeredTo ?? null],
    );
  }
  if (filter.activeMeasureKind) {
    qb.andWhere(
      'exists (select 1 from "active_measure" am where am."card_id" = c."id" and am."voided_at" is null and am."kind" = ?)',
      [filter.activeMeasureKind],
    );
  }
  return qb;
}

/** Cards matching a filter in the order they were opened (by id), keyset-paginated. */
export async function findCards(
  em: SqlEntityManager,
  territories: Territories,
  args: { filter?: CardFilter | null; first?: number | null; after?: string | null },
  scope: ReadScope,
): Promise<CardPage> {
  const filter = checkFilter(args.filter, territories);
  const size = pageSize(args.first);
  const afterId = args.after ? cursorKey(args.after, [CURSOR_PART.id])[0]! : null;
  const qb = filteredCards(em, filter, scope).orderBy({ id: 'asc' }).limit(size + 1);
  if (afterId) qb.andWhere({ id: { $gt: afterId } });
  const rows = readEntities(em, Card, await qb.execute<Record<string, unknown>[]>('all', false));
  return {
    ...toEdges(rows, size, (card) => toCursor([card.id]), afterId !== null),
    countTotal: () => filteredCards(em, filter, scope).getCount(),
  };
}
