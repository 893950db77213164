import libphonenumber from 'google-libphonenumber';
import { EmailAddressResolver } from 'graphql-scalars';
import { TEXT_KINDS } from '../../db/text-kinds.ts';

// §8, §16.1, the footer — a phone is a number that can be dialled: its shape is E.164 (`+`, the
// country code, at most 15 digits, which fits the 20-character column), and libphonenumber's
// metadata says the number exists in its country's numbering plan (so +7 000 000 00 00 is
// refused). It is stored in E.164 as given, the one form the card keeps.

const util = libphonenumber.PhoneNumberUtil.getInstance();
const E164 = /^\+[1-9]\d{1,14}$/;

/** The phone in E.164, or null when it is no real number. */
export function phoneNumber(value: string): string | null {
  if (!E164.test(value)) return null;
  try {
    const number = util.parse(value);
    return util.isValidNumber(number) ? util.format(number, libphonenumber.PhoneNumberFormat.E164) : null;
  } catch {
    return null;
  }
}

/**
 * §9, the footer — an e-mail address as graphql-scalars' EmailAddress checks it, no longer than
 * the `Text` column it is stored in (it took 300 characters, which the database then refused).
 */
export function isEmailAddress(value: string): boolean {
  if (value.length > TEXT_KINDS.Text.maxLength) return false;
  try {
    EmailAddressResolver.parseValue(value);
    return true;
  } catch {
    return false;
  }
}
