import { defineEntity, p } from '@mikro-orm/core';
import { Place } from '../base/values.entity.ts';
import { codes, searchTimeScaleLabels } from '../dictionary/codes.ts';
import { textColumn } from '../../db/text-kinds.ts';

const ExpectedWageSchema = defineEntity({
  name: 'ExpectedWage',
  embeddable: true,
  properties: {
    desired: p.decimal('string').precision(14).scale(2).nullable(),
    sufficientToStart: p.decimal('string').precision(14).scale(2).nullable(),
    minimum: p.decimal('string').precision(14).scale(2).nullable(),
  },
});
/** §19.1 — expected wage amounts, exact. */
export class ExpectedWage extends ExpectedWageSchema.class {}
ExpectedWageSchema.setClass(ExpectedWage);

const ExpectationsSchema = defineEntity({
  name: 'Expectations',
  embeddable: true,
  properties: {
    wage: () => p.embedded(ExpectedWage).prefix('wage_'),
    workplace: () => p.embedded(Place).prefix('workplace_').nullable(),
    preferredPosition: textColumn('Text').nullable(),
    lessSuitablePosition: textColumn('Text').nullable(),
    searchTime: p.enum(codes(searchTimeScaleLabels)).nullable(),
    searchMonths: p.integer().nullable(),
  },
});
/** §19 — the unemployed person's expectations. */
export class Expectations extends ExpectationsSchema.class {}
ExpectationsSchema.setClass(Expectations);
