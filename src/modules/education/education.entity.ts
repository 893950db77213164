import { defineEntity, p } from '@mikro-orm/core';
import { sourced, stored, voidable } from '../../db/entity-base.ts';
import { DatePeriod } from '../base/values.entity.ts';
import { Card } from '../card/card.entity.ts';
import { additionalEducationKindLabels, codes, educationLevelLabels } from '../dictionary/codes.ts';
import { textColumn } from '../../db/text-kinds.ts';

const EducationEntrySchema = defineEntity({
  name: 'EducationEntry',
  tableName: 'education_entry',
  properties: {
    ...stored(),
    ...voidable(),
    ...sourced(),
    card: () => p.manyToOne(Card).mapToPk().index(),
    /** MAIN (§10.1) or ADDITIONAL (§10.2). */
    section: p.enum(['MAIN', 'ADDITIONAL'] as const),
    institutionName: textColumn('Text'),
    level: p.enum(codes(educationLevelLabels)).nullable(),
    additionalKind: p.enum(codes(additionalEducationKindLabels)).nullable(),
    studyPeriod: () => p.embedded(DatePeriod).prefix('study_').nullable(),
    specialty: textColumn('Text').nullable(),
  },
  uniques: [{ properties: ['card', 'sourceId'], name: 'education_entry_card_source_id_unique' }],
});
/** §10 — one entry of main or additional education. */
export class EducationEntry extends EducationEntrySchema.class {}
EducationEntrySchema.setClass(EducationEntry);

const LastJobSchema = defineEntity({
  name: 'LastJob',
  embeddable: true,
  properties: {
    employerName: textColumn('Text'),
    hiredOn: p.date().nullable(),
    dismissedOn: p.date().nullable(),
    position: textColumn('Text').nullable(),
  },
});
/** §11 — last place of work. */
export class LastJob extends LastJobSchema.class {}
LastJobSchema.setClass(LastJob);
