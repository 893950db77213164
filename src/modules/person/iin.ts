// §2 — the individual identification number (ЖСН / ИИН) of a natural person:
//   digits 1–6   birth date YYMMDD
//   digit  7     century and sex: 1/2 born 1800–1899, 3/4 born 1900–1999, 5/6 born 2000–2099;
//                odd = male, even = female
//   digits 8–11  serial number
//   digit  12    control digit: sum(d[i] * w[i]) mod 11 over the first 11 digits with weights
//                1..11; if that is 10, again with weights 3..11,1,2; a second 10 means the number
//                is never issued.

export type IinSex = 'MALE' | 'FEMALE';

export interface IinFacts {
  birthDate: string;
  sex: IinSex;
}

const FIRST_WEIGHTS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const SECOND_WEIGHTS = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

function weightedMod11(digits: readonly number[], weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < 11; i++) sum += digits[i]! * weights[i]!;
  return sum % 11;
}

/** The control digit for the first 11 digits, or null when both passes give 10 (never issued). */
export function iinControlDigit(first11: string): number | null {
  const digits = [...first11].map(Number);
  const first = weightedMod11(digits, FIRST_WEIGHTS);
  if (first !== 10) return first;
  const second = weightedMod11(digits, SECOND_WEIGHTS);
  return second === 10 ? null : second;
}

function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Parses an IIN: its birth date and sex, or the reason it is invalid. */
export function parseIin(value: string): { ok: true; facts: IinFacts } | { ok: false; reason: string } {
  if (!/^\d{12}$/.test(value)) return { ok: false, reason: 'an IIN is exactly 12 digits' };
  const centuryAndSex = Number(value[6]);
  if (centuryAndSex < 1 || centuryAndSex > 6) {
    return { ok: false, reason: 'the 7th digit (century and sex) must be 1 to 6' };
  }
  const year = 1800 + 100 * Math.floor((centuryAndSex - 1) / 2) + Number(value.slice(0, 2));
  const month = Number(value.slice(2, 4));
  const day = Number(value.slice(4, 6));
  if (!isRealDate(year, month, day)) return { ok: false, reason: 'the first six digits are not a real date (YYMMDD)' };
  const control = iinControlDigit(value.slice(0, 11));
  if (control === null) return { ok: false, reason: 'no IIN is issued with these first 11 digits (control value 10 on both passes)' };
  if (control !== Number(value[11])) return { ok: false, reason: 'the control digit does not match' };
  const birthDate = `${year}-${value.slice(2, 4)}-${value.slice(4, 6)}`;
  return { ok: true, facts: { birthDate, sex: centuryAndSex % 2 === 1 ? 'MALE' : 'FEMALE' } };
}

/**
 * Builds a valid IIN for a birth date, sex and serial number (0–9999), or null when that serial
 * yields an unissuable control value; callers try the next serial.
 */
export function composeIin(birthDate: string, sex: IinSex, serial: number): string | null {
  const [yearText, month, day] = birthDate.split('-') as [string, string, string];
  const year = Number(yearText);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(birthDate) || !isRealDate(year, Number(month), Number(day))) {
    throw new RangeError(`"${birthDate}" is not a date`);
  }
  if (!Number.isInteger(serial) || serial < 0 || serial > 9999) throw new RangeError(`serial ${serial} is not 0–9999`);
  const century = Math.floor((year - 1800) / 100);
  if (century < 0 || century > 2) throw new RangeError(`no IIN century digit for year ${year}`);
  const centuryAndSex = century * 2 + (sex === 'MALE' ? 1 : 2);
  const first11 = `${yearText.slice(2)}${month}${day}${centuryAndSex}${String(serial).padStart(4, '0')}`;
  const control = iinControlDigit(first11);
  return control === null ? null : first11 + control;
}

/**
 * The earliest date a card holds: nobody whose card is kept was born before 1900 (an IIN of the
 * 1800s is well formed, and a typing error here). Dates of facts and birth dates start here.
 */
export const EARLIEST_DATE = '1900-01-01';

/** An IIN a card may be kept for: a valid IIN of a person born in 1900 or later. */
export function parseCardIin(value: string): ReturnType<typeof parseIin> {
  const parsed = parseIin(value);
  if (parsed.ok && parsed.facts.birthDate < EARLIEST_DATE) return { ok: false, reason: `the birth date (${parsed.facts.birthDate}) is before ${EARLIEST_DATE}` };
  return parsed;
}
