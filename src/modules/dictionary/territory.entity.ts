import { defineEntity, p } from '@mikro-orm/core';

// Reference data of administrative-territorial units, inserted by migrations and read once at
// start-up into the in-memory `Territories` directory.

const RegionSchema = defineEntity({
  name: 'Region',
  tableName: 'region',
  properties: {
    code: p.string().length(8).primary(),
    kind: p.enum(['REGION', 'CITY'] as const),
    nameKk: p.string(),
    nameRu: p.string(),
    sortOrder: p.integer(),
  },
});
/** §7 — region (облыс / область) or city of republican significance. */
export class Region extends RegionSchema.class {}
RegionSchema.setClass(Region);

const DistrictSchema = defineEntity({
  name: 'District',
  tableName: 'district',
  properties: {
    code: p.string().length(16).primary(),
    region: () => p.manyToOne(Region).mapToPk(),
    kind: p.enum(['DISTRICT', 'CITY', 'CITY_DISTRICT'] as const),
    nameKk: p.string(),
    nameRu: p.string(),
    sortOrder: p.integer(),
  },
});
/** §7 — district, city of regional significance, or district of a city of republican significance. */
export class District extends DistrictSchema.class {}
DistrictSchema.setClass(District);
