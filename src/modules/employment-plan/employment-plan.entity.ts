import { defineEntity, p } from '@mikro-orm/core';
import { sourced, stored, voidable } from '../../db/entity-base.ts';
import { Card } from '../card/card.entity.ts';
import { textColumn } from '../../db/text-kinds.ts';

const EmploymentPlanRowSchema = defineEntity({
  name: 'EmploymentPlanRow',
  tableName: 'employment_plan_row',
  properties: {
    ...stored(),
    ...voidable(),
    ...sourced(),
    card: () => p.manyToOne(Card).mapToPk().index(),
    measure: textColumn('LongText'),
    execution: textColumn('LongText').nullable(),
    executedOn: p.date().nullable(),
    nonExecutionReason: textColumn('LongText').nullable(),
  },
  uniques: [{ properties: ['card', 'sourceId'], name: 'employment_plan_row_card_source_id_unique' }],
});
/** §20 — one row of the placement plan. */
export class EmploymentPlanRow extends EmploymentPlanRowSchema.class {}
EmploymentPlanRowSchema.setClass(EmploymentPlanRow);
