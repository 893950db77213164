import { settings } from '../../runtime/settings.ts';
import { normalizeMoney } from '../base/money.ts';
import { valueAt, type PrintedField, type PrintedFormat, type Snapshot } from '../card/card-section.ts';
import { dictionaries, labelIn, refusingPartyLabels, type Label, type Language } from '../dictionary/codes.ts';
import type { Territories } from '../dictionary/territories.ts';

// Values as the printed card writes them: dates dd.mm.yyyy, money with two decimals (from its
// decimal text, never through a float), codes by their labels, places by their names.

/** Words the printed card writes besides the form's headings and labels. */
export const WORDS = {
  title: { kk: 'Жұмыспен қамтудың жеке картасы', ru: 'Индивидуальная карта занятости' },
  subtitle: { kk: 'әкімшілік деректерін жинауға арналған нысан', ru: 'форма, предназначенная для сбора административных данных' },
  card: { kk: 'Карта', ru: 'Карта' },
  version: { kk: 'нұсқасы', ru: 'версия' },
  rowNumber: { kk: '№ р/с', ru: '№ п/п' },
  yes: { kk: 'Иә', ru: 'Да' },
  no: { kk: 'Жоқ', ru: 'Нет' },
  months: { kk: 'ай', ru: 'мес.' },
  until: { kk: 'дейін', ru: 'до' },
  order: { kk: 'бұйрық', ru: 'приказ' },
  asOf: { kk: 'Карта мына сәттегі күйінде басылды', ru: 'Карта напечатана по состоянию на' },
  // The version printed: the current one, or the one at `asOf`.
  printedVersion: { kk: 'Басылған карта нұсқасы', ru: 'Напечатанная версия карты' },
  covered: { kk: 'Бұл нұсқаға орындаушы да, басшы да қол қойды', ru: 'Эта версия подписана и исполнителем, и руководителем' },
  digest: { kk: 'Бұл нұсқа құжатының дайджесті (SHA-256)', ru: 'Дайджест документа этой версии (SHA-256)' },
  printedAt: { kk: 'Басып шығарылған уақыты', ru: 'Дата и время печати' },
  /** Page 3 of 7, with the numbers put in as the page is laid out. */
  pageOf: { kk: '{page}-бет, барлығы {pages}', ru: 'Страница {page} из {pages}' },
} as const satisfies Record<string, Label>;

/** `YYYY-MM-DD` (or a longer ISO text) as dd.mm.yyyy. */
export function date(value: unknown): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(value));
  return match ? `${match[3]}.${match[2]}.${match[1]}` : String(value);
}

let moments: Intl.DateTimeFormat | undefined;
/** A moment as dd.mm.yyyy HH:MM where the card is kept. */
export function dateTime(value: unknown): string {
  moments ??= new Intl.DateTimeFormat('en-GB', {
    timeZone: settings().CARD_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  });
  const at = new Date(String(value));
  if (Number.isNaN(at.getTime())) return String(value);
  const part = Object.fromEntries(moments.formatToParts(at).map(({ type, value: text }) => [type, text]));
  return `${part.day}.${part.month}.${part.year} ${part.hour}:${part.minute}`;
}

/** An amount with its thousands apart (no-break spaces) and two decimals after a comma: 4 500 000,50. */
export function money(value: unknown): string {
  const canonical = normalizeMoney(String(value), 18);
  if (!canonical) return String(value);
  const [whole, fraction] = canonical.split('.') as [string, string];
  return `${whole.replace(/\B(?=(\d{3})+$)/g, '\u00a0')},${fraction}`;
}

/** What the formats need besides the value. */
export interface Reading {
  language: Language;
  territories: Territories;
}

const isSet = (value: unknown) => value !== null && value !== undefined && value !== '';
const joined = (...parts: unknown[]) => parts.filter(isSet).map(String).join(', ');

function placeName(value: unknown, reading: Reading): string {
  const place = (value ?? {}) as { region?: string | null; district?: string | null; settlement?: string | null };
  return joined(region(place.region, reading), district(place.district, reading), place.settlement);
}

function region(code: unknown, { territories, language }: Reading): string | null {
  if (!isSet(code)) return null;
  const found = territories.region(String(code));
  return found ? labelIn(found, language) : String(code);
}

function district(code: unknown, { territories, language }: Reading): string | null {
  if (!isSet(code)) return null;
  const found = territories.district(String(code));
  return found ? labelIn(found, language) : String(code);
}

// ICU's names of countries: Node is built with full ICU, which has Kazakh and Russian.
const countryNames = new Map<Language, Intl.DisplayNames>();
function country(code: unknown, { language }: Reading): string {
  let names = countryNames.get(language);
  if (!names) countryNames.set(language, names = new Intl.DisplayNames([language.toLowerCase()], { type: 'region', fallback: 'code' }));
  try {
    return names.of(String(code)) ?? String(code);
  } catch {
    return String(code);
  }
}

function outcome(value: unknown, reading: Reading): string {
  const act = value as Record<string, unknown>;
  if ('orderNumber' in act || 'orderDate' in act) {
    return joined(isSet(act.orderDate) ? date(act.orderDate) : null, isSet(act.orderNumber) ? `${labelIn(WORDS.order, reading.language)} № ${act.orderNumber}` : null, act.position);
  }
  const party = refusingPartyLabels[act.refusedBy as keyof typeof refusingPartyLabels];
  return joined(party ? labelIn(party, reading.language) : act.refusedBy, isSet(act.refusedOn) ? date(act.refusedOn) : null, act.reason);
}

/** A value in a format; '' when it is not set (a blank on paper). */
export function formatted(value: unknown, format: PrintedFormat, reading: Reading): string {
  if (!isSet(value)) return '';
  if (typeof format === 'object') {
    const label = dictionaries[format.dictionary][String(value)];
    return label ? labelIn(label, reading.language) : String(value);
  }
  switch (format) {
    case 'text': return String(value);
    // Two lines of 32: 64 digits in one line would not fit a cell.
    case 'digest': return String(value).replace(/^(.{32})(?=.)/, '$1\n');
    case 'months': return `${String(value)} ${labelIn(WORDS.months, reading.language)}`;
    case 'term': {
      if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
        return reading.language === 'RU' ? `${labelIn(WORDS.until, reading.language)} ${date(value)}` : `${date(value)} ${labelIn(WORDS.until, reading.language)}`;
      }
      return `${String(value)} ${labelIn(WORDS.months, reading.language)}`;
    }
    case 'date': return date(value);
    case 'dateTime': return dateTime(value);
    case 'money': return money(value);
    case 'period': {
      const { start, end } = value as { start?: unknown; end?: unknown };
      return `${isSet(start) ? date(start) : ''} – ${isSet(end) ? date(end) : ''}`;
    }
    case 'yesNo': return labelIn(value ? WORDS.yes : WORDS.no, reading.language);
    case 'country': return country(value, reading);
    case 'region': return region(value, reading) ?? '';
    case 'district': return district(value, reading) ?? '';
    case 'place': return placeName(value, reading);
    case 'outcome': return outcome(value, reading);
    case 'employment': {
      const job = value as Record<string, unknown>;
      return joined(isSet(job.employedOn) ? date(job.employedOn) : null, job.employerName, job.position);
    }
  }
}

/** A field's value in a recorded value, as printed. */
export function fieldText(field: PrintedField, row: Snapshot | null, reading: Reading): string {
  if (!row || field.path === undefined) return '';
  const paths = typeof field.path === 'string' ? [field.path] : field.path;
  const value = paths.map((path) => valueAt(row, path)).find(isSet);
  const text = formatted(value, field.as ?? 'text', reading);
  const detail = field.detail ? valueAt(row, field.detail) : null;
  return isSet(detail) ? joined(text, detail) : text;
}
