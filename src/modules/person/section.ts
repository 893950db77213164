import type { AddressInput, IdentityInput, PersonNameInput } from '../../generated/graphql.ts';
import type { Checks } from '../base/checks.ts';
import { allHandled, text } from '../base/inputs.ts';
import { cardPart, partValue } from '../card/card-section.ts';
import { identityPrinted } from './printed.ts';

// §1–9: who the person is and how to reach them, on the card row. §2 never changes; §3 and §4
// follow from it.

function nameValues(checks: Checks, field: readonly string[], input: PersonNameInput) {
  const { surname, givenName, patronymic, ...rest } = input;
  allHandled(rest);
  checks.text([...field, 'surname'], surname).text([...field, 'givenName'], givenName).text([...field, 'patronymic'], patronymic, false);
  return { surname: surname.trim(), givenName: givenName.trim(), patronymic: text(patronymic) };
}

function addressValues(checks: Checks, field: readonly string[], input: AddressInput) {
  const { region, district, settlement, street, house, apartment, ...rest } = input;
  allHandled(rest);
  checks.place(field, region, district);
  for (const [key, value] of Object.entries({ settlement, street, house, apartment })) checks.text([...field, key], value, false);
  return { region, district: district ?? null, settlement: text(settlement), street: text(street), house: text(house), apartment: text(apartment) };
}

/** §1, §5–9 — checks an identity and gives the card properties it sets. */
export function identityValues(checks: Checks, input: IdentityInput, field: readonly string[] = ['input']) {
  const { fullName, citizenship, nationality, address, phone, email, ...rest } = input;
  allHandled(rest);
  checks.text([...field, 'nationality'], nationality, false);
  return {
    fullName: nameValues(checks, [...field, 'fullName'], fullName),
    citizenship: citizenship ?? null,
    nationality: text(nationality),
    address: address ? addressValues(checks, [...field, 'address'], address) : null,
    phone: phone ?? null,
    email: email ?? null,
  };
}

/** §1–9 — recorded as one part: who the person is and how to reach them. */
export const identity = cardPart({
  name: 'identity',
  printed: identityPrinted,
  type: 'Card',
  snapshot: (card) => partValue({
    iin: card.iin, fullName: card.fullName, sex: card.sex, birthDate: card.birthDate, citizenship: card.citizenship ?? null,
    nationality: card.nationality ?? null, address: card.address ?? null, phone: card.phone ?? null, email: card.email ?? null,
  }),
  restore: (value) => ({ ...value }),
  // Given at the top level of a record; what a record leaves out is left as it is.
  imported: { key: null, input: 'IdentityInput', values: (checks, input: IdentityInput) => identityValues(checks, input, []) },
});
