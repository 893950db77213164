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

export const SIGNATURE_VERIFICATIONS = ['LOCAL', 'EXTERNAL'] as const;

// Signatures are evidence: never voided or changed, so they carry no void columns. Those stored
// before signatures were verified have no signer subject, IIN, certificate or verification.
const CardSignatureSchema = defineEntity({
  name: 'CardSignature',
  tableName: 'card_signature',
  properties: {
    ...stored(),
    card: () => p.manyToOne(Card).mapToPk().index(),
    role: p.enum(codes(signatoryRoleLabels)),
    /** The signed-in user who signed (the token's subject). */
    signerSubject: p.string().length(255).nullable(),
    signerIin: p.string().length(12).nullable(),
    signerName: textColumn('Text'),
    signedAt: p.datetime(),
    cardVersion: p.integer(),
    digest: p.string().length(64),
    signature: textColumn('Signature'),
    /** The signer's certificate: subject and issuer as RFC 4514 strings, serial number in hex. */
    certificateSubject: textColumn('LongText').nullable(),
    certificateSerialNumber: p.string().length(128).nullable(),
    certificateIssuer: textColumn('LongText').nullable(),
    certificateValidFrom: p.datetime().nullable(),
    certificateValidTo: p.datetime().nullable(),
    verifiedBy: p.enum(SIGNATURE_VERIFICATIONS).nullable(),
  },
});
/** Footer — a detached electronic signature of one card version. */
export class CardSignature extends CardSignatureSchema.class {}
CardSignatureSchema.setClass(CardSignature);
