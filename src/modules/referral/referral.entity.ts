import { defineEntity, p } from '@mikro-orm/core';
import { sourced, stored, voidable } from '../../db/entity-base.ts';
import { Card } from '../card/card.entity.ts';
import { codes, refusingPartyLabels } from '../dictionary/codes.ts';
import { textColumn } from '../../db/text-kinds.ts';

const HiringActSchema = defineEntity({
  name: 'HiringAct',
  embeddable: true,
  properties: {
    orderDate: p.date(),
    orderNumber: textColumn('ShortText'),
    position: textColumn('Text'),
  },
});
/** §14, §16.3, §17 — the employer's hiring order. */
export class HiringAct extends HiringActSchema.class {}
HiringActSchema.setClass(HiringAct);

const ReferralRefusalSchema = defineEntity({
  name: 'ReferralRefusal',
  embeddable: true,
  properties: {
    refusedBy: p.enum(codes(refusingPartyLabels)),
    refusedOn: p.date(),
    reason: textColumn('LongText'),
  },
});
/** §14, §16.3 — refusal to hire, by the employer or the applicant. */
export class ReferralRefusal extends ReferralRefusalSchema.class {}
ReferralRefusalSchema.setClass(ReferralRefusal);

const ReferralSchema = defineEntity({
  name: 'Referral',
  tableName: 'referral',
  properties: {
    ...stored(),
    ...voidable(),
    ...sourced(),
    card: () => p.manyToOne(Card).mapToPk(),
    employerName: textColumn('Text'),
    position: textColumn('Text'),
    referredOn: p.date(),
    hiringAct: () => p.embedded(HiringAct).prefix('hiring_').nullable(),
    refusal: () => p.embedded(ReferralRefusal).prefix('refusal_').nullable(),
  },
  uniques: [{ properties: ['card', 'sourceId'], name: 'referral_card_source_id_unique' }],
  indexes: [{ properties: ['card', 'referredOn', 'id'], name: 'referral_card_chronology_index' }],
});
/** §14 — a referral to suitable work. */
export class Referral extends ReferralSchema.class {}
ReferralSchema.setClass(Referral);
