import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Orm } from '../../src/db/orm.ts';
import { seedDemoData } from '../../src/seed/seeder.ts';
import { Card } from '../../src/modules/card/card.entity.ts';
import { CareerCenter } from '../../src/modules/career-center/career-center.entity.ts';
import { Territories } from '../../src/modules/dictionary/territories.ts';
import { parseIin } from '../../src/modules/person/iin.ts';
import { LIST_SECTIONS } from '../../src/modules/sections.ts';
import { createTestApi, dataOf, type TestApi } from '../support/api.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

// The demo seeder, judged only by what it leaves in a fresh database: deterministic, valid IINs,
// Kazakh and Russian names, every one of the 20 sections filled somewhere, varied registration
// lifecycles and dates that make sense.

const CARDS = 120;
const SEED = 365;
/** Not the seeder's default "today", so the option is shown to be honoured. */
const TODAY = '2026-06-30';
const SLOW = 180_000;

let db: TestDatabase;
/** A second database seeded the same way, in smaller transactions. */
let twin: TestDatabase;
let territories: Territories;
let api: TestApi;

type SqlRow = Record<string, unknown>;

async function query<T extends SqlRow = SqlRow>(orm: Orm, sql: string): Promise<T[]> {
  return orm.em.fork().execute<T[]>(sql);
}

interface CardRow extends SqlRow {
  id: string;
  iin: string;
  surname: string;
  given_name: string;
  patronymic: string | null;
  sex: string;
  birth_date: string;
  nationality: string | null;
}

/** Section 1–9 facts of every card, in id order; dates as `YYYY-MM-DD`. */
function cardsOf(orm: Orm): Promise<CardRow[]> {
  return query<CardRow>(orm, `select "id", "iin", "surname", "given_name", "patronymic", "sex", "birth_date"::text as "birth_date", "nationality"
    from "card" order by "id"`);
}

async function count(orm: Orm, sql: string): Promise<number> {
  const [row] = await query<{ n: string | number }>(orm, `select count(*) as "n" from ${sql}`);
  return Number(row!.n);
}

/** The tables of the card's list sections, signatures aside (demo cards are not signed): from the sections' declarations. */
const cardTables = (orm: Orm) => [...new Set(LIST_SECTIONS.filter((s) => s.voidable).map((s) => orm.getMetadata().get(s.entity as never).tableName))];

/**
 * Everything the seeder stored, with surrogate keys and timestamps left out and rows tied to
 * their card by IIN, so two databases can be compared whatever ids their sequences handed out.
 */
async function contentOf(orm: Orm): Promise<Record<string, SqlRow[]>> {
  const strip = (row: SqlRow): SqlRow => {
    const { id: _id, created_at: _c, updated_at: _u, card_id: _card, career_center_id: _center, relocation_id: _relocation, ...rest } = row;
    return rest;
  };
  const content: Record<string, SqlRow[]> = {
    card: (await query(orm, `select cc."code" as "center_code", c.* from "card" c join "career_center" cc on cc."id" = c."career_center_id" order by c."id"`)).map(strip),
    relocation_family_member: (await query(orm, `select c."iin" as "card_iin", m."referred_on"::text as "relocation_referred_on", f.*
      from "relocation_family_member" f join "active_measure" m on m."id" = f."relocation_id" join "card" c on c."id" = m."card_id"
      order by m."card_id", m."id", f."id"`)).map(strip),
  };
  for (const table of cardTables(orm)) {
    content[table] = (await query(orm, `select c."iin" as "card_iin", t.* from "${table}" t join "card" c on c."id" = t."card_id" order by t."card_id", t."id"`)).map(strip);
  }
  return content;
}

/** Row counts per section table, and per card in id order. */
async function sectionCounts(orm: Orm): Promise<Record<string, number[]>> {
  const counts: Record<string, number[]> = {};
  for (const table of cardTables(orm)) {
    const rows = await query<{ n: string | number }>(orm, `select count(t."id") as "n" from "card" c left join "${table}" t on t."card_id" = c."id" group by c."id" order by c."id"`);
    counts[table] = rows.map((row) => Number(row.n));
  }
  return counts;
}

beforeAll(async () => {
  db = await createTestDatabase();
  twin = await createTestDatabase();
  territories = await Territories.load(db.orm.em.fork());
  expect(await seedDemoData(db.orm, territories, { cards: CARDS, seed: SEED, today: TODAY })).toBe(CARDS);
  const progress: [number, number][] = [];
  expect(await seedDemoData(twin.orm, territories, { cards: CARDS, seed: SEED, today: TODAY, batchSize: 25, onProgress: (done, total) => progress.push([done, total]) })).toBe(CARDS);
  expect(progress).toEqual([[25, CARDS], [50, CARDS], [75, CARDS], [100, CARDS], [120, CARDS]]);
  api = await createTestApi(db.orm);
}, SLOW);
afterAll(async () => {
  await api?.server.stop();
  await Promise.all([db?.close(), twin?.close()]);
}, SLOW);

describe('seedDemoData determinism', () => {
  it('makes identical cards in two fresh databases from the same seed and today, whatever the batch size', async () => {
    const [mine, theirs] = await Promise.all([cardsOf(db.orm), cardsOf(twin.orm)]);
    expect(mine).toHaveLength(CARDS);
    const facts = (rows: CardRow[]) => rows.map(({ iin, surname, given_name, patronymic, sex, birth_date }) => ({ iin, surname, given_name, patronymic, sex, birth_date }));
    expect(facts(theirs)).toEqual(facts(mine));
    expect(await sectionCounts(twin.orm)).toEqual(await sectionCounts(db.orm));
    expect(await contentOf(twin.orm)).toEqual(await contentOf(db.orm));
  }, SLOW);

  it('makes different cards from a different seed', async () => {
    const other = await createTestDatabase();
    try {
      await seedDemoData(other.orm, territories, { cards: CARDS, seed: SEED + 1, today: TODAY });
      const [mine, theirs] = await Promise.all([cardsOf(db.orm), cardsOf(other.orm)]);
      expect(theirs).toHaveLength(CARDS);
      const iins = new Set(mine.map((card) => card.iin));
      expect(theirs.filter((card) => iins.has(card.iin))).toEqual([]);
      const name = (card: CardRow) => `${card.surname} ${card.given_name} ${card.patronymic ?? ''}`;
      expect(theirs.map(name)).not.toEqual(mine.map(name));
      expect(theirs.map((card) => card.birth_date)).not.toEqual(mine.map((card) => card.birth_date));
      expect(await sectionCounts(other.orm)).not.toEqual(await sectionCounts(db.orm));
    } finally {
      await other.close();
    }
  }, SLOW);
});

describe('seeded people', () => {
  it('have unique, valid IINs that carry their birth date and sex', async () => {
    const cards = await cardsOf(db.orm);
    const mismatches = cards.flatMap((card): SqlRow[] => {
      const parsed = parseIin(card.iin);
      if (!parsed.ok) return [{ iin: card.iin, problem: parsed.reason }];
      const { birthDate, sex } = parsed.facts;
      return birthDate === card.birth_date && sex === card.sex ? [] : [{ iin: card.iin, birthDate: card.birth_date, sex: card.sex, iinSays: parsed.facts }];
    });
    expect(mismatches).toEqual([]);
    expect(new Set(cards.map((card) => card.iin)).size).toBe(cards.length);
    expect(new Set(cards.map((card) => card.sex))).toEqual(new Set(['MALE', 'FEMALE']));
  });

  it('are adults of working age on the given day', async () => {
    const cards = await cardsOf(db.orm);
    const ageOn = (birthDate: string) => {
      const [year, month, day] = TODAY.split('-').map(Number) as [number, number, number];
      const [bYear, bMonth, bDay] = birthDate.split('-').map(Number) as [number, number, number];
      return year - bYear - (month < bMonth || (month === bMonth && day < bDay) ? 1 : 0);
    };
    expect(cards.filter((card) => ageOn(card.birth_date) < 18 || ageOn(card.birth_date) > 63)).toEqual([]);
  });

  it('have Kazakh names in Kazakh script and Russian names', async () => {
    const cards = await cardsOf(db.orm);
    const fullName = (card: CardRow) => [card.surname, card.given_name, card.patronymic].filter(Boolean).join(' ');
    const kazakhLetters = /[әғқңөұүіһ]/i;
    const russianPatronymic = /(ович|евич|ич|овна|евна|ична)$/;
    expect(cards.filter((card) => !/^[\p{Script=Cyrillic}]+( [\p{Script=Cyrillic}-]+)+$/u.test(fullName(card)))).toEqual([]);
    const kazakh = cards.filter((card) => kazakhLetters.test(fullName(card)));
    const russians = cards.filter((card) => card.nationality === 'орыс');
    expect(kazakh.length).toBeGreaterThan(CARDS / 4);
    expect(russians.length).toBeGreaterThan(0);
    // Russians bear Russian names: the Russian alphabet only, with a Russian patronymic.
    expect(russians.filter((card) => kazakhLetters.test(fullName(card)) || !russianPatronymic.test(card.patronymic ?? ''))).toEqual([]);
  });
});

describe('the 20 sections', () => {
  it('§1–9: every card has its person, with an email on some', async () => {
    expect(await count(db.orm, `"card" where "surname" = '' or "given_name" = '' or "citizenship" is null or "nationality" is null
      or "address_region" is null or "address_settlement" is null or "address_street" is null or "address_house" is null or "phone" is null`)).toBe(0);
    expect(await count(db.orm, `"card" where "email" is not null`)).toBeGreaterThan(0);
    expect(await count(db.orm, `"card" where "patronymic" is not null`)).toBeGreaterThan(0);
  });

  it('§10–20: every list section has rows', async () => {
    const em = db.orm.em.fork();
    const rows = {
      '§10.1 main education': await count(db.orm, `"education_entry" where "section" = 'MAIN'`),
      '§10.2 additional education': await count(db.orm, `"education_entry" where "section" = 'ADDITIONAL'`),
      '§12 job-seeker registrations': await count(db.orm, `"registration" where "kind" = 'JOB_SEEKER'`),
      '§13 career guidance': await count(db.orm, '"career_guidance"'),
      '§14 referrals': await count(db.orm, '"referral"'),
      '§15 unemployed registrations': await count(db.orm, `"registration" where "kind" = 'UNEMPLOYED'`),
      '§16 active measures': await count(db.orm, '"active_measure"'),
      '§16.4 relocating family members': await count(db.orm, '"relocation_family_member"'),
      '§17 special workplaces': await count(db.orm, '"special_workplace"'),
      '§18 visits': await count(db.orm, '"visit"'),
      '§20 placement plan rows': await count(db.orm, '"employment_plan_row"'),
    };
    expect(Object.entries(rows).filter(([, n]) => n === 0).map(([section]) => section)).toEqual([]);
    expect(await em.count(Card)).toBe(CARDS);
  });

  it('§11, §19 and the footer are filled on some cards', async () => {
    const filled = {
      '§11 last job': await count(db.orm, `"card" where "last_job_employer_name" is not null and "last_job_hired_on" is not null and "last_job_dismissed_on" is not null and "last_job_position" is not null`),
      '§19 expectations': await count(db.orm, `"card" where "expectations_wage_desired" is not null and "expectations_wage_sufficient_to_start" is not null
        and "expectations_wage_minimum" is not null and "expectations_workplace_region" is not null and "expectations_preferred_position" is not null and "expectations_search_time" is not null`),
      'footer': await count(db.orm, `"card" where "organisation_name" is not null and "organisation_address" is not null and "organisation_phone" is not null
        and "organisation_email" is not null and "executor_name" is not null and "head_name" is not null and "filled_on" is not null`),
    };
    expect(Object.entries(filled).filter(([, n]) => n === 0).map(([section]) => section)).toEqual([]);
  });

  it('§16: every kind of active measure occurs, each with its own details', async () => {
    const kinds = await query<{ kind: string; n: string | number }>(db.orm, `select "kind", count(*) as "n" from "active_measure" group by "kind" order by "kind"`);
    expect(kinds.map((row) => row.kind)).toEqual(['ENTREPRENEURSHIP_SUPPORT', 'PROFESSIONAL_TRAINING', 'RELOCATION', 'SUBSIDIZED_JOB']);
    expect(await count(db.orm, `"active_measure" where "kind" = 'PROFESSIONAL_TRAINING' and ("training_type" is null or "provider_name" is null)`)).toBe(0);
    expect(await count(db.orm, `"active_measure" where "kind" = 'SUBSIDIZED_JOB' and ("job_type" is null or "employer_name" is null or "position" is null)`)).toBe(0);
    expect(await count(db.orm, `"active_measure" where "kind" = 'RELOCATION' and ("destination_region" is null or "assistance_relocation_expenses" is null)`)).toBe(0);
    expect(await count(db.orm, `"active_measure" where "kind" = 'ENTREPRENEURSHIP_SUPPORT' and "basics_started_on" is null and "microcredit_received_on" is null and "grant_applied_on" is null`)).toBe(0);
    expect(await count(db.orm, `"relocation_family_member" f join "active_measure" m on m."id" = f."relocation_id" where m."kind" <> 'RELOCATION'`)).toBe(0);
  });
});

describe('registration lifecycles', () => {
  it('include episodes applied only, refused, registered and open, and deregistered', async () => {
    const [states] = await query<Record<string, string | number>>(db.orm, `select
        count(*) filter (where "registered_on" is null and "refusal_refused_on" is null and "deregistration_deregistered_on" is null) as "applied",
        count(*) filter (where "refusal_refused_on" is not null) as "refused",
        count(*) filter (where "registered_on" is not null and "deregistration_deregistered_on" is null) as "open",
        count(*) filter (where "deregistration_deregistered_on" is not null) as "deregistered"
      from "registration"`);
    expect(Object.entries(states!).filter(([, n]) => Number(n) === 0).map(([state]) => state)).toEqual([]);
  });

  it('leave cards in every registration status', async () => {
    const totals: Record<string, number> = {};
    for (const status of ['JOB_SEEKER', 'UNEMPLOYED', 'NONE']) {
      const { cards } = dataOf(await api.execute(`{ cards(first: 100, filter: { registrationStatus: ${status} }) { totalCount } }`));
      totals[status] = cards.totalCount;
    }
    expect(Object.entries(totals).filter(([, n]) => n === 0).map(([status]) => status)).toEqual([]);
    expect(totals.JOB_SEEKER! + totals.UNEMPLOYED! + totals.NONE!).toBe(CARDS);
  });
});

describe('chronology of the seeded data', () => {
  it('registration or refusal never precedes the application, deregistration never precedes registration', async () => {
    const wrong = await query(db.orm, `select c."iin", r."kind", r."applied_on"::text as "applied", r."registered_on"::text as "registered",
        r."refusal_refused_on"::text as "refused", r."deregistration_deregistered_on"::text as "deregistered"
      from "registration" r join "card" c on c."id" = r."card_id"
      where r."registered_on" < r."applied_on" or r."refusal_refused_on" < r."applied_on"
        or r."deregistration_deregistered_on" < r."registered_on"
        or (r."deregistration_deregistered_on" is not null and r."registered_on" is null)
        or (r."registered_on" is not null and r."refusal_refused_on" is not null)
      order by c."id", r."id"`);
    expect(wrong).toEqual([]);
  });

  it('every §14 referral and §16 measure has the registration its date needs (README: who may receive what)', async () => {
    const open = (alias: string, kinds: string) => `exists (select 1 from "registration" r where r."card_id" = ${alias}."card_id" and r."voided_at" is null
      and r."kind" in (${kinds}) and r."registered_on" <= ${alias}."referred_on"
      and (r."deregistration_deregistered_on" is null or r."deregistration_deregistered_on" > ${alias}."referred_on"))`;
    const either = `'JOB_SEEKER', 'UNEMPLOYED'`;
    const unemployedOnly = (alias: string) => `${alias}."kind" = 'SUBSIDIZED_JOB' and ${alias}."job_type" <> 'STUDENT_WORK'`;
    const wrong = await query(db.orm, `
      select 'referral' as "entry", t."id"::text, t."referred_on"::text from "referral" t where t."voided_at" is null and not ${open('t', either)}
      union all
      select t."kind", t."id"::text, t."referred_on"::text from "active_measure" t where t."voided_at" is null
        and not (case when ${unemployedOnly('t')} then ${open('t', `'UNEMPLOYED'`)} else ${open('t', either)} end)`);
    expect(wrong).toEqual([]);
    expect(await count(db.orm, '"referral"')).toBeGreaterThan(0);
  });

  it('no event is dated after today (planned visits and the ends of §16.2 terms may be) and none precedes the birth date', async () => {
    const ahead = new Set(['visit.planned_on', 'active_measure.microcredit_grace_period_until', 'active_measure.microcredit_repayment_term_until']);
    const columns = await query<{ table_name: string; column_name: string }>(db.orm, `select c."table_name", c."column_name" from information_schema.columns c
      where c."table_schema" = current_schema() and c."data_type" = 'date' order by c."table_name", c."column_name"`);
    const checked: string[] = [];
    const wrong: SqlRow[] = [];
    for (const { table_name: table, column_name: column } of columns) {
      if (table === 'card' && column === 'birth_date') continue;
      const afterToday = ahead.has(`${table}.${column}`) ? 'false' : `t."${column}" > date '${TODAY}'`;
      const from = table === 'card' ? '"card" t join "card" c on c."id" = t."id"' : `"${table}" t join "card" c on c."id" = t."card_id"`;
      wrong.push(...await query(db.orm, `select '${table}.${column}' as "column", c."iin", c."birth_date"::text as "birth_date", t."${column}"::text as "date"
        from ${from} where t."${column}" is not null and (${afterToday} or t."${column}" <= c."birth_date") order by c."id", t."id"`));
      checked.push(`${table}.${column}`);
    }
    expect(checked).toEqual(expect.arrayContaining([
      'card.opened_on', 'card.last_job_hired_on', 'card.filled_on', 'education_entry.study_start', 'education_entry.study_end',
      'registration.applied_on', 'registration.deregistration_deregistered_on', 'referral.referred_on', 'active_measure.referred_on',
      'active_measure.microcredit_received_on', 'special_workplace.participation_start', 'visit.attended_on', 'employment_plan_row.executed_on',
      'active_measure.microcredit_grace_period_until', 'active_measure.microcredit_repayment_term_until',
    ]));
    expect(wrong).toEqual([]);
    // §16.2 terms come in both forms the form allows; §19.4 has its months beside the scale.
    expect(await count(db.orm, `"active_measure" where "microcredit_repayment_term_months" is not null`)).toBeGreaterThan(0);
    expect(await count(db.orm, `"active_measure" where "microcredit_repayment_term_until" > "microcredit_received_on"`)).toBeGreaterThan(0);
    expect(await count(db.orm, `"card" where "expectations_search_months" is not null`)).toBeGreaterThan(0);
    // Visits are planned ahead while a registration is open.
    expect(await count(db.orm, `"visit" where "planned_on" > date '${TODAY}'`)).toBeGreaterThan(0);
  });

  it('periods end no earlier than they start, and answers come no earlier than what they answer', async () => {
    const pairs: [table: string, earlier: string, later: string][] = [
      ['card', 'last_job_hired_on', 'last_job_dismissed_on'],
      ['card', 'opened_on', 'filled_on'],
      ['education_entry', 'study_start', 'study_end'],
      ['referral', 'referred_on', 'hiring_order_date'],
      ['referral', 'referred_on', 'refusal_refused_on'],
      ['active_measure', 'study_start', 'study_end'],
      ['active_measure', 'participation_start', 'participation_end'],
      ['active_measure', 'basics_started_on', 'basics_finished_on'],
      ['active_measure', 'grant_applied_on', 'grant_received_on'],
      ['special_workplace', 'participation_start', 'participation_end'],
      ['visit', 'planned_on', 'attended_on'],
    ];
    const wrong: SqlRow[] = [];
    for (const [table, earlier, later] of pairs) {
      const from = table === 'card' ? '"card" t join "card" c on c."id" = t."id"' : `"${table}" t join "card" c on c."id" = t."card_id"`;
      wrong.push(...await query(db.orm, `select '${table}: ${earlier} <= ${later}' as "rule", c."iin", t."${earlier}"::text as "earlier", t."${later}"::text as "later"
        from ${from} where t."${later}" < t."${earlier}" order by c."id", t."id"`));
    }
    expect(wrong).toEqual([]);
  });

  it('money amounts are non-negative with 2 decimals, and the expected wages are ordered', async () => {
    const columns = await query<{ table_name: string; column_name: string }>(db.orm, `select c."table_name", c."column_name" from information_schema.columns c
      where c."table_schema" = current_schema() and c."data_type" = 'numeric' order by c."table_name", c."column_name"`);
    const money = [
      'active_measure.assistance_economic_mobility_certificate', 'active_measure.assistance_relocation_expenses', 'active_measure.assistance_rent_reimbursement',
      'active_measure.microcredit_amount', 'card.expectations_wage_desired', 'card.expectations_wage_minimum', 'card.expectations_wage_sufficient_to_start',
    ];
    expect(columns.map((c) => `${c.table_name}.${c.column_name}`)).toEqual(expect.arrayContaining(money));
    const wrong: SqlRow[] = [];
    const unused: string[] = [];
    for (const { table_name: table, column_name: column } of columns) {
      const values = await query<{ amount: string }>(db.orm, `select "${column}"::text as "amount" from "${table}" where "${column}" is not null order by "id"`);
      if (values.length === 0) unused.push(`${table}.${column}`);
      wrong.push(...values.filter(({ amount }) => !/^\d+\.\d{2}$/.test(amount)).map(({ amount }) => ({ column: `${table}.${column}`, amount })));
    }
    expect(wrong).toEqual([]);
    expect(unused).toEqual([]);
    expect(await query(db.orm, `select "iin", "expectations_wage_minimum"::text as "minimum", "expectations_wage_sufficient_to_start"::text as "sufficient",
        "expectations_wage_desired"::text as "desired" from "card"
      where "expectations_wage_minimum" > "expectations_wage_sufficient_to_start" or "expectations_wage_sufficient_to_start" > "expectations_wage_desired"`)).toEqual([]);
  });
});

describe('seeding again', () => {
  it('appends new cards without touching the old ones or reusing an IIN', async () => {
    const before = await cardsOf(twin.orm);
    const centers = await twin.orm.em.fork().count(CareerCenter);
    expect(await seedDemoData(twin.orm, territories, { cards: CARDS, seed: SEED, today: TODAY })).toBe(2 * CARDS);
    const after = await cardsOf(twin.orm);
    expect(after).toHaveLength(2 * CARDS);
    expect(after.slice(0, CARDS)).toEqual(before);
    expect(new Set(after.map((card) => card.iin)).size).toBe(2 * CARDS);
    expect(after.slice(CARDS).filter((card) => !parseIin(card.iin).ok)).toEqual([]);
    expect(await twin.orm.em.fork().count(CareerCenter)).toBe(centers);
  }, SLOW);
});
