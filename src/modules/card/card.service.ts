import type { SqlEntityManager } from '@mikro-orm/sql';
import type { Page } from '../../api/connection.ts';
import type { CardFilter as CardFilterInput } from '../../generated/graphql.ts';
import type { ReadScope } from '../access/policy.ts';
import { InvalidInput } from '../base/errors.ts';
import type { Territories } from '../dictionary/territories.ts';
import type { Card } from './card.entity.ts';
import { cardsAfter, countCards, type CardFilter } from './card.store.ts';
import type { pageExtrasFor } from './page-extras.ts';

/** How many cards a list has, counted up to a limit (`CARD_COUNT_LIMIT`). */
export type CardCount = Awaited<ReturnType<typeof countCards>>;

/** Checks the codes and ranges of a filter (its career center given as a database id); InvalidInput names the offending field. */
export function checkFilter(filter: (Omit<CardFilterInput, 'careerCenter'> & { careerCenterId?: string }) | null | undefined, territories: Territories): CardFilter {
  if (!filter) return {};
  const checked: CardFilter = {
    registrationStatus: filter.registrationStatus ?? undefined,
    activeMeasureKind: filter.activeMeasureKind ?? undefined,
    careerCenterId: filter.careerCenterId,
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

/**
 * Cards matching a filter in the order they were opened (by id), a page at a time, with the extras
 * its fields need read beside them; the total is counted only if asked for.
 */
export async function findCards(
  em: SqlEntityManager, filter: CardFilter, scope: ReadScope, page: { limit: number; afterId: string | null },
  extras?: { of: ReturnType<typeof pageExtrasFor>; today: string },
): Promise<Page<Card, () => Promise<CardCount>>> {
  const { cards: rows, rows: raw } = await cardsAfter(em, filter, scope, page.limit, page.afterId, extras?.of.sql(em, extras.today));
  extras?.of.keep(em, rows, raw);
  let counted: Promise<CardCount> | undefined;
  return {
    rows: rows.slice(0, page.limit),
    hasNextPage: rows.length > page.limit,
    hasPreviousPage: page.afterId !== null,
    // Counted once, whichever of `totalCount` and `totalCountExact` asks first.
    total: () => (counted ??= countCards(em, filter, scope)),
  };
}
