import { defineEntity, p } from '@mikro-orm/core';
import { textColumn } from '../../db/text-kinds.ts';

// Value objects shared by several sections, stored inline (embeddables) in their owners' tables.

const DatePeriodSchema = defineEntity({
  name: 'DatePeriod',
  embeddable: true,
  properties: {
    start: p.date(),
    end: p.date().nullable(),
  },
});
/** §10, §16, §17 — a study or participation period. */
export class DatePeriod extends DatePeriodSchema.class {}
DatePeriodSchema.setClass(DatePeriod);

const EmploymentSchema = defineEntity({
  name: 'Employment',
  embeddable: true,
  properties: {
    employedOn: p.date(),
    employerName: textColumn('Text'),
    position: textColumn('Text'),
  },
});
/** §16 — employment in a permanent job after an active measure. */
export class Employment extends EmploymentSchema.class {}
EmploymentSchema.setClass(Employment);

const PlaceSchema = defineEntity({
  name: 'Place',
  embeddable: true,
  properties: {
    region: p.string().length(8).nullable(),
    district: p.string().length(16).nullable(),
    settlement: textColumn('Text').nullable(),
  },
});
/** §16.4, §19 — region and district codes plus a settlement name. */
export class Place extends PlaceSchema.class {}
PlaceSchema.setClass(Place);
