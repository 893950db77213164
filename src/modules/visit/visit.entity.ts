import { defineEntity, p } from '@mikro-orm/core';
import { sourced, stored, voidable } from '../../db/entity-base.ts';
import { Card } from '../card/card.entity.ts';
import { textColumn } from '../../db/text-kinds.ts';

const VisitSchema = defineEntity({
  name: 'Visit',
  tableName: 'visit',
  properties: {
    ...stored(),
    ...voidable(),
    ...sourced(),
    card: () => p.manyToOne(Card).mapToPk(),
    plannedOn: p.date(),
    attendedOn: p.date().nullable(),
    note: textColumn('LongText').nullable(),
  },
  uniques: [{ properties: ['card', 'sourceId'], name: 'visit_card_source_id_unique' }],
  indexes: [{ properties: ['card', 'plannedOn', 'id'], name: 'visit_card_chronology_index' }],
});
/** §18 — one row of the visits table. */
export class Visit extends VisitSchema.class {}
VisitSchema.setClass(Visit);
