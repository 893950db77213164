import { defineEntity, p } from '@mikro-orm/core';
import { stored } from '../../db/entity-base.ts';

const CareerCenterSchema = defineEntity({
  name: 'CareerCenter',
  tableName: 'career_center',
  properties: {
    ...stored(),
    code: p.string().length(32).unique(),
    nameKk: p.string(),
    nameRu: p.string(),
    region: p.string().length(8).index(),
    district: p.string().length(16).nullable(),
    address: p.string().nullable(),
    phone: p.string().length(20).nullable(),
    email: p.string().nullable(),
  },
});
/** Career center (мансап орталығы): a branch of the labour-mobility center that keeps cards. */
export class CareerCenter extends CareerCenterSchema.class {}
CareerCenterSchema.setClass(CareerCenter);
