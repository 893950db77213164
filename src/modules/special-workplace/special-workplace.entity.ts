import { defineEntity, p } from '@mikro-orm/core';
import { sourced, stored, voidable } from '../../db/entity-base.ts';
import { DatePeriod } from '../base/values.entity.ts';
import { Card } from '../card/card.entity.ts';
import { HiringAct } from '../referral/referral.entity.ts';
import { textColumn } from '../../db/text-kinds.ts';

const SpecialWorkplaceSchema = defineEntity({
  name: 'SpecialWorkplace',
  tableName: 'special_workplace',
  properties: {
    ...stored(),
    ...voidable(),
    ...sourced(),
    card: () => p.manyToOne(Card).mapToPk().index(),
    employerName: textColumn('Text'),
    referredOn: p.date(),
    participationPeriod: () => p.embedded(DatePeriod).prefix('participation_').nullable(),
    position: textColumn('Text'),
    hiringAct: () => p.embedded(HiringAct).prefix('hiring_').nullable(),
  },
  uniques: [{ properties: ['card', 'sourceId'], name: 'special_workplace_card_source_id_unique' }],
});
/** §17 — a special workplace for a person with disability. */
export class SpecialWorkplace extends SpecialWorkplaceSchema.class {}
SpecialWorkplaceSchema.setClass(SpecialWorkplace);
