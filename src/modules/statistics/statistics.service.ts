import type { SqlEntityManager } from '@mikro-orm/sql';
import type { ActiveMeasureKind, RegistrationKind, StatisticsDimension, StatisticsFilter } from '../../generated/graphql.ts';
import { InvalidInput } from '../base/errors.ts';
import { careerCenterNames } from '../career-center/career-center.store.ts';
import {
  ageGroupLabels, codes, deregistrationReasonLabels, educationLevelLabels, registrationRefusalReasonLabels, sexLabels, type Label,
} from '../dictionary/codes.ts';
import type { Territories } from '../dictionary/territories.ts';
import {
  activeMeasureRows, reasonRows, referralRows, registrationRows, relocationRows, UNKNOWN_EDUCATION, type Raw,
} from './statistics.store.ts';

// Statistics over the cards, computed by PostgreSQL: one GROUP BY statement per table
// asked for, never cards loaded into JavaScript. Every table counts the entries whose date falls in
// the period (both ends included); voided entries never count. Cards are described by the
// dimensions of `scope` (the CTE every statement starts from): place is the career center's, age is
// at the end of the period, education is the highest level of main education on the card.

export const DIMENSIONS = ['REGION', 'DISTRICT', 'CAREER_CENTER', 'SEX', 'AGE_GROUP', 'EDUCATION_LEVEL'] as const satisfies readonly StatisticsDimension[];

/** A missing value of a dimension: no district (a city of republican significance), no education recorded. */
const NONE: Label = { kk: 'Көрсетілмеген', ru: 'Не указано' };
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
  withdrawn: number;
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

/** A filter as services take it: the career center by its database id. */
export type StatisticsFilterInput = Omit<StatisticsFilter, 'careerCenter'> & { careerCenterId?: string | null };

/** Checks the period, the dimensions and the filter's codes; InvalidInput names the offending argument. */
export function checkRequest(
  territories: Territories,
  period: { from: string; to: string },
  groupBy: readonly StatisticsDimension[] | null | undefined,
  filter: StatisticsFilterInput | null | undefined,
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
  if (filter?.careerCenterId != null) checked.careerCenterId = filter.careerCenterId;
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
      for (const [code, name] of await careerCenterNames(em, wanted)) this.#centers.set(code, name);
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
  args: { period: { from: string; to: string }; groupBy?: readonly StatisticsDimension[] | null; filter?: StatisticsFilterInput | null },
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

  async #rows<T>(statement: Promise<Raw[]>, map: (row: Raw, group: GroupKey[]) => T): Promise<T[]> {
    const rows = await statement;
    const groups = await this.#labels.keys(this.request, rows, this.#em);
    return rows.map((row, i) => map(row, groups[i]!));
  }

  /** §12, §15 — episodes by kind: applied, registered, refused, deregistered, withdrawn in the period. */
  registrations(): Promise<RegistrationRow[]> {
    return this.#rows(registrationRows(this.#em, this.request), (row, group) => ({
      group, kind: row.kind as RegistrationKind, applied: count(row.applied_on), registered: count(row.registered_on),
      refused: count(row.refusal_refused_on), deregistered: count(row.deregistration_deregistered_on), withdrawn: count(row.withdrawn_on),
    }));
  }

  /** §12, §15 — refusals (`refusal`) or deregistrations (`deregistration`) in the period, by reason. */
  reasons(which: 'refusal' | 'deregistration'): Promise<ReasonRow[]> {
    const labels: Record<string, Label> = which === 'refusal' ? registrationRefusalReasonLabels : deregistrationReasonLabels;
    return this.#rows(reasonRows(this.#em, this.request, which), (row, group) => ({
      group, kind: row.kind as RegistrationKind, reason: String(row.reason), reasonLabel: labels[String(row.reason)] ?? NONE, count: count(row.count),
    }));
  }

  /** §14, §17 — referrals made in the period, those that ended in hiring, and the share. */
  referrals(): Promise<ReferralRow[]> {
    return this.#rows(referralRows(this.#em, this.request), (row, group) => ({
      group, referred: count(row.referred), hired: count(row.hired), refused: count(row.refused),
      hiredShare: row.hired_share == null ? null : Number(row.hired_share),
    }));
  }

  /** §16 — measures referred to in the period, by kind, and permanent employment after them. */
  activeMeasures(): Promise<ActiveMeasureRow[]> {
    return this.#rows(activeMeasureRows(this.#em, this.request), (row, group) => ({
      group, kind: row.kind as ActiveMeasureKind, referred: count(row.referred), employedPermanently: count(row.employed),
      employedWithin30Days: count(row.within_30), employedWithin90Days: count(row.within_90),
      averageDaysToEmployment: row.average_days == null ? null : Number(row.average_days),
    }));
  }

  /** §16.4 — relocations referred to in the period: families, persons, and the assistance, summed exactly. */
  relocation(): Promise<RelocationRow[]> {
    return this.#rows(relocationRows(this.#em, this.request), (row, group) => ({
      group, families: count(row.families), persons: count(row.persons), relocationExpenses: String(row.relocation_expenses),
      rentReimbursement: String(row.rent_reimbursement), economicMobilityCertificate: String(row.certificate), total: String(row.total),
    }));
  }
}
