import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { seedDemoData } from '../../src/seed/seeder.ts';
import type { Principal } from '../../src/modules/access/principal.ts';
import { toGlobalId } from '../../src/api/relay.ts';
import { createTestApi, dataOf, type TestApi } from '../support/api.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

// Every statistic equals the same figure counted here, in JavaScript, from the rows of
// the seeded cards (read with plain `select *`), never with the API's SQL.

let db: TestDatabase;
let api: TestApi;
type Row = Record<string, any>;
const rows: Record<'card' | 'center' | 'registration' | 'referral' | 'measure' | 'member' | 'education', Row[]> = {
  card: [], center: [], registration: [], referral: [], measure: [], member: [], education: [],
};

beforeAll(async () => {
  db = await createTestDatabase();
  api = await createTestApi(db.orm);
  await seedDemoData(db.orm, api.territories, { cards: 240 });
  const connection = db.orm.em.getConnection();
  // Voided entries never count: void some of each kind.
  await connection.execute(`update registration set voided_at = now(), voided_by = 'test', void_reason = 'test' where id % 7 = 0`);
  await connection.execute(`update referral set voided_at = now(), voided_by = 'test', void_reason = 'test' where id % 5 = 0`);
  await connection.execute(`update active_measure set voided_at = now(), voided_by = 'test', void_reason = 'test' where id % 6 = 0`);
  await connection.execute(`update relocation_family_member set voided_at = now(), voided_by = 'test', void_reason = 'test' where id % 4 = 0`);
  const all = (table: string) => connection.execute<Row[]>(`select * from ${table}`);
  const live = async (table: string) => (await all(table)).filter((row: Row) => row.voided_at == null);
  Object.assign(rows, {
    card: await all('card'), center: await all('career_center'), registration: await live('registration'), referral: await live('referral'),
    measure: await live('active_measure'), member: await live('relocation_family_member'), education: await live('education_entry'),
  });
}, 120_000);
afterAll(() => db.close());

const FULL = { from: '2015-01-01', to: '2026-11-29' };
const HALF_YEAR = { from: '2026-01-01', to: '2026-06-30' };
const DIMENSIONS = ['REGION', 'DISTRICT', 'CAREER_CENTER', 'SEX', 'AGE_GROUP', 'EDUCATION_LEVEL'] as const;
type Dimension = (typeof DIMENSIONS)[number];
type Period = { from: string; to: string };

/** Dates may come back as strings or Date objects, depending on the driver. */
const day = (value: unknown): string | null => (value == null ? null : value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10));
const within = (value: unknown, period: Period) => {
  const d = day(value);
  return d !== null && d >= period.from && d <= period.to;
};
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

function ageGroup(birth: string, on: string): string {
  const years = Number(on.slice(0, 4)) - Number(birth.slice(0, 4)) - (on.slice(5) < birth.slice(5) ? 1 : 0);
  if (years < 25) return 'UNDER_25';
  if (years < 35) return 'AGE_25_34';
  if (years < 45) return 'AGE_35_44';
  if (years < 55) return 'AGE_45_54';
  if (years < 65) return 'AGE_55_64';
  return 'AGE_65_AND_OVER';
}

const LEVELS = ['HIGHER', 'TECHNICAL_VOCATIONAL', 'GENERAL_SECONDARY'];

/** What each card is, dimension by dimension, for a period ending on `to`. */
function describeCards(to: string): Map<string, Record<Dimension, string>> {
  const centers = new Map(rows.center.map((center) => [String(center.id), center]));
  const described = new Map<string, Record<Dimension, string>>();
  for (const card of rows.card) {
    const center = centers.get(String(card.career_center_id))!;
    const levels = rows.education.filter((e) => String(e.card_id) === String(card.id) && e.section === 'MAIN' && e.level).map((e) => LEVELS.indexOf(e.level));
    described.set(String(card.id), {
      REGION: center.region, DISTRICT: center.district ?? '', CAREER_CENTER: center.code, SEX: card.sex,
      AGE_GROUP: ageGroup(day(card.birth_date)!, to), EDUCATION_LEVEL: levels.length ? LEVELS[Math.min(...levels)]! : 'UNKNOWN',
    });
  }
  return described;
}

/** Counts `rows` into groups keyed by the dimensions' values (and `extra`), with `add` per row. */
function tally<T>(
  entries: Row[], period: Period, groupBy: readonly Dimension[], cardOf: (row: Row) => string,
  extra: (row: Row) => string[], start: () => T, add: (total: T, row: Row) => void,
  filter: Partial<Record<Dimension, string>> = {},
): Map<string, T> {
  const cards = describeCards(period.to);
  const groups = new Map<string, T>();
  for (const row of entries) {
    const card = cards.get(cardOf(row))!;
    if (Object.entries(filter).some(([dimension, value]) => card[dimension as Dimension] !== value)) continue;
    const key = JSON.stringify([...groupBy.map((d) => card[d]), ...extra(row)]);
    if (!groups.has(key)) groups.set(key, start());
    add(groups.get(key)!, row);
  }
  return groups;
}

const sorted = <T>(map: Map<string, T>) => [...map.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, value]) => ({ key: JSON.parse(key), ...value }));
const keyOf = (group: { code: string }[], ...extra: string[]) => [...group.map((g) => g.code), ...extra];
const byKey = <T extends { key: string[] }>(list: T[]) => [...list].sort((a, b) => (JSON.stringify(a.key) < JSON.stringify(b.key) ? -1 : 1));

async function statistics(select: string, period: Period, groupBy: readonly Dimension[], filter: Record<string, unknown> = {}, principal?: Principal) {
  const result = await api.execute(`query($period: StatisticsPeriod!, $groupBy: [StatisticsDimension!], $filter: StatisticsFilter) {
    statistics(period: $period, groupBy: $groupBy, filter: $filter) { ${select} } }`, { period, groupBy, filter }, { principal });
  return { ...result, figures: result.data?.statistics };
}

function referenceRegistrations(period: Period, groupBy: readonly Dimension[], filter: Partial<Record<Dimension, string>> = {}) {
  const dates = { applied: 'applied_on', registered: 'registered_on', refused: 'refusal_refused_on', deregistered: 'deregistration_deregistered_on' } as const;
  const relevant = rows.registration.filter((r) => Object.values(dates).some((column) => within(r[column], period)));
  return sorted(tally(relevant, period, groupBy, (r) => String(r.card_id), (r) => [r.kind],
    () => ({ applied: 0, registered: 0, refused: 0, deregistered: 0 }),
    (total, r) => {
      for (const [name, column] of Object.entries(dates)) if (within(r[column], period)) total[name as keyof typeof dates]++;
    }, filter));
}

const REGISTRATIONS = 'registrations { group { code } kind applied registered refused deregistered }';
const apiRegistrations = (list: any[]) => byKey(list.map(({ group, kind, ...counts }) => ({ key: keyOf(group, kind), ...counts })));

describe('registrations (§12 job seekers, §15 unemployed)', () => {
  it.each([[[]], ...DIMENSIONS.map((d) => [[d]]), [['REGION', 'DISTRICT', 'CAREER_CENTER']], [['SEX', 'AGE_GROUP', 'EDUCATION_LEVEL']]] as Dimension[][][])(
    'by %j equal the episodes counted from the cards',
    async (groupBy) => {
      for (const period of [FULL, HALF_YEAR]) {
        const { figures } = await statistics(REGISTRATIONS, period, groupBy);
        const expected = referenceRegistrations(period, groupBy);
        expect(expected.length).toBeGreaterThan(0);
        expect(apiRegistrations(figures.registrations)).toEqual(expected);
      }
    },
  );

  it('filtered by age group, education and region equal the same filter applied here', async () => {
    const region = rows.center[0]!.region;
    const filter = { ageGroup: 'AGE_25_34', educationLevel: 'HIGHER', region };
    const { figures } = await statistics(REGISTRATIONS, FULL, ['SEX'], filter);
    const expected = referenceRegistrations(FULL, ['SEX'], { AGE_GROUP: 'AGE_25_34', EDUCATION_LEVEL: 'HIGHER', REGION: region });
    expect(apiRegistrations(figures.registrations)).toEqual(expected);
  });
});

describe('refusal and deregistration reasons', () => {
  it.each([['refusalReasons', 'refusal'], ['deregistrationReasons', 'deregistration']] as const)('%s equal the reasons counted from the cards', async (field, which) => {
    const { figures } = await statistics(`${field} { group { code } kind reason count }`, FULL, ['SEX']);
    const date = which === 'refusal' ? 'refusal_refused_on' : 'deregistration_deregistered_on';
    const expected = sorted(tally(rows.registration.filter((r) => within(r[date], FULL)), FULL, ['SEX'], (r) => String(r.card_id),
      (r) => [r.kind, r[`${which}_reason`]], () => ({ count: 0 }), (total) => void total.count++));
    expect(expected.length).toBeGreaterThan(1);
    expect(byKey(figures[field].map(({ group, kind, reason, count }: any) => ({ key: keyOf(group, kind, reason), count })))).toEqual(expected);
  });
});

describe('referrals (§14) and hiring (§17)', () => {
  it('equal the referrals counted from the cards, with the share hired', async () => {
    const { figures } = await statistics('referrals { group { code } referred hired refused hiredShare }', FULL, ['AGE_GROUP']);
    const expected = sorted(tally(rows.referral.filter((r) => within(r.referred_on, FULL)), FULL, ['AGE_GROUP'], (r) => String(r.card_id), () => [],
      () => ({ referred: 0, hired: 0, refused: 0, hiredShare: null as number | null }),
      (total, r) => {
        total.referred++;
        if (r.hiring_order_date) total.hired++;
        if (r.refusal_refused_on) total.refused++;
        total.hiredShare = Math.round((total.hired / total.referred) * 10_000) / 10_000;
      }));
    expect(expected.some((row) => row.hired > 0)).toBe(true);
    expect(byKey(figures.referrals.map(({ group, ...counts }: any) => ({ key: keyOf(group), ...counts })))).toEqual(expected);
  });
});

describe('active measures (§16)', () => {
  it('equal the measures counted from the cards, with permanent employment after them and how soon', async () => {
    const { figures } = await statistics(
      'activeMeasures { group { code } kind referred employedPermanently employedWithin30Days employedWithin90Days averageDaysToEmployment }',
      FULL, ['EDUCATION_LEVEL']);
    const expected = sorted(tally(rows.measure.filter((m) => within(m.referred_on, FULL)), FULL, ['EDUCATION_LEVEL'], (m) => String(m.card_id), (m) => [m.kind],
      () => ({ referred: 0, employedPermanently: 0, employedWithin30Days: 0, employedWithin90Days: 0, averageDaysToEmployment: null as number | null, days: [] as number[] }),
      (total, m) => {
        total.referred++;
        const employed = day(m.employment_employed_on);
        if (!employed) return;
        const base = day(m.study_end) ?? day(m.participation_end) ?? day(m.referred_on)!;
        const wait = Math.max(daysBetween(base, employed), 0);
        total.employedPermanently++;
        if (wait <= 30) total.employedWithin30Days++;
        if (wait <= 90) total.employedWithin90Days++;
        total.days.push(wait);
        total.averageDaysToEmployment = Math.round((total.days.reduce((a, b) => a + b, 0) / total.days.length) * 10) / 10;
      }));
    const withoutDays = expected.map(({ days: _days, ...rest }) => rest);
    expect(withoutDays.some((row) => row.employedPermanently > 0)).toBe(true);
    expect(byKey(figures.activeMeasures.map(({ group, kind, ...counts }: any) => ({ key: keyOf(group, kind), ...counts })))).toEqual(withoutDays);
  });
});

describe('relocation (§16.4)', () => {
  it('equals the families, persons and assistance counted from the cards, the sums exact to the tiyn', async () => {
    const { figures } = await statistics('relocation { group { code } families persons relocationExpenses rentReimbursement economicMobilityCertificate total }', FULL, ['REGION']);
    // numeric(14,2) columns read as text with two decimals: whole tiyn as integers.
    const cents = (value: unknown) => (value == null ? 0n : BigInt(String(value).replace('.', '')));
    const money = (value: bigint) => `${value / 100n}.${String(value % 100n).padStart(2, '0')}`;
    const members = new Map<string, number>();
    for (const member of rows.member) members.set(String(member.relocation_id), (members.get(String(member.relocation_id)) ?? 0) + 1);
    const relocations = rows.measure.filter((m) => m.kind === 'RELOCATION' && within(m.referred_on, FULL));
    const expected = sorted(tally(relocations, FULL, ['REGION'], (m) => String(m.card_id), () => [],
      () => ({ families: 0, persons: 0, expenses: 0n, rent: 0n, certificate: 0n }),
      (total, m) => {
        total.families++;
        total.persons += 1 + (members.get(String(m.id)) ?? 0);
        total.expenses += cents(m.assistance_relocation_expenses);
        total.rent += cents(m.assistance_rent_reimbursement);
        total.certificate += cents(m.assistance_economic_mobility_certificate);
      })).map(({ key, families, persons, expenses, rent, certificate }) => ({
      key, families, persons, relocationExpenses: money(expenses), rentReimbursement: money(rent), economicMobilityCertificate: money(certificate),
      total: money(expenses + rent + certificate),
    }));
    expect(expected.length).toBeGreaterThan(1);
    expect(byKey(figures.relocation.map(({ group, ...sums }: any) => ({ key: keyOf(group), ...sums })))).toEqual(expected);
  });
});

describe('computed by the database', () => {
  it('runs one grouped statement per list asked for, loading no cards', async () => {
    const { figures, statements } = await statistics('registrations { kind } referrals { referred } relocation { families }', FULL, ['SEX']);
    expect(figures.registrations.length).toBeGreaterThan(0);
    expect(statements).toHaveLength(3);
    for (const sql of statements) expect(sql).toMatch(/group by/i);
  });
});

describe('who may ask', () => {
  it('a caseworker counts only their own center, an analyst every card', async () => {
    const center = rows.center.find((c) => rows.card.some((card) => String(card.career_center_id) === String(c.id)))!;
    const caseworker: Principal = { subject: 'cw', role: 'CASEWORKER', careerCenter: center.code, name: null, iin: null };
    const mine = await statistics(REGISTRATIONS, FULL, ['CAREER_CENTER'], {}, caseworker);
    expect(apiRegistrations(mine.figures.registrations)).toEqual(referenceRegistrations(FULL, ['CAREER_CENTER'], { CAREER_CENTER: center.code }));
    const analyst = await statistics(REGISTRATIONS, FULL, ['CAREER_CENTER'], {}, { subject: 'an', role: 'ANALYST', careerCenter: null, name: null, iin: null });
    expect(apiRegistrations(analyst.figures.registrations)).toEqual(referenceRegistrations(FULL, ['CAREER_CENTER']));
  });

  it('a citizen or an integration client is refused with FORBIDDEN', async () => {
    for (const principal of [{ subject: '900517301235', role: 'CITIZEN' }, { subject: 'gbd', role: 'INTEGRATION' }] as Principal[]) {
      const { errors } = await statistics(REGISTRATIONS, FULL, [], {}, { ...principal, careerCenter: null, name: null, iin: null });
      expect(errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    }
  });
});

describe('bad requests', () => {
  it.each([
    [{ from: '2026-06-01', to: '2026-01-01' }, {}, 'period'],
    [FULL, { region: 'KZ-00' }, 'filter.region'],
    [FULL, { educationLevel: 'DOCTORATE' }, 'filter.educationLevel'],
    [FULL, { careerCenter: toGlobalId('Card', '1') }, 'filter.careerCenter'],
  ])('%j %j is refused naming %s', async (period, filter, argument) => {
    const { errors } = await statistics(REGISTRATIONS, period, [], filter);
    expect(errors?.map((e) => e.extensions)).toEqual([{ code: 'BAD_USER_INPUT', argument }]);
  });

  it('a dimension named twice is refused', async () => {
    const { errors } = await statistics(REGISTRATIONS, FULL, ['SEX', 'SEX']);
    expect(errors?.map((e) => e.extensions)).toEqual([{ code: 'BAD_USER_INPUT', argument: 'groupBy' }]);
  });
});

describe('labels', () => {
  it('of group keys and reasons follow the language asked for', async () => {
    const { data } = await api.execute(`{ statistics(period: { from: "2015-01-01", to: "2026-11-29" }, groupBy: [SEX]) {
      refusalReasons { group { code kk: label(language: KK) ru: label(language: RU) } reason kkReason: reasonLabel(language: KK) ruReason: reasonLabel(language: RU) } } }`);
    const row = dataOf({ data, statements: [] }).statistics.refusalReasons[0];
    expect(row.group[0]).toEqual(row.group[0].code === 'MALE' ? { code: 'MALE', kk: 'Ер', ru: 'Мужской' } : { code: 'FEMALE', kk: 'Әйел', ru: 'Женский' });
    expect(row.kkReason).not.toEqual(row.ruReason);
  });
});
