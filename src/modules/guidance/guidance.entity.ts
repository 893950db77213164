import { defineEntity, p } from '@mikro-orm/core';
import { stored, voidable } from '../../db/entity-base.ts';
import { Card } from '../card/card.entity.ts';

const CareerGuidanceSchema = defineEntity({
  name: 'CareerGuidance',
  tableName: 'career_guidance',
  properties: {
    ...stored(),
    ...voidable(),
    card: () => p.manyToOne(Card).mapToPk().index(),
    bodyName: p.string(),
    heldOn: p.date(),
    result: p.text(),
  },
});
/** §13 — one career-guidance session and its result. */
export class CareerGuidance extends CareerGuidanceSchema.class {}
CareerGuidanceSchema.setClass(CareerGuidance);
