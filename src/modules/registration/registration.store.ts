import type { SqlEntityManager } from '@mikro-orm/sql';
import type { Page } from '../../api/connection.ts';
import { READ } from '../../db/loaders.ts';
import { readEntities } from '../../db/read-entities.ts';
import type { RegistrationEpisodeStatus } from '../../generated/graphql.ts';
import { Registration } from './registration.entity.ts';
import { episodeStatusSql } from './registration.rules.ts';

// §12, §15 — the applications' SQL: a career center's queue, oldest application first.

/** Whose applications a caller lists: every center's (in-process use) or one center's. */
export type ApplicationScope = { careerCenterId?: string | null };

/**
 * Episodes in `status` on the cards kept by the scope's center, not voided, by application date
 * then entry (the registration list's own order, so its cursors), a page at a time.
 */
export async function findApplications(
  em: SqlEntityManager, scope: ApplicationScope, status: RegistrationEpisodeStatus, page: { limit: number; after: readonly string[] | null },
): Promise<Page<Registration, undefined>> {
  const hasPreviousPage = page.after !== null;
  if (scope.careerCenterId === null) return { rows: [], hasNextPage: false, hasPreviousPage, total: undefined };
  const conditions = ['r.voided_at is null', episodeStatusSql('r', status)];
  const params: unknown[] = [];
  if (scope.careerCenterId !== undefined) {
    conditions.push('exists (select 1 from "card" c where c.id = r.card_id and c.career_center_id = ?)');
    params.push(scope.careerCenterId);
  }
  if (page.after) {
    conditions.push('(r.applied_on, r.id) > (?::date, ?::bigint)');
    params.push(page.after[0], page.after[1]);
  }
  const rows = readEntities(em, Registration, await em.execute(
    `select r.* from "registration" r where ${conditions.join(' and ')} order by r.applied_on, r.id limit ?`, [...params, page.limit + 1], READ,
  ));
  return { rows: rows.slice(0, page.limit), hasNextPage: rows.length > page.limit, hasPreviousPage, total: undefined };
}
