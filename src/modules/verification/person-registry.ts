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
  return {
    kind: 'found',
    person: {
      iin, surname: surname!, givenName: givenName!, patronymic, birthDate: facts.facts.birthDate, sex: facts.facts.sex,
      citizenship, nationality,
    },
  };
}
