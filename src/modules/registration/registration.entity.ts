import { defineEntity, p } from '@mikro-orm/core';
import { sourced, stored, voidable } from '../../db/entity-base.ts';
import { Card } from '../card/card.entity.ts';
import { codes, deregistrationReasonLabels, registrationKindLabels, registrationRefusalReasonLabels } from '../dictionary/codes.ts';
import { textColumn } from '../../db/text-kinds.ts';

const RegistrationRefusalSchema = defineEntity({
  name: 'RegistrationRefusal',
  embeddable: true,
  properties: {
    refusedOn: p.date(),
    reason: p.enum(codes(registrationRefusalReasonLabels)),
    note: textColumn('LongText').nullable(),
  },
});
/** §12, §15 — refusal to register. */
export class RegistrationRefusal extends RegistrationRefusalSchema.class {}
RegistrationRefusalSchema.setClass(RegistrationRefusal);

const DeregistrationSchema = defineEntity({
  name: 'Deregistration',
  embeddable: true,
  properties: {
    deregisteredOn: p.date(),
    reason: p.enum(codes(deregistrationReasonLabels)),
    note: textColumn('LongText').nullable(),
  },
});
/** §12, §15 — removal from the register. */
export class Deregistration extends DeregistrationSchema.class {}
DeregistrationSchema.setClass(Deregistration);

const RegistrationSchema = defineEntity({
  name: 'Registration',
  tableName: 'registration',
  properties: {
    ...stored(),
    ...voidable(),
    ...sourced(),
    card: () => p.manyToOne(Card).mapToPk().index(),
    kind: p.enum(codes(registrationKindLabels)),
    appliedOn: p.date(),
    registeredOn: p.date().nullable().index(),
    refusal: () => p.embedded(RegistrationRefusal).prefix('refusal_').nullable(),
    deregistration: () => p.embedded(Deregistration).prefix('deregistration_').nullable(),
    /** The day the person withdrew the application (the history names who). */
    withdrawnOn: p.date().nullable(),
  },
  uniques: [{ properties: ['card', 'sourceId'], name: 'registration_card_source_id_unique' }],
});
/** §12 (job seeker) or §15 (unemployed) — one registration episode. */
export class Registration extends RegistrationSchema.class {}
RegistrationSchema.setClass(Registration);
