import type { SqlEntityManager } from '@mikro-orm/sql';
import type { StatisticsDimension } from '../../generated/graphql.ts';
import { codes, educationLevelLabels } from '../dictionary/codes.ts';
import type { StatisticsRequest } from './statistics.service.ts';

// The statistics' SQL: one GROUP BY statement per list, over `scope` (the cards in the caller's
// reach that pass the filter, with the dimensions asked for).

export const UNKNOWN_EDUCATION = 'UNKNOWN';
const EDUCATION_ORDER = codes(educationLevelLabels); // highest first

/** A statement's text and its parameters, built together so they stay in step. */
class Sql {
  readonly params: unknown[] = [];

  /** A placeholder for `value`. */
  p(value: unknown): string {
    this.params.push(value);
    return '?';
  }
}

/** SQL for the dimension columns of `scope`. */
function dimensionSql(dimension: StatisticsDimension): string {
  switch (dimension) {
    case 'REGION':
      return 'cc.region';
    case 'DISTRICT':
      return `coalesce(cc.district, '')`;
    case 'CAREER_CENTER':
      return 'cc.code';
    case 'SEX':
      return 'c.sex';
    case 'AGE_GROUP': {
      const age = 'age_at.years';
      return `case when ${age} < 25 then 'UNDER_25' when ${age} < 35 then 'AGE_25_34' when ${age} < 45 then 'AGE_35_44'
        when ${age} < 55 then 'AGE_45_54' when ${age} < 65 then 'AGE_55_64' else 'AGE_65_AND_OVER' end`;
    }
    case 'EDUCATION_LEVEL':
      return `coalesce((array[${EDUCATION_ORDER.map((level) => `'${level}'`).join(', ')}])[education.rank], '${UNKNOWN_EDUCATION}')`;
  }
}

const COLUMN: Record<StatisticsDimension, string> = {
  REGION: 'region', DISTRICT: 'district', CAREER_CENTER: 'career_center', SEX: 'sex', AGE_GROUP: 'age_group', EDUCATION_LEVEL: 'education_level',
};

/**
 * `with scope as (…)`: each card in the caller's reach that passes the filter, with the dimensions
 * the request groups or filters by. Returns the CTE and the dimension columns to group by.
 */
function scopeSql(request: StatisticsRequest, sql: Sql): { cte: string; groupColumns: string[] } {
  const { filter } = request;
  const needed = new Set<StatisticsDimension>(request.groupBy);
  if (filter.ageGroup) needed.add('AGE_GROUP');
  if (filter.educationLevel) needed.add('EDUCATION_LEVEL');
  const columns = [...needed].map((dimension) => `${dimensionSql(dimension)} as ${COLUMN[dimension]}`);
  // Age in whole years on the period's last day.
  const age = needed.has('AGE_GROUP') ? `cross join lateral (select extract(year from age(${sql.p(request.to)}::date, c.birth_date)) as years) age_at` : '';
  const education = needed.has('EDUCATION_LEVEL')
    ? `left join (select card_id, min(array_position(array[${EDUCATION_ORDER.map((level) => `'${level}'`).join(', ')}]::text[], level)) as rank
         from education_entry where section = 'MAIN' and voided_at is null and level is not null group by card_id) education on education.card_id = c.id`
    : '';
  const where: string[] = [];
  if (request.onlyCareerCenterId !== undefined) where.push(`c.career_center_id = ${sql.p(request.onlyCareerCenterId)}`);
  if (filter.careerCenterId) where.push(`c.career_center_id = ${sql.p(filter.careerCenterId)}`);
  if (filter.region) where.push(`cc.region = ${sql.p(filter.region)}`);
  if (filter.district) where.push(`cc.district = ${sql.p(filter.district)}`);
  if (filter.sex) where.push(`c.sex = ${sql.p(filter.sex)}`);
  const inner = `select c.id as card_id${columns.map((column) => `, ${column}`).join('')}
    from card c join career_center cc on cc.id = c.career_center_id ${age} ${education}
    ${where.length ? `where ${where.join(' and ')}` : ''}`;
  const outer: string[] = [];
  if (filter.ageGroup) outer.push(`age_group = ${sql.p(filter.ageGroup)}`);
  if (filter.educationLevel) outer.push(`education_level = ${sql.p(filter.educationLevel)}`);
  const cte = outer.length ? `with scope as (select * from (${inner}) described where ${outer.join(' and ')})` : `with scope as (${inner})`;
  return { cte, groupColumns: request.groupBy.map((dimension) => `s.${COLUMN[dimension]}`) };
}

export type Raw = Record<string, unknown>;

/** Runs a statement over `scope`, grouped by the request's dimensions and `extraGroup`. */
async function grouped(
  em: SqlEntityManager,
  request: StatisticsRequest,
  build: (sql: Sql, dims: string[]) => { select: string; from: string; where: string; extraGroup?: string[] },
): Promise<Raw[]> {
  const sql = new Sql();
  const { cte, groupColumns } = scopeSql(request, sql);
  const part = build(sql, groupColumns);
  const keys = [...groupColumns, ...(part.extraGroup ?? [])];
  const dims = groupColumns.map((column, i) => `${column} as d${i}`);
  const text = `${cte}
    select ${[...dims, part.select].join(', ')}
    from ${part.from} join scope s on s.card_id = t.card_id
    where ${part.where}
    ${keys.length ? `group by ${keys.join(', ')} order by ${keys.join(', ')}` : ''}`;
  return em.getConnection('read').execute<Raw[]>(text, sql.params);
}


/** §12, §15 — episodes by kind: applied, registered, refused, deregistered, withdrawn in the period. */
export function registrationRows(em: SqlEntityManager, request: StatisticsRequest): Promise<Raw[]> {
  const { from, to } = request;
  return grouped(em, request, (sql) => {
    const inPeriod = (column: string) => `t.${column} between ${sql.p(from)}::date and ${sql.p(to)}::date`;
    const dates = ['applied_on', 'registered_on', 'refusal_refused_on', 'deregistration_deregistered_on', 'withdrawn_on'];
    const select = `t.kind, ${dates.map((column) => `count(*) filter (where ${inPeriod(column)}) as ${column}`).join(', ')}`;
    return { select, from: 'registration t', where: `t.voided_at is null and (${dates.map(inPeriod).join(' or ')})`, extraGroup: ['t.kind'] };
  });
}

/** §12, §15 — refusals or deregistrations in the period, by kind and reason. */
export function reasonRows(em: SqlEntityManager, request: StatisticsRequest, which: 'refusal' | 'deregistration'): Promise<Raw[]> {
  const { from, to } = request;
  const date = which === 'refusal' ? 'refusal_refused_on' : 'deregistration_deregistered_on';
  return grouped(em, request, (sql) => ({
    select: `t.kind, t.${which}_reason as reason, count(*) as count`,
    from: 'registration t',
    where: `t.voided_at is null and t.${date} between ${sql.p(from)}::date and ${sql.p(to)}::date`,
    extraGroup: ['t.kind', `t.${which}_reason`],
  }));
}

/** §14, §17 — referrals made in the period, those that ended in hiring or refusal, and the share hired. */
export function referralRows(em: SqlEntityManager, request: StatisticsRequest): Promise<Raw[]> {
  const { from, to } = request;
  return grouped(em, request, (sql) => ({
    select: `count(*) as referred, count(*) filter (where t.hiring_order_date is not null) as hired,
      count(*) filter (where t.refusal_refused_on is not null) as refused,
      round(count(*) filter (where t.hiring_order_date is not null)::numeric / nullif(count(*), 0), 4)::float8 as hired_share`,
    from: 'referral t',
    where: `t.voided_at is null and t.referred_on between ${sql.p(from)}::date and ${sql.p(to)}::date`,
  }));
}

/**
 * §16 — measures referred to in the period, by kind, and permanent employment after them: days
 * from the measure's end (training: the end of study; subsidized job: of participation;
 * relocation: the referral) to the employment, never fewer than 0.
 */
export function activeMeasureRows(em: SqlEntityManager, request: StatisticsRequest): Promise<Raw[]> {
  const { from, to } = request;
  // (greatest() skips nulls, so the not-employed are kept null explicitly.)
  const days = `case when t.employment_employed_on is not null
    then greatest(t.employment_employed_on - coalesce(t.study_end, t.participation_end, t.referred_on), 0) end`;
  return grouped(em, request, (sql) => ({
    select: `t.kind, count(*) as referred, count(t.employment_employed_on) as employed,
      count(*) filter (where ${days} <= 30) as within_30, count(*) filter (where ${days} <= 90) as within_90,
      round(avg(${days}), 1)::float8 as average_days`,
    from: 'active_measure t',
    where: `t.voided_at is null and t.referred_on between ${sql.p(from)}::date and ${sql.p(to)}::date`,
    extraGroup: ['t.kind'],
  }));
}

/** §16.4 — relocations referred to in the period: families, persons, and the assistance, summed exactly. */
export function relocationRows(em: SqlEntityManager, request: StatisticsRequest): Promise<Raw[]> {
  const { from, to } = request;
  const money = (column: string) => `coalesce(sum(t.${column}), 0)::numeric(18,2)::text`;
  return grouped(em, request, (sql) => ({
    select: `count(*) as families, count(*) + coalesce(sum(members.n), 0) as persons,
      ${money('assistance_relocation_expenses')} as relocation_expenses, ${money('assistance_rent_reimbursement')} as rent_reimbursement,
      ${money('assistance_economic_mobility_certificate')} as certificate,
      coalesce(sum(coalesce(t.assistance_relocation_expenses, 0) + coalesce(t.assistance_rent_reimbursement, 0)
        + coalesce(t.assistance_economic_mobility_certificate, 0)), 0)::numeric(18,2)::text as total`,
    // Joined by the card as well as the relocation: on Citus both sides are then read shard by shard (docs/scale.md).
    from: `active_measure t left join (select card_id, relocation_id, count(*) as n from relocation_family_member where voided_at is null group by card_id, relocation_id) members
      on members.card_id = t.card_id and members.relocation_id = t.id`,
    where: `t.kind = 'RELOCATION' and t.voided_at is null and t.referred_on between ${sql.p(from)}::date and ${sql.p(to)}::date`,
  }));
}
