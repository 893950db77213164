// Issue 6 — what an ANALYST sees of personal data: statistics need the card's facts, not who the
// person is. The masked fields are listed here and nowhere else; their resolvers ask `masked()`.
//   §2 IIN               `************` (the IIN scalar's masked form)
//   §1 names, §16.4 family member names   `***`
//   §4 birth date        the day becomes the 1st (year and month stay: age groups need them)
//   §7 street, house, apartment; §8 phone; §9 e-mail   null
// History values hold the same data in JSON: the same keys are masked there.

export const MASKED_IIN = '************';
export const MASKED_TEXT = '***';

/** A birth date with its day hidden. */
export const maskDay = (date: string) => `${date.slice(0, 8)}01`;

/** JSON keys of personal data in history values, and how each is masked. */
const MASKED_KEYS: Record<string, (value: unknown) => unknown> = {
  iin: () => MASKED_IIN,
  surname: () => MASKED_TEXT,
  givenName: () => MASKED_TEXT,
  patronymic: (value) => (value == null ? null : MASKED_TEXT),
  fullName: (value) => (typeof value === 'string' ? MASKED_TEXT : value),
  birthDate: (value) => (typeof value === 'string' ? maskDay(value) : value),
  street: () => null,
  house: () => null,
  apartment: () => null,
  phone: () => null,
  email: () => null,
};

/** A history value with its personal data masked, at any depth. */
export function maskJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskJson);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => {
    const mask = MASKED_KEYS[key];
    return [key, mask ? mask(maskJson(inner)) : maskJson(inner)];
  }));
}
