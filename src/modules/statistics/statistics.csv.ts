import type { StatisticsDimension } from '../../generated/graphql.ts';
import { csvRow } from '../base/csv.ts';
import { activeMeasureKindLabels, labelIn, registrationKindLabels, type Label, type Language } from '../dictionary/codes.ts';
import type { GroupKey, Statistics } from './statistics.service.ts';

// Any statistics table as CSV for spreadsheets: one column pair (code, label) per dimension, then
// the figures, headed in the language asked for. Starts with a byte-order mark so spreadsheet
// programs read the Kazakh and Russian letters as UTF-8.

export const STATISTICS_TABLES = ['registrations', 'refusalReasons', 'deregistrationReasons', 'referrals', 'activeMeasures', 'relocation'] as const;
export type StatisticsTable = (typeof STATISTICS_TABLES)[number];

const DIMENSION_HEADERS: Record<StatisticsDimension, Label> = {
  REGION: { kk: 'Өңір', ru: 'Регион' },
  DISTRICT: { kk: 'Аудан', ru: 'Район' },
  CAREER_CENTER: { kk: 'Мансап орталығы', ru: 'Центр карьеры' },
  SEX: { kk: 'Жынысы', ru: 'Пол' },
  AGE_GROUP: { kk: 'Жас тобы', ru: 'Возрастная группа' },
  EDUCATION_LEVEL: { kk: 'Білім деңгейі', ru: 'Уровень образования' },
};
const CODE: Label = { kk: 'коды', ru: 'код' };
const withCode = (header: Label): Label => ({ kk: `${header.kk} (${CODE.kk})`, ru: `${header.ru} (${CODE.ru})` });

interface Column<Row> {
  header: Label;
  value: (row: Row, language: Language) => string;
}

const number = (value: number | null) => (value == null ? '' : String(value));
const KIND: Label = { kk: 'Тіркеу түрі', ru: 'Вид регистрации' };
/** The kind's code and label columns. */
const kind = <Row extends { kind: string }>(labels: Record<string, Label>, header: Label): Column<Row>[] => [
  { header: withCode(header), value: (row) => row.kind },
  { header, value: (row, language) => labelIn(labels[row.kind]!, language) },
];

/** Each list of a `Statistics`, by table name. */
export const STATISTICS_LISTS = {
  registrations: (s: Statistics) => s.registrations(),
  refusalReasons: (s: Statistics) => s.reasons('refusal'),
  deregistrationReasons: (s: Statistics) => s.reasons('deregistration'),
  referrals: (s: Statistics) => s.referrals(),
  activeMeasures: (s: Statistics) => s.activeMeasures(),
  relocation: (s: Statistics) => s.relocation(),
};
type Rows = { [T in StatisticsTable]: Awaited<ReturnType<(typeof STATISTICS_LISTS)[T]>>[number] };

const REASON = { kk: 'Себеп', ru: 'Причина' };
const reasonColumns: Column<Rows['refusalReasons']>[] = [
  ...kind(registrationKindLabels, KIND),
  { header: withCode(REASON), value: (row) => row.reason },
  { header: REASON, value: (row, language) => labelIn(row.reasonLabel, language) },
  { header: { kk: 'Саны', ru: 'Количество' }, value: (row) => number(row.count) },
];

const COLUMNS: { [T in StatisticsTable]: Column<Rows[T]>[] } = {
  registrations: [
    ...kind(registrationKindLabels, KIND),
    { header: { kk: 'Өтініш берді', ru: 'Подали заявление' }, value: (row) => number(row.applied) },
    { header: { kk: 'Тіркелді', ru: 'Зарегистрированы' }, value: (row) => number(row.registered) },
    { header: { kk: 'Тіркеуден бас тартылды', ru: 'Отказано в регистрации' }, value: (row) => number(row.refused) },
    { header: { kk: 'Тіркеуден шығарылды', ru: 'Сняты с учёта' }, value: (row) => number(row.deregistered) },
    { header: { kk: 'Өтінішін кері қайтарып алды', ru: 'Отозвали заявление' }, value: (row) => number(row.withdrawn) },
  ],
  refusalReasons: reasonColumns,
  deregistrationReasons: reasonColumns,
  referrals: [
    { header: { kk: 'Жолдама берілді', ru: 'Выдано направлений' }, value: (row) => number(row.referred) },
    { header: { kk: 'Жұмысқа қабылданды', ru: 'Трудоустроены' }, value: (row) => number(row.hired) },
    { header: { kk: 'Бас тартылды', ru: 'Отказы' }, value: (row) => number(row.refused) },
    { header: { kk: 'Жұмысқа қабылданғандар үлесі', ru: 'Доля трудоустроенных' }, value: (row) => number(row.hiredShare) },
  ],
  activeMeasures: [
    ...kind(activeMeasureKindLabels, { kk: 'Белсенді шара', ru: 'Активная мера' }),
    { header: { kk: 'Жолдама берілді', ru: 'Направлены' }, value: (row) => number(row.referred) },
    { header: { kk: 'Тұрақты жұмысқа орналасты', ru: 'Трудоустроены на постоянную работу' }, value: (row) => number(row.employedPermanently) },
    { header: { kk: '30 күн ішінде', ru: 'В течение 30 дней' }, value: (row) => number(row.employedWithin30Days) },
    { header: { kk: '90 күн ішінде', ru: 'В течение 90 дней' }, value: (row) => number(row.employedWithin90Days) },
    { header: { kk: 'Жұмысқа орналасуға дейінгі орташа күн', ru: 'Среднее число дней до трудоустройства' }, value: (row) => number(row.averageDaysToEmployment) },
  ],
  relocation: [
    { header: { kk: 'Отбасылар', ru: 'Семьи' }, value: (row) => number(row.families) },
    { header: { kk: 'Адамдар', ru: 'Человек' }, value: (row) => number(row.persons) },
    { header: { kk: 'Көшу шығыстары, теңге', ru: 'Расходы на переезд, тенге' }, value: (row) => row.relocationExpenses },
    { header: { kk: 'Тұрғын үй жалдау өтемі, теңге', ru: 'Возмещение аренды жилья, тенге' }, value: (row) => row.rentReimbursement },
    { header: { kk: 'Экономикалық ұтқырлық сертификаты, теңге', ru: 'Сертификат экономической мобильности, тенге' }, value: (row) => row.economicMobilityCertificate },
    { header: { kk: 'Барлығы, теңге', ru: 'Итого, тенге' }, value: (row) => row.total },
  ],
};

/** The table as CSV text in `language`. */
export async function statisticsCsv(statistics: Statistics, table: StatisticsTable, language: Language): Promise<string> {
  const rows = (await STATISTICS_LISTS[table](statistics)) as (Rows[StatisticsTable] & { group: GroupKey[] })[];
  const columns = COLUMNS[table] as Column<Rows[StatisticsTable]>[];
  const header = [
    ...statistics.request.groupBy.flatMap((d) => [labelIn(withCode(DIMENSION_HEADERS[d]), language), labelIn(DIMENSION_HEADERS[d], language)]),
    ...columns.map((column) => labelIn(column.header, language)),
  ];
  const lines = rows.map((row) => csvRow([
    ...row.group.flatMap((key) => [key.code, labelIn(key.label, language)]),
    ...columns.map((column) => column.value(row, language)),
  ]));
  return `\uFEFF${csvRow(header)}${lines.join('')}`;
}
