import type { ActiveMeasureKind, DeregistrationReason, RegistrationKind } from '../generated/graphql.ts';
import { composeIin, type IinSex } from '../modules/person/iin.ts';
import { LIST_SECTIONS } from '../modules/sections.ts';
import type { DistrictEntry, RegionEntry } from '../modules/dictionary/territories.ts';
import { days, Random } from './random.ts';
import * as words from './vocabulary.ts';

// One realistic card per index, deterministic in (seed, index): a person with Kazakh or Russian
// names and a valid IIN matching birth date and sex, and a lifecycle drawn from what career centers
// see — a fresh application, a refusal, an open job-seeker or unemployed registration, a person
// placed in work, one deregistered for another reason — with the sections that lifecycle fills.
// The output is an import record (the API's input names, schema/import/card-record.schema.json)
// and the footer: the seeder stores it through the import's checks, the import benchmark sends it.

export interface SeedCenter {
  id: string;
  region: RegionEntry;
  district: DistrictEntry;
  name: string;
  address: string;
  phone: string;
  email: string;
}

export interface GeneratorContext {
  seed: number;
  /** The demo's "today": no event is dated after it, planned visits may be. */
  today: string;
  centers: readonly SeedCenter[];
  regions: readonly RegionEntry[];
  /** IINs already taken (in the database or earlier in this run). */
  usedIins: Set<string>;
}

type Row = Record<string, unknown>;

export interface CardDraft {
  /** The card as an import record; `careerCenter` is the id of a center of the context. */
  record: Row & { iin: string; careerCenter: string; openedOn: string };
  /** The footer, which the import format leaves to the career center. */
  footer: Row;
}

/**
 * The record's lists, one under each key a section is imported by (sections.ts), filled as the
 * card's story unfolds; a key no section declares is a bug of the generator.
 */
class Lists {
  readonly #lists = new Map(LIST_SECTIONS.flatMap((section) => (section.imported ?? []).map(({ key }) => [key, [] as Row[]] as const)));

  of(key: string): Row[] {
    const list = this.#lists.get(key);
    if (!list) throw new Error(`no section is imported under "${key}"`);
    return list;
  }

  /** The lists that hold entries, each entry with its id in the sending system (stable per card, key and position). */
  withSourceIds(iin: string): Record<string, Row[]> {
    return Object.fromEntries([...this.#lists].filter(([, rows]) => rows.length)
      .map(([key, rows]) => [key, rows.map((entry, i) => ({ sourceId: `${iin}-${key}-${i + 1}`, ...entry }))]));
  }
}

const MEASURE_KINDS: readonly ActiveMeasureKind[] = ['PROFESSIONAL_TRAINING', 'ENTREPRENEURSHIP_SUPPORT', 'SUBSIDIZED_JOB', 'RELOCATION'];
/** The date Order No. 365 was signed: no card of this system predates it. */
const FIRST_APPLICATION = '2023-09-05';
const MOBILE_PREFIXES = ['700', '701', '702', '705', '707', '708', '747', '771', '775', '776', '777', '778'];
/** Labour-surplus southern regions and labour-deficit northern ones (the relocation programme's direction). */
const RELOCATION_DESTINATIONS = ['KZ-11', 'KZ-39', 'KZ-55', 'KZ-59', 'KZ-63'];
const KAZAKH_NAMED = new Set(['қазақ', 'өзбек', 'ұйғыр', 'татар', 'әзербайжан', 'түрік', 'дүнген', 'тәжік', 'қырғыз', 'шешен', 'башқұрт']);

const LATIN: Record<string, string> = {
  а: 'a', ә: 'a', б: 'b', в: 'v', г: 'g', ғ: 'g', д: 'd', е: 'e', ё: 'yo', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k',
  қ: 'q', л: 'l', м: 'm', н: 'n', ң: 'n', о: 'o', ө: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ұ: 'u', ү: 'u',
  ф: 'f', х: 'kh', һ: 'h', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', і: 'i', ь: '', э: 'e', ю: 'yu', я: 'ya',
};
const latin = (text: string) => [...text.toLowerCase()].map((c) => LATIN[c] ?? (/[a-z0-9]/.test(c) ? c : '')).join('');

type Lifecycle = 'APPLIED' | 'REFUSED' | 'JOB_SEEKER' | 'UNEMPLOYED' | 'EMPLOYED' | 'DEREGISTERED';
const LIFECYCLES: readonly [Lifecycle, number][] = [
  ['APPLIED', 5], ['REFUSED', 5], ['JOB_SEEKER', 20], ['UNEMPLOYED', 35], ['EMPLOYED', 25], ['DEREGISTERED', 10],
];
const OTHER_DEREGISTRATIONS: readonly DeregistrationReason[] = [
  'FAILED_TO_APPEAR', 'MOVED_AWAY', 'OWN_REQUEST', 'REFUSED_SUITABLE_WORK', 'FULL_TIME_STUDY', 'MILITARY_SERVICE',
];

function money(random: Random, min: number, max: number, step = 1000): string {
  return `${Math.round(random.int(min, max) / step) * step}.00`;
}

function personName(random: Random, sex: IinSex, kazakh: boolean) {
  const male = sex === 'MALE';
  if (kazakh) {
    const father = random.pick(words.kazakhMaleGivenNames);
    const surnames = random.pick(words.kazakhSurnames);
    const patronymic = random.chance(0.1) ? null
      : random.chance(0.2) ? words.kazakhPatronymicTraditional(father, sex) : words.kazakhPatronymic(father, sex);
    return {
      surname: male ? surnames.male : surnames.female,
      givenName: random.pick(male ? words.kazakhMaleGivenNames : words.kazakhFemaleGivenNames),
      patronymic,
    };
  }
  const surnames = random.pick(words.russianSurnames);
  return {
    surname: male ? surnames.male : surnames.female,
    givenName: random.pick(male ? words.russianMaleGivenNames : words.russianFemaleGivenNames),
    patronymic: words.russianPatronymic(random.pick(words.russianMaleGivenNames), sex),
  };
}

function fullNameText(name: { surname: string; givenName: string; patronymic: string | null }): string {
  return [name.surname, name.givenName, name.patronymic].filter(Boolean).join(' ');
}

function uniqueIin(random: Random, birthDate: string, sex: IinSex, used: Set<string>): string {
  let serial = random.int(0, 9999);
  for (let attempt = 0; attempt < 10000; attempt++, serial = (serial + 1) % 10000) {
    const iin = composeIin(birthDate, sex, serial);
    if (iin && !used.has(iin)) {
      used.add(iin);
      return iin;
    }
  }
  throw new Error(`no free IIN left for ${birthDate} ${sex}`);
}

function settlementOf(random: Random, region: RegionEntry, district: DistrictEntry): { settlement: string; urban: boolean } {
  if (district.kind === 'CITY') return { settlement: district.ru.replace(/^город /, ''), urban: true };
  if (district.kind === 'CITY_DISTRICT') return { settlement: region.ru.replace(/^город /, ''), urban: true };
  return { settlement: random.pick(words.villageNames), urban: false };
}

export function generateCard(index: number, ctx: GeneratorContext): CardDraft {
  const random = new Random(ctx.seed, index);
  const center = random.pick(ctx.centers);
  const nationality = random.weighted(words.nationalities, (n) => n.weight);
  const sex: IinSex = random.chance(0.5) ? 'MALE' : 'FEMALE';
  const name = personName(random, sex, KAZAKH_NAMED.has(nationality.kk));
  const adultFrom = days.add(ctx.today, -63 * 365);
  const adultTo = days.add(ctx.today, -18 * 365 - 5);
  const birthDate = days.between(random, adultFrom, adultTo);
  const iin = uniqueIin(random, birthDate, sex, ctx.usedIins);
  const lifecycle = random.weighted(LIFECYCLES, ([, weight]) => weight)[0];

  const draft = new Lists();

  // §10 education, chronological: school, then perhaps college and university, then courses.
  const schoolEnd = `${Number(birthDate.slice(0, 4)) + 17}-06-${String(random.int(1, 25)).padStart(2, '0')}`;
  draft.of('mainEducation').push({
    level: 'GENERAL_SECONDARY',
    institutionName: random.pick(words.schoolTemplates).replace('{n}', String(random.int(1, 120))),
    studyPeriod: { start: `${Number(birthDate.slice(0, 4)) + 6}-09-01`, end: schoolEnd },
  });
  // College and university only when finished before "today": job seekers are not full-time students.
  let studiesEnd = schoolEnd;
  const stages = [['TECHNICAL_VOCATIONAL', 0.5, 2, 4, words.colleges], ['HIGHER', 0.35, 4, 5, words.universities]] as const;
  for (const [level, probability, minYears, maxYears, institutions] of stages) {
    const start = days.add(studiesEnd, 80);
    const end = days.add(start, random.int(minYears, maxYears) * 365 - 80);
    if (random.chance(probability) && end < days.add(ctx.today, -30)) {
      draft.of('mainEducation').push({ level, institutionName: random.pick(institutions), studyPeriod: { start, end }, specialty: random.pick(words.specialties) });
      studiesEnd = end;
    }
  }

  // Applications fall after studies and after the order took effect; an application still
  // awaiting a decision is days old, an open registration months old, a closed one any age.
  const earliest = studiesEnd > FIRST_APPLICATION ? studiesEnd : FIRST_APPLICATION;
  const latest = earliest < days.add(ctx.today, -10) ? days.add(ctx.today, -10) : ctx.today;
  const open = lifecycle === 'JOB_SEEKER' || lifecycle === 'UNEMPLOYED';
  const from = days.min(open && earliest < days.add(ctx.today, -270) ? days.add(ctx.today, -270) : earliest, latest);
  const applied = lifecycle === 'APPLIED' ? days.add(ctx.today, -random.int(0, 3)) : days.between(random, from, latest);

  if (random.chance(0.2)) {
    const start = days.add(studiesEnd, random.int(200, 2000));
    if (start < applied) {
      draft.of('additionalEducation').push({
        kind: random.chance(0.5) ? 'RETRAINING' : 'UPSKILLING',
        organisationName: random.pick(words.trainingProviders),
        studyPeriod: { start, end: days.min(days.add(start, random.int(20, 120)), applied) },
        specialty: random.pick(words.specialties),
      });
    }
  }

  // §11 last job, ended before the application.
  let lastJob: Row | null = null;
  if (random.chance(0.8) && days.toNumber(applied) - days.toNumber(studiesEnd) > 200) {
    const dismissed = days.between(random, days.add(studiesEnd, 150), days.add(applied, -5));
    lastJob = {
      employerName: random.pick(words.employers), position: random.pick(words.positions),
      hiredOn: days.between(random, days.add(studiesEnd, 30), days.add(dismissed, -90)), dismissedOn: dismissed,
    };
  }

  // An earlier, closed episode for some: registered, then deregistered well before this one.
  const priorApplied = days.add(applied, -random.int(200, 700));
  if (random.chance(0.15) && priorApplied >= earliest) {
    const registered = days.add(priorApplied, random.int(0, 3));
    draft.of('registrations').push({
      kind: 'JOB_SEEKER', appliedOn: priorApplied, registeredOn: registered,
      deregistration: { deregisteredOn: days.add(registered, random.int(40, 160)), reason: random.pick(OTHER_DEREGISTRATIONS) },
    });
  }
  const openedOn = (draft.of('registrations')[0]?.appliedOn as string | undefined) ?? applied;

  const episode = (kind: RegistrationKind, appliedOn: string) => {
    const row: Row = { kind, appliedOn };
    draft.of('registrations').push(row);
    return row;
  };
  const jobSeeker = episode('JOB_SEEKER', applied);
  let registeredOn: string | null = null;
  let unemployedOn: string | null = null;
  let endedOn: string | null = null;

  if (lifecycle === 'REFUSED') {
    const reason = random.pick(['INCOMPLETE_DOCUMENTS', 'EMPLOYED', 'FULL_TIME_STUDENT', 'FALSE_INFORMATION', 'OTHER'] as const);
    jobSeeker.refusal = {
      refusedOn: days.min(days.add(applied, random.int(0, 3)), ctx.today), reason,
      note: reason === 'OTHER' ? 'Өтініш беруші медициналық анықтаманы ұсынбады' : null,
    };
  } else if (lifecycle !== 'APPLIED') {
    registeredOn = days.min(days.add(applied, random.int(0, 3)), ctx.today);
    jobSeeker.registeredOn = registeredOn;
    if (lifecycle !== 'JOB_SEEKER') {
      const unemployedApplied = days.min(days.add(registeredOn, random.int(0, 7)), ctx.today);
      unemployedOn = days.min(days.add(unemployedApplied, random.int(0, 3)), ctx.today);
      episode('UNEMPLOYED', unemployedApplied).registeredOn = unemployedOn;
    }
    if (lifecycle === 'EMPLOYED' || lifecycle === 'DEREGISTERED') {
      // Closed some weeks after the last registration, by yesterday at the latest, never before it.
      const lastRegistered = unemployedOn ?? registeredOn;
      const candidate = days.min(days.add(lastRegistered, random.int(45, 300)), days.add(ctx.today, -1));
      endedOn = candidate < lastRegistered ? lastRegistered : candidate;
      const reason: DeregistrationReason = lifecycle === 'EMPLOYED' ? (random.chance(0.9) ? 'EMPLOYED' : 'ENTREPRENEURSHIP') : random.pick(OTHER_DEREGISTRATIONS);
      for (const row of draft.of('registrations').slice(-2)) {
        if (row.registeredOn && !row.deregistration) row.deregistration = { deregisteredOn: endedOn, reason };
      }
    }
  }

  const activeFrom = registeredOn;
  const activeTo = endedOn ?? ctx.today;
  // §14, §16 need the registration open on their date: the last day they can fall on is the day
  // before the deregistration (README: who may receive what).
  const eligibleTo = endedOn ? days.add(endedOn, -1) : ctx.today;

  // §13 career guidance.
  if (activeFrom && random.chance(0.4)) {
    for (let i = random.int(1, 2); i > 0; i--) {
      draft.of('careerGuidance').push({
        bodyName: random.pick(words.careerGuidanceBodies), heldOn: days.between(random, activeFrom, activeTo),
        result: random.pick(words.careerGuidanceResults),
      });
    }
  }

  // §14 referrals to suitable work; for a person placed in work, the last one hired them.
  if (activeFrom && activeFrom <= eligibleTo) {
    const count = random.int(0, lifecycle === 'EMPLOYED' ? 4 : 5);
    for (let i = 0; i < count; i++) {
      const referredOn = days.between(random, activeFrom, eligibleTo);
      const position = random.pick(words.positions);
      const referral: Row = { employerName: random.pick(words.employers), position, referredOn };
      const answeredOn = days.min(days.add(referredOn, random.int(1, 10)), ctx.today);
      if (days.toNumber(ctx.today) - days.toNumber(referredOn) > 10 || random.chance(0.5)) {
        const byEmployer = random.chance(0.55);
        referral.outcome = {
          refusal: {
            refusedBy: byEmployer ? 'EMPLOYER' : 'APPLICANT', refusedOn: answeredOn,
            reason: random.pick(byEmployer ? words.referralRefusalReasonsByEmployer : words.referralRefusalReasonsByApplicant),
          },
        };
      }
      draft.of('referrals').push(referral);
    }
    if (lifecycle === 'EMPLOYED' && endedOn && random.chance(0.6)) {
      const position = random.pick(words.positions);
      const referredOn = days.add(endedOn, -random.int(3, 20));
      draft.of('referrals').push({
        employerName: random.pick(words.employers), position, referredOn: referredOn < activeFrom ? activeFrom : referredOn,
        outcome: { hiring: { orderDate: endedOn, orderNumber: `${random.int(1, 480)}-к`, position } },
      });
    }
  }

  // §16 active measures, for the unemployed: the kinds rotate so every kind is always present.
  if (unemployedOn && unemployedOn <= eligibleTo && random.chance(0.6)) {
    const count = random.chance(0.25) ? 2 : 1;
    for (let k = 0; k < count; k++) {
      const kind = MEASURE_KINDS[(index + k) % MEASURE_KINDS.length]!;
      const referredOn = days.between(random, unemployedOn, eligibleTo);
      draft.of('activeMeasures').push(measure(random, kind, referredOn, ctx, center, activeTo));
    }
  }

  // §17 special workplaces, for a few people with disability.
  if (unemployedOn && random.chance(0.05)) {
    const referredOn = days.between(random, unemployedOn, activeTo);
    const position = random.pick(words.positions);
    const start = days.min(days.add(referredOn, random.int(3, 15)), ctx.today);
    draft.of('specialWorkplaces').push({
      employerName: random.pick(words.employers), referredOn, position,
      participationPeriod: { start, end: random.chance(0.5) ? days.min(days.add(start, random.int(90, 365)), ctx.today) : null },
      hiringAct: random.chance(0.8) ? { orderDate: start, orderNumber: `${random.int(1, 300)}-ЛС`, position } : null,
    });
  }

  // §18 visits every few weeks while unemployed, the next one planned ahead.
  if (unemployedOn) {
    let planned = days.add(unemployedOn, random.int(10, 30));
    let row = 1;
    while (planned <= days.add(activeTo, endedOn ? 0 : 45) && row <= 40) {
      const happened = planned <= ctx.today && planned <= activeTo;
      const attended = happened && random.chance(0.9);
      row++;
      draft.of('visits').push({
        plannedOn: planned,
        attendedOn: attended ? days.min(days.add(planned, random.chance(0.8) ? 0 : random.int(1, 3)), ctx.today) : null,
        note: attended ? random.pick(words.visitNotes) : happened ? 'Не явился в назначенный день' : null,
      });
      planned = days.add(planned, random.int(14, 35));
    }
  }

  // §19 expectations and §20 placement plan, filled for the unemployed.
  let expectations: Row | null = null;
  if (unemployedOn) {
    const desired = random.int(15, 60) * 10000;
    expectations = {
      wage: {
        desired: `${desired}.00`,
        sufficientToStart: `${Math.round((desired * random.int(70, 90)) / 100 / 1000) * 1000}.00`,
        minimum: `${Math.round((desired * random.int(50, 65)) / 100 / 1000) * 1000}.00`,
      },
      workplace: { region: center.region.code, district: random.chance(0.7) ? center.district.code : null, settlement: null },
      preferredPosition: random.pick(words.positions),
      lessSuitablePosition: random.chance(0.7) ? random.pick(words.positions) : null,
      searchTime: random.pick(['DECENT_OPTION', 'ACCEPTABLE_OPTION', 'WORST_OPTION'] as const),
      searchMonths: random.pick([1, 2, 3, 6, 12]),
    };
    const rows = random.int(2, 5);
    for (let i = 1; i <= rows; i++) {
      const due = days.add(unemployedOn, i * random.int(10, 30));
      const past = due <= activeTo;
      const executed = past && random.chance(0.75);
      draft.of('employmentPlan').push({
        measure: random.pick(words.planMeasures),
        execution: executed ? 'Выполнено' : null, executedOn: executed ? due : null,
        nonExecutionReason: past && !executed ? random.pick(words.nonExecutionReasons) : null,
      });
    }
  }

  const { settlement, urban } = settlementOf(random, center.region, center.district);
  const email = random.chance(0.6)
    ? `${latin(name.givenName)}.${latin(name.surname)}${random.int(1, 999)}@${random.pick(['mail.kz', 'gmail.com', 'mail.ru', 'inbox.kz'])}`
    : null;
  const caseworker = personName(random, random.chance(0.7) ? 'FEMALE' : 'MALE', random.chance(0.8));
  const head = personName(random, random.chance(0.5) ? 'FEMALE' : 'MALE', random.chance(0.8));

  const lists = draft.withSourceIds(iin);
  const record = {
    openedOn, careerCenter: center.id, iin, fullName: name,
    citizenship: random.chance(0.98) ? 'KZ' : random.pick(['UZ', 'KG', 'RU', 'TJ']),
    nationality: nationality.kk,
    address: {
      region: center.region.code, district: center.district.code, settlement, street: random.pick(words.streetNames),
      house: String(random.int(1, 180)) + (random.chance(0.1) ? 'А' : ''),
      apartment: urban && random.chance(0.7) ? String(random.int(1, 240)) : null,
    },
    phone: `+7${random.pick(MOBILE_PREFIXES)}${String(random.int(0, 9_999_999)).padStart(7, '0')}`,
    email, lastJob, expectations, ...lists,
  };
  const footer = {
    organisation: { name: center.name, address: center.address, phone: center.phone, email: center.email },
    executorName: fullNameText(caseworker), headName: fullNameText(head), filledOn: openedOn,
  };
  return { record, footer };
}

function measure(
  random: Random, kind: ActiveMeasureKind, referredOn: string, ctx: GeneratorContext, center: SeedCenter, activeTo: string,
): Row {
  const clamp = (date: string) => days.min(date, ctx.today);
  const employment = (after: string) => (after < activeTo && random.chance(0.5)
    ? { employedOn: clamp(days.add(after, random.int(5, 40))), employerName: random.pick(words.employers), position: random.pick(words.positions) }
    : null);
  switch (kind) {
    case 'PROFESSIONAL_TRAINING': {
      const start = clamp(days.add(referredOn, random.int(3, 20)));
      const end = days.add(start, random.int(30, 120));
      const finished = end <= ctx.today;
      return {
        kind, referredOn, trainingType: random.pick(['VOCATIONAL_PREPARATION', 'RETRAINING', 'UPSKILLING', 'SHORT_TERM'] as const),
        providerName: random.pick(words.trainingProviders), providerAddress: `${center.region.ru}, ${random.pick(words.streetNames)}, ${random.int(1, 90)}`,
        // An Almaty landline (+7 727 2xx xx xx, +7 727 3xx xx xx): a number in use, as the phone rule asks.
        providerPhone: `+7727${random.int(2, 3)}${String(random.int(0, 999_999)).padStart(6, '0')}`,
        studyPeriod: { start, end: finished ? end : null },
        qualificationObtained: finished ? random.pick(words.specialties) : null,
        permanentEmployment: finished ? employment(end) : null,
      };
    }
    case 'ENTREPRENEURSHIP_SUPPORT': {
      const basicsStart = clamp(days.add(referredOn, random.int(1, 15)));
      const basicsEnd = days.add(basicsStart, random.int(5, 21));
      const trained = basicsEnd <= ctx.today;
      const activity = random.pick(words.activityTypes);
      const credit = trained && random.chance(0.6);
      const receivedOn = clamp(days.add(basicsEnd, random.int(10, 60)));
      // §16.2 — the form takes a term as months or as the day it ends: both occur.
      const inMonths = random.chance(0.7);
      const repaymentMonths = random.pick([36, 60, 84]);
      return {
        kind, referredOn,
        basicsTraining: { startedOn: basicsStart, finishedOn: trained ? basicsEnd : null },
          microcredit: credit ? {
            receivedOn, amount: money(random, 1_000_000, 8_000_000, 50_000),
            gracePeriod: inMonths ? { months: random.pick([6, 12]) } : { until: days.add(receivedOn, random.pick([182, 365])) },
            repaymentTerm: inMonths ? { months: repaymentMonths } : { until: days.add(receivedOn, Math.round(repaymentMonths * 30.4)) },
            activityType: activity,
          } : null,
          grant: trained && !credit ? {
            appliedOn: clamp(days.add(basicsEnd, random.int(1, 20))),
            receivedOn: random.chance(0.6) ? clamp(days.add(basicsEnd, random.int(30, 60))) : null, activityType: activity,
          } : null,
      };
    }
    case 'SUBSIDIZED_JOB': {
      const position = random.pick(words.positions);
      const start = clamp(days.add(referredOn, random.int(2, 14)));
      const end = days.add(start, random.pick([90, 180, 365]));
      const hired = random.chance(0.85);
      return {
        kind, referredOn,
          jobType: random.pick(['PUBLIC_WORKS', 'SOCIAL_WORKPLACE', 'YOUTH_PRACTICE', 'FIRST_WORKPLACE', 'GENERATION_CONTRACT', 'SILVER_AGE', 'STUDENT_WORK'] as const),
          employerName: random.pick(words.employers), position,
          participationPeriod: hired ? { start, end: end <= ctx.today ? end : null } : null,
          employerDecision: hired
            ? { hiring: { orderDate: start, orderNumber: `${random.int(1, 500)}-к`, position } }
            : { refusal: { refusedBy: 'EMPLOYER', refusedOn: start, reason: random.pick(words.subsidizedRefusalReasons) } },
          permanentEmployment: hired && end <= ctx.today ? employment(end) : null,
      };
    }
    case 'RELOCATION': {
      const destinationCode = random.pick(RELOCATION_DESTINATIONS);
      const destinationRegion = ctx.regions.find((r) => r.code === destinationCode)!;
      const destinationDistrict = random.pick(destinationRegion.districts);
      const family = Array.from({ length: random.int(0, 4) }, () => {
        const able = random.chance(0.55);
        const member = personName(random, random.chance(0.5) ? 'MALE' : 'FEMALE', true);
        return {
          fullName: fullNameText(member), kinship: random.pick(words.kinship), ableToWork: able,
          unableToWorkReason: able ? null : random.pick(words.unableToWorkReasons),
        };
      });
      const housed = random.chance(0.7);
      return {
        kind, referredOn, familyMembers: family,
          destination: { region: destinationRegion.code, district: destinationDistrict.code, settlement: null },
          materialAssistance: {
            relocationExpenses: money(random, 100_000, 600_000),
            rentReimbursement: random.chance(0.7) ? money(random, 200_000, 900_000) : null,
            economicMobilityCertificate: housed && random.chance(0.5) ? money(random, 3_000_000, 9_000_000, 10_000) : null,
          },
          housing: housed
            ? { type: random.pick(['INDIVIDUAL_HOUSE', 'APARTMENT', 'DORMITORY_ROOM'] as const), areaPerFamilyMember: random.int(9, 25) + random.pick([0, 0.5, 0.25]) }
            : null,
          employment: employment(referredOn),
      };
    }
  }
}
