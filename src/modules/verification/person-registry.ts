import { CountryCodeResolver } from 'graphql-scalars';
import { checkText } from '../base/text.ts';
import { parseIin, type IinSex } from '../person/iin.ts';

// Rule 2 — the state registry of individuals (ГБД ФЛ / ЖТ МДБ) as this system sees it: ask for an
// IIN, get the person, or learn why not. Registry trouble is an answer, never an exception, so a
// slow or broken registry can never cost a caseworker the card they typed.

/** A person as the registry records them (the body of `GET /persons/{iin}`). */
export interface RegistryPerson {
  iin: string;
  surname: string;
  givenName: string;
  patronymic: string | null;
  /** `YYYY-MM-DD`; must agree with the IIN. */
  birthDate: string;
  /** Must agree with the IIN. */
  sex: IinSex;
  /** ISO 3166-1 alpha-2; null for a stateless person. */
  citizenship: string | null;
  nationality: string | null;
  /** §7 — the registered address; null when the registry gives none. */
  address: RegistryAddress | null;
  /** Why the registry's address cannot be used (the rest of the answer still can); null when it can. */
  addressProblem: string | null;
}

/** §7 — a registered address as the registry gives it: territory codes of the `regions` dictionary, text as recorded. */
export interface RegistryAddress {
  region: string;
  district: string | null;
  settlement: string | null;
  street: string | null;
  house: string | null;
  apartment: string | null;
}

export type RegistryAnswer =
  | { kind: 'found'; person: RegistryPerson }
  | { kind: 'notFound' }
  /** The registry could not answer now (timeout, refused connection, HTTP 5xx or 429): ask again later. */
  | { kind: 'unavailable'; reason: string }
  /** The registry answered something unusable: a person must look. */
  | { kind: 'invalid'; reason: string };

export interface PersonRegistry {
  /** Recorded as the source of a verification and as the actor of the changes sync makes. */
  readonly name: string;
  /** Never throws for registry trouble: that is an `unavailable` or `invalid` answer. */
  lookup(iin: string): Promise<RegistryAnswer>;
}

const invalid = (reason: string): RegistryAnswer => ({ kind: 'invalid', reason });

function isCountryCode(value: string): boolean {
  if (!/^[A-Z]{2}$/.test(value)) return false;
  try {
    CountryCodeResolver.parseValue(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * The answer a registry's record of the person `iin` makes: found when it is a person record about
 * that very IIN whose birth date and sex agree with it, invalid otherwise.
 */
export function readPerson(iin: string, record: unknown): RegistryAnswer {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) return invalid('the answer is not a person record');
  const fields = record as Record<string, unknown>;
  if (fields.iin !== iin) return invalid(typeof fields.iin === 'string' ? 'the answer is about another IIN' : 'the answer has no IIN');
  const facts = parseIin(iin);
  if (!facts.ok) return invalid(`the IIN asked for is not valid: ${facts.reason}`);

  // The first problem found is the reason; text is stored trimmed, in one Unicode form (a
  // registry may send decomposed Kazakh letters).
  let problem = null as string | null;
  const text = (key: string, required: boolean): string | null => {
    const value = fields[key];
    const tidy = typeof value === 'string' ? value.normalize('NFC').trim() : value;
    if (tidy == null || tidy === '') {
      if (required) problem ??= `\`${key}\` is missing or empty`;
      return null;
    }
    if (typeof tidy !== 'string') problem ??= `\`${key}\` is not text`;
    else {
      // The registry's text is held to the rules of what a caseworker types: it fills the same columns.
      const checked = checkText('Text', tidy);
      if (checked.ok) return checked.text;
      problem ??= `\`${key}\` ${checked.problem}`;
    }
    return null;
  };
  const surname = text('surname', true);
  const givenName = text('givenName', true);
  const patronymic = text('patronymic', false);
  const nationality = text('nationality', false);
  if (problem) return invalid(problem);
  if (fields.birthDate !== facts.facts.birthDate) {
    return invalid(typeof fields.birthDate === 'string'
      ? `the birth date ${fields.birthDate.slice(0, 10)} contradicts the IIN (${facts.facts.birthDate})`
      : '`birthDate` is missing or not a date');
  }
  if (fields.sex !== facts.facts.sex) {
    return invalid(fields.sex === 'MALE' || fields.sex === 'FEMALE'
      ? `the sex ${fields.sex} contradicts the IIN (${facts.facts.sex})`
      : '`sex` is not MALE or FEMALE');
  }
  const citizenship = fields.citizenship ?? null;
  if (citizenship !== null && (typeof citizenship !== 'string' || !isCountryCode(citizenship))) {
    return invalid('`citizenship` is not an ISO 3166-1 alpha-2 country code');
  }
  const address = readAddress(fields.address);
  return {
    kind: 'found',
    person: {
      iin, surname: surname!, givenName: givenName!, patronymic, birthDate: facts.facts.birthDate, sex: facts.facts.sex,
      citizenship, nationality, ...address,
    },
  };
}

const ADDRESS_TEXTS = { settlement: 'Text', street: 'Text', house: 'ShortText', apartment: 'ShortText' } as const;

/**
 * §7 — the registry's address, optional: a bad one spoils only the address (its part of the
 * check), not the identity the rest of the answer confirms.
 */
function readAddress(value: unknown): Pick<RegistryPerson, 'address' | 'addressProblem'> {
  if (value == null) return { address: null, addressProblem: null };
  const problem = (reason: string) => ({ address: null, addressProblem: reason });
  if (typeof value !== 'object' || Array.isArray(value)) return problem('`address` is not an object');
  const fields = value as Record<string, unknown>;
  const code = (key: 'region' | 'district', required: boolean): string | null | undefined => {
    const given = fields[key];
    if (given == null || given === '') return required ? undefined : null;
    return typeof given === 'string' ? given.trim() : undefined;
  };
  const region = code('region', true);
  if (!region) return problem('`address.region` is missing or not a code');
  const district = code('district', false);
  if (district === undefined) return problem('`address.district` is not a code');
  const texts: Record<string, string | null> = {};
  for (const [key, kind] of Object.entries(ADDRESS_TEXTS)) {
    const given = fields[key];
    if (given == null || (typeof given === 'string' && !given.trim())) {
      texts[key] = null;
      continue;
    }
    if (typeof given !== 'string') return problem(`\`address.${key}\` is not text`);
    const checked = checkText(kind, given.normalize('NFC').trim());
    if (!checked.ok) return problem(`\`address.${key}\` ${checked.problem}`);
    texts[key] = checked.text;
  }
  return {
    address: { region, district, settlement: texts.settlement ?? null, street: texts.street ?? null, house: texts.house ?? null, apartment: texts.apartment ?? null },
    addressProblem: null,
  };
}
