import { defineEntity, p } from '@mikro-orm/core';

const PersonNameSchema = defineEntity({
  name: 'PersonName',
  embeddable: true,
  properties: {
    surname: p.string(),
    givenName: p.string(),
    patronymic: p.string().nullable(),
  },
});
/** §1 — full name. */
export class PersonName extends PersonNameSchema.class {}
PersonNameSchema.setClass(PersonName);

const AddressSchema = defineEntity({
  name: 'Address',
  embeddable: true,
  properties: {
    region: p.string().length(8),
    district: p.string().length(16).nullable(),
    settlement: p.string().nullable(),
    street: p.string().nullable(),
    house: p.string().length(32).nullable(),
    apartment: p.string().length(32).nullable(),
  },
});
/** §7 — residence address; region and district are dictionary codes. */
export class Address extends AddressSchema.class {}
AddressSchema.setClass(Address);
