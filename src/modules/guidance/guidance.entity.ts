import { defineEntity, p } from '@mikro-orm/core';
import { sourced, stored, voidable } from '../../db/entity-base.ts';
import { Card } from '../card/card.entity.ts';
import { textColumn } from '../../db/text-kinds.ts';

const CareerGuidanceSchema = defineEntity({
  name: 'CareerGuidance',
  tableName: 'career_guidance',
  properties: {
    ...stored(),
    ...voidable(),
    ...sourced(),
    card: () => p.manyToOne(Card).mapToPk().index(),
    bodyName: textColumn('Text'),
    heldOn: p.date(),
    result: textColumn('LongText'),
  },
  uniques: [{ properties: ['card', 'sourceId'], name: 'career_guidance_card_source_id_unique' }],
});
/** §13 — one career-guidance session and its result. */
export class CareerGuidance extends CareerGuidanceSchema.class {}
CareerGuidanceSchema.setClass(CareerGuidance);
