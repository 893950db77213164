import type { SqlEntityManager } from '@mikro-orm/sql';
import type { ActiveMeasureKind, RegistrationKind, StatisticsDimension, StatisticsFilter } from '../../generated/graphql.ts';
import { idOf } from '../../api/relay.ts';
import { InvalidInput } from '../base/errors.ts';
import { CareerCenter } from '../career-center/career-center.entity.ts';
import {
  ageGroupLabels, codes, deregistrationReasonLabels, educationLevelLabels, registrationRefusalReasonLabels, sexLabels, type Label,
} from '../dictionary/codes.ts';
import type { Territories } from '../dictionary/territories.ts';

// Issue 7 — statistics over the cards, computed by PostgreSQL: one GROUP BY statement per table
// asked for, never cards loaded into JavaScript. Every table counts the entries whose date falls in
// the period (both ends included); voided entries never count. Cards are described by the
// dimensions of `scope` (the CTE every statement starts from): place is the career center's, age is
// at the end of the period, education is the highest level of main education on the card.

export const DIMENSIONS = ['REGION', 'DISTRICT', 'CAREER_CENTER', 'SEX', 'AGE_GROUP', 'EDUCATION_LEVEL'] as const satisfies readonly StatisticsDimension[];

/** A missing value of a dimension: no district (a city of republican significance), no education recorded. */
const NONE: Label = { kk: 'Көрсетілмеген', ru: 'Не указано' };
export const UNKNOWN_EDUCATION = 'UNKNOWN';
const EDUCATION_ORDER = codes(educationLevelLabels); // highest first

/** One checked request; the lists of `Statistics` are computed from it when asked for. */
export interface StatisticsRequest {
  from: string;
  to: string;
  groupBy: StatisticsDimension[];
  filter: {
    region?: string;
    district?: string;
    careerCenterId?: string;
    sex?: string;
    ageGroup?: string;
    educationLevel?: string;
  };
  /** The career center a caseworker or head is limited to; undefined for all. */
  onlyCareerCenterId?: string | null;
}

export interface GroupKey {
  dimension: StatisticsDimension;
  code: string;
  label: Label;
}

interface Grouped {
  group: GroupKey[];
}
export interface RegistrationRow extends Grouped {
  kind: RegistrationKind;
  applied: number;
  registered: number;
  refused: number;
  deregistered: number;
}
export interface ReasonRow extends Grouped {
  kind: RegistrationKind;
  reason: string;
  reasonLabel: Label;
  count: number;
}
export interface ReferralRow extends Grouped {
  referred: number;
  hired: number;
  refused: number;
  hiredShare: number | null;
}
export interface ActiveMeasureRow extends Grouped {
  kind: ActiveMeasureKind;
  referred: number;
  employedPermanently: number;
  employedWithin30Days: number;
  employedWithin90Days: number;
  averageDaysToEmployment: number | null;
}
export interface RelocationRow extends Grouped {
  families: number;
  persons: number;
  relocationExpenses: string;
  rentReimbursement: string;
  economicMobilityCertificate: string;
  total: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Checks the period, the dimensions and the filter's codes; InvalidInput names the offending argument. */
export function checkRequest(
  territories: Territories,
  period: { from: string; to: string },
  groupBy: readonly StatisticsDimension[] | null | undefined,
  filter: StatisticsFilter | null | undefined,
): StatisticsRequest {
  const { from, to } = period;
  if (!DATE.test(from) || !DATE.test(to)) throw new InvalidInput('period', 'from and to must be dates');
  if (from > to) throw new InvalidInput('period', `"from" (${from}) is after "to" (${to})`);
  const dimensions = [...(groupBy ?? [])];
  if (new Set(dimensions).size !== dimensions.length) throw new InvalidInput('groupBy', 'a dimension is named twice');
  const checked: StatisticsRequest['filter'] = {};
  if (filter?.region != null) {
    if (!territories.region(filter.region)) throw new InvalidInput('filter.region', `unknown region code "${filter.region}"`);
    checked.region = filter.region;
  }
  if (filter?.district != null) {
    if (!territories.district(filter.district)) throw new InvalidInput('filter.district', `unknown district code "${filter.district}"`);
    checked.district = filter.district;
  }
  if (filter?.careerCenter != null) checked.careerCenterId = idOf(filter.careerCenter, ['CareerCenter'], 'filter.careerCenter');
  if (filter?.sex != null) checked.sex = filter.sex;
  if (filter?.ageGroup != null) checked.ageGroup = filter.ageGroup;
  if (filter?.educationLevel != null) {
    if (filter.educationLevel !== UNKNOWN_EDUCATION && !(EDUCATION_ORDER as string[]).includes(filter.educationLevel)) {
      throw new InvalidInput('filter.educationLevel', `unknown education level "${filter.educationLevel}"`);
    }
    checked.educationLevel = filter.educationLevel;
  }
  return { from, to, groupBy: dimensions, filter: checked };
}

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

type Raw = Record<string, unknown>;

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
  return em.getConnection().execute<Raw[]>(text, sql.params);
}

const count = (value: unknown) => Number(value ?? 0);

/** Reads the group keys of a row (`d0`, `d1`, …), with their labels. */
class GroupLabels {
  readonly #territories: Territories;
  /** Names of the centers met so far; each list may name centers the earlier ones did not. */
  readonly #centers = new Map<string, Label>();

  constructor(territories: Territories) {
    this.#territories = territories;
  }

  async keys(request: StatisticsRequest, rows: Raw[], em: SqlEntityManager): Promise<GroupKey[][]> {
    const index = request.groupBy.indexOf('CAREER_CENTER');
    if (index >= 0) {
      const wanted = [...new Set(rows.map((row) => String(row[`d${index}`])))].filter((code) => !this.#centers.has(code));
      const centers = wanted.length ? await em.fork().find(CareerCenter, { code: { $in: wanted } }) : [];
      for (const center of centers) this.#centers.set(center.code, { kk: center.nameKk, ru: center.nameRu });
    }
    return rows.map((row) => request.groupBy.map((dimension, i) => {
      const code = String(row[`d${i}`] ?? '');
      return { dimension, code, label: this.#label(dimension, code) };
    }));
  }

  #label(dimension: StatisticsDimension, code: string): Label {
    const from = (labels: Record<string, Label>) => labels[code] ?? NONE;
    switch (dimension) {
      case 'REGION':
        return this.#territories.region(code) ?? NONE;
      case 'DISTRICT':
        return this.#territories.district(code) ?? NONE;
      case 'CAREER_CENTER':
        return this.#centers.get(code) ?? NONE;
      case 'SEX':
        return from(sexLabels);
      case 'AGE_GROUP':
        return from(ageGroupLabels);
      case 'EDUCATION_LEVEL':
        return from(educationLevelLabels);
    }
  }
}

/**
 * The statistics a caller asks for, limited to their reach (the policy's `statisticsScope`):
 * null when their role may not see statistics at all.
 */
export async function statisticsFor(
  em: SqlEntityManager,
  territories: Territories,
  reach: { careerCenterId?: string | null } | null,
  args: { period: { from: string; to: string }; groupBy?: readonly StatisticsDimension[] | null; filter?: StatisticsFilter | null },
): Promise<Statistics | null> {
  if (!reach) return null;
  const request = { ...checkRequest(territories, args.period, args.groupBy, args.filter), onlyCareerCenterId: reach.careerCenterId };
  return new Statistics(em, territories, request);
}

/** The figures of one request, table by table. */
export class Statistics {
  readonly #em: SqlEntityManager;
  readonly #labels: GroupLabels;
  readonly request: StatisticsRequest;

  constructor(em: SqlEntityManager, territories: Territories, request: StatisticsRequest) {
    this.#em = em;
    this.#labels = new GroupLabels(territories);
    this.request = request;
  }

  async #rows<T>(build: Parameters<typeof grouped>[2], map: (row: Raw, group: GroupKey[]) => T): Promise<T[]> {
    const rows = await grouped(this.#em, this.request, build);
    const groups = await this.#labels.keys(this.request, rows, this.#em);
    return rows.map((row, i) => map(row, groups[i]!));
  }

  /** §12, §15 — episodes by kind: applied, registered, refused, deregistered in the period. */
  registrations(): Promise<RegistrationRow[]> {
    const { from, to } = this.request;
    return this.#rows((sql) => {
      const inPeriod = (column: string) => `t.${column} between ${sql.p(from)}::date and ${sql.p(to)}::date`;
      const dates = ['applied_on', 'registered_on', 'refusal_refused_on', 'deregistration_deregistered_on'];
      const select = `t.kind, ${dates.map((column) => `count(*) filter (where ${inPeriod(column)}) as ${column}`).join(', ')}`;
      return { select, from: 'registration t', where: `t.voided_at is null and (${dates.map(inPeriod).join(' or ')})`, extraGroup: ['t.kind'] };
    }, (row, group) => ({
      group, kind: row.kind as RegistrationKind, applied: count(row.applied_on), registered: count(row.registered_on),
      refused: count(row.refusal_refused_on), deregistered: count(row.deregistration_deregistered_on),
    }));
  }

  /** §12, §15 — refusals (`refusal`) or deregistrations (`deregistration`) in the period, by reason. */
  reasons(which: 'refusal' | 'deregistration'): Promise<ReasonRow[]> {
    const { from, to } = this.request;
    const date = which === 'refusal' ? 'refusal_refused_on' : 'deregistration_deregistered_on';
    const labels: Record<string, Label> = which === 'refusal' ? registrationRefusalReasonLabels : deregistrationReasonLabels;
    return this.#rows((sql) => ({
      select: `t.kind, t.${which}_reason as reason, count(*) as count`,
      from: 'registration t',
      where: `t.voided_at is null and t.${date} between ${sql.p(from)}::date and ${sql.p(to)}::date`,
      extraGroup: ['t.kind', `t.${which}_reason`],
    }), (row, group) => ({
      group, kind: row.kind as RegistrationKind, reason: String(row.reason), reasonLabel: labels[String(row.reason)] ?? NONE, count: count(row.count),
    }));
  }

  /** §14, §17 — referrals made in the period, those that ended in hiring, and the share. */
  referrals(): Promise<ReferralRow[]> {
    const { from, to } = this.request;
    return this.#rows((sql) => ({
      select: `count(*) as referred, count(*) filter (where t.hiring_order_date is not null) as hired,
        count(*) filter (where t.refusal_refused_on is not null) as refused,
        round(count(*) filter (where t.hiring_order_date is not null)::numeric / nullif(count(*), 0), 4)::float8 as hired_share`,
      from: 'referral t',
      where: `t.voided_at is null and t.referred_on between ${sql.p(from)}::date and ${sql.p(to)}::date`,
    }), (row, group) => ({
      group, referred: count(row.referred), hired: count(row.hired), refused: count(row.refused),
      hiredShare: row.hired_share == null ? null : Number(row.hired_share),
    }));
  }

  /**
   * §16 — measures referred to in the period, by kind, and permanent employment after them: days
   * from the measure's end (training: the end of study; subsidized job: of participation;
   * relocation: the referral) to the employment, never fewer than 0.
   */
  activeMeasures(): Promise<ActiveMeasureRow[]> {
    const { from, to } = this.request;
    // (greatest() skips nulls, so the not-employed are kept null explicitly.)
    const days = `case when t.employment_employed_on is not null
      then greatest(t.employment_employed_on - coalesce(t.study_end, t.participation_end, t.referred_on), 0) end`;
    return this.#rows((sql) => ({
      select: `t.kind, count(*) as referred, count(t.employment_employed_on) as employed,
        count(*) filter (where ${days} <= 30) as within_30, count(*) filter (where ${days} <= 90) as within_90,
        round(avg(${days}), 1)::float8 as average_days`,
      from: 'active_measure t',
      where: `t.voided_at is null and t.referred_on between ${sql.p(from)}::date and ${sql.p(to)}::date`,
      extraGroup: ['t.kind'],
    }), (row, group) => ({
      group, kind: row.kind as ActiveMeasureKind, referred: count(row.referred), employedPermanently: count(row.employed),
      employedWithin30Days: count(row.within_30), employedWithin90Days: count(row.within_90),
      averageDaysToEmployment: row.average_days == null ? null : Number(row.average_days),
    }));
  }

  /** §16.4 — relocations referred to in the period: families, persons, and the assistance, summed exactly. */
  relocation(): Promise<RelocationRow[]> {
    const { from, to } = this.request;
    const money = (column: string) => `coalesce(sum(t.${column}), 0)::numeric(18,2)::text`;
    return this.#rows((sql) => ({
      select: `count(*) as families, count(*) + coalesce(sum(members.n), 0) as persons,
        ${money('assistance_relocation_expenses')} as relocation_expenses, ${money('assistance_rent_reimbursement')} as rent_reimbursement,
        ${money('assistance_economic_mobility_certificate')} as certificate,
        coalesce(sum(coalesce(t.assistance_relocation_expenses, 0) + coalesce(t.assistance_rent_reimbursement, 0)
          + coalesce(t.assistance_economic_mobility_certificate, 0)), 0)::numeric(18,2)::text as total`,
      from: `active_measure t left join (select relocation_id, count(*) as n from relocation_family_member where voided_at is null group by relocation_id) members
        on members.relocation_id = t.id`,
      where: `t.kind = 'RELOCATION' and t.voided_at is null and t.referred_on between ${sql.p(from)}::date and ${sql.p(to)}::date`,
    }), (row, group) => ({
      group, families: count(row.families), persons: count(row.persons), relocationExpenses: String(row.relocation_expenses),
      rentReimbursement: String(row.rent_reimbursement), economicMobilityCertificate: String(row.certificate), total: String(row.total),
    }));
  }
}
