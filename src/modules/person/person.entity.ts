import { defineEntity, p } from '@mikro-orm/core';
import { codes, verificationReasonLabels, verificationStatusLabels } from '../dictionary/codes.ts';
import { textColumn } from '../../db/text-kinds.ts';

const PersonNameSchema = defineEntity({
  name: 'PersonName',
  embeddable: true,
  properties: {
    surname: textColumn('Text'),
    givenName: textColumn('Text'),
    patronymic: textColumn('Text').nullable(),
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
    settlement: textColumn('Text').nullable(),
    street: textColumn('Text').nullable(),
    house: textColumn('ShortText').nullable(),
    apartment: textColumn('ShortText').nullable(),
  },
});
/** §7 — residence address; region and district are dictionary codes. */
export class Address extends AddressSchema.class {}
AddressSchema.setClass(Address);

const IdentityVerificationSchema = defineEntity({
  name: 'IdentityVerification',
  embeddable: true,
  properties: {
    status: p.enum(codes(verificationStatusLabels)).default('PENDING'),
    source: p.string().nullable(),
    verifiedAt: p.datetime().nullable(),
    checkedAt: p.datetime().nullable(),
    /** Why, for programs; `reason` holds the English detail. */
    reasonCode: p.enum(codes(verificationReasonLabels)).nullable(),
    reason: p.text().nullable(),
    /** §7 — compared with the registered address, never overwritten: an outcome of its own. */
    addressStatus: p.enum(codes(verificationStatusLabels)).default('PENDING'),
    addressReasonCode: p.enum(codes(verificationReasonLabels)).nullable(),
    addressReason: p.text().nullable(),
  },
});
/** Rule 2 — the last check of the identity (§1, §5, §6) and of the address (§7) against the state registry of individuals. */
export class IdentityVerification extends IdentityVerificationSchema.class {}
IdentityVerificationSchema.setClass(IdentityVerification);
