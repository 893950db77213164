import { defineEntity, p } from '@mikro-orm/core';
import { stored } from '../../db/entity-base.ts';
import { Card } from '../card/card.entity.ts';
import { codes, signatoryRoleLabels } from '../dictionary/codes.ts';
import { textColumn } from '../../db/text-kinds.ts';

const OrganisationSchema = defineEntity({
  name: 'Organisation',
  embeddable: true,
  properties: {
    name: textColumn('Text'),
    address: textColumn('Text').nullable(),
    phone: p.string().length(20).nullable(),
    email: textColumn('Text').nullable(),
  },
});
/** Footer — the issuing organisation's details as printed on the card. */
export class Organisation extends OrganisationSchema.class {}
OrganisationSchema.setClass(Organisation);

// Signatures are evidence: never voided or changed, so they carry no void columns.
const CardSignatureSchema = defineEntity({
  name: 'CardSignature',
  tableName: 'card_signature',
  properties: {
    ...stored(),
    card: () => p.manyToOne(Card).mapToPk().index(),
    role: p.enum(codes(signatoryRoleLabels)),
    signerName: textColumn('Text'),
    signedAt: p.datetime(),
    cardVersion: p.integer(),
    digest: p.string().length(64),
    signature: textColumn('Signature'),
  },
});
/** Footer — a detached electronic signature of one card version. */
export class CardSignature extends CardSignatureSchema.class {}
CardSignatureSchema.setClass(CardSignature);
