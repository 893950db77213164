import { defineEntity, p } from '@mikro-orm/core';
import { sourced, stored, voidable } from '../../db/entity-base.ts';
import { DatePeriod, Employment, Place } from '../base/values.entity.ts';
import { Card } from '../card/card.entity.ts';
import {
  activeMeasureKindLabels, codes, housingTypeLabels, subsidizedJobTypeLabels, trainingTypeLabels,
} from '../dictionary/codes.ts';
import { HiringAct, ReferralRefusal } from '../referral/referral.entity.ts';
import { textColumn } from '../../db/text-kinds.ts';

// §16: the four kinds share one table (single-table inheritance on `kind`), so the section reads
// in chronological order with one query and one index, whatever the mix of kinds.

const ActiveMeasureSchema = defineEntity({
  name: 'ActiveMeasure',
  tableName: 'active_measure',
  abstract: true,
  discriminatorColumn: 'kind',
  properties: {
    ...stored(),
    ...voidable(),
    ...sourced(),
    card: () => p.manyToOne(Card).mapToPk(),
    kind: p.enum(codes(activeMeasureKindLabels)),
    referredOn: p.date(),
    /** §16.1, §16.3, §16.4 — employment in a permanent job afterwards. */
    employment: () => p.embedded(Employment).prefix('employment_').nullable(),
  },
  uniques: [{ properties: ['card', 'sourceId'], name: 'active_measure_card_source_id_unique' }],
  indexes: [{ properties: ['card', 'referredOn', 'id'], name: 'active_measure_card_chronology_index' }],
});
/** §16 — a referral to an active employment-promotion measure. */
export class ActiveMeasure extends ActiveMeasureSchema.class {}
ActiveMeasureSchema.setClass(ActiveMeasure);

const ProfessionalTrainingSchema = defineEntity({
  name: 'ProfessionalTraining',
  extends: ActiveMeasureSchema,
  discriminatorValue: 'PROFESSIONAL_TRAINING',
  properties: {
    trainingType: p.enum(codes(trainingTypeLabels)),
    providerName: textColumn('Text'),
    providerAddress: textColumn('Text').nullable(),
    providerPhone: p.string().length(20).nullable(),
    studyPeriod: () => p.embedded(DatePeriod).prefix('study_').nullable(),
    qualificationObtained: textColumn('Text').nullable(),
  },
});
/** §16.1 — professional training. */
export class ProfessionalTraining extends ProfessionalTrainingSchema.class {}
ProfessionalTrainingSchema.setClass(ProfessionalTraining);

const MicrocreditSchema = defineEntity({
  name: 'Microcredit',
  embeddable: true,
  properties: {
    receivedOn: p.date(),
    amount: p.decimal('string').precision(14).scale(2),
    // §16.2 — each term as the form was filled in: months, or the day it ends (one of the two).
    gracePeriodMonths: p.integer().nullable(),
    gracePeriodUntil: p.date().nullable(),
    repaymentTermMonths: p.integer().nullable(),
    repaymentTermUntil: p.date().nullable(),
    activityType: textColumn('Text'),
  },
});
/** §16.2 — a microcredit. */
export class Microcredit extends MicrocreditSchema.class {}
MicrocreditSchema.setClass(Microcredit);

const BasicsTrainingSchema = defineEntity({
  name: 'EntrepreneurshipBasicsTraining',
  embeddable: true,
  properties: {
    startedOn: p.date(),
    finishedOn: p.date().nullable(),
  },
});
/** §16.2 — training in the basics of entrepreneurship. */
export class EntrepreneurshipBasicsTraining extends BasicsTrainingSchema.class {}
BasicsTrainingSchema.setClass(EntrepreneurshipBasicsTraining);

const GrantSchema = defineEntity({
  name: 'Grant',
  embeddable: true,
  properties: {
    appliedOn: p.date(),
    receivedOn: p.date().nullable(),
    activityType: textColumn('Text'),
  },
});
/** §16.2 — a grant for a business idea. */
export class Grant extends GrantSchema.class {}
GrantSchema.setClass(Grant);

const EntrepreneurshipSupportSchema = defineEntity({
  name: 'EntrepreneurshipSupport',
  extends: ActiveMeasureSchema,
  discriminatorValue: 'ENTREPRENEURSHIP_SUPPORT',
  properties: {
    microcredit: () => p.embedded(Microcredit).prefix('microcredit_').nullable(),
    basicsTraining: () => p.embedded(EntrepreneurshipBasicsTraining).prefix('basics_').nullable(),
    grant: () => p.embedded(Grant).prefix('grant_').nullable(),
  },
});
/** §16.2 — support of entrepreneurial initiative. */
export class EntrepreneurshipSupport extends EntrepreneurshipSupportSchema.class {}
EntrepreneurshipSupportSchema.setClass(EntrepreneurshipSupport);

const SubsidizedJobSchema = defineEntity({
  name: 'SubsidizedJob',
  extends: ActiveMeasureSchema,
  discriminatorValue: 'SUBSIDIZED_JOB',
  properties: {
    jobType: p.enum(codes(subsidizedJobTypeLabels)),
    participationPeriod: () => p.embedded(DatePeriod).prefix('participation_').nullable(),
    employerName: textColumn('Text'),
    position: textColumn('Text'),
    hiringAct: () => p.embedded(HiringAct).prefix('hiring_').nullable(),
    refusal: () => p.embedded(ReferralRefusal).prefix('refusal_').nullable(),
  },
});
/** §16.3 — a subsidized job. */
export class SubsidizedJob extends SubsidizedJobSchema.class {}
SubsidizedJobSchema.setClass(SubsidizedJob);

const RelocationAssistanceSchema = defineEntity({
  name: 'RelocationAssistance',
  embeddable: true,
  properties: {
    relocationExpenses: p.decimal('string').precision(14).scale(2).nullable(),
    rentReimbursement: p.decimal('string').precision(14).scale(2).nullable(),
    economicMobilityCertificate: p.decimal('string').precision(14).scale(2).nullable(),
  },
});
/** §16.4 — the three material-assistance amounts, exact. */
export class RelocationAssistance extends RelocationAssistanceSchema.class {}
RelocationAssistanceSchema.setClass(RelocationAssistance);

const RelocationHousingSchema = defineEntity({
  name: 'RelocationHousing',
  embeddable: true,
  properties: {
    type: p.enum(codes(housingTypeLabels)),
    areaPerFamilyMember: p.decimal('string').precision(7).scale(2).nullable(),
  },
});
/** §16.4 — housing provided, with m² per family member. */
export class RelocationHousing extends RelocationHousingSchema.class {}
RelocationHousingSchema.setClass(RelocationHousing);

const RelocationSchema = defineEntity({
  name: 'Relocation',
  extends: ActiveMeasureSchema,
  discriminatorValue: 'RELOCATION',
  properties: {
    destination: () => p.embedded(Place).prefix('destination_'),
    assistance: () => p.embedded(RelocationAssistance).prefix('assistance_'),
    housing: () => p.embedded(RelocationHousing).prefix('housing_').nullable(),
  },
});
/** §16.4 — voluntary relocation for labour mobility. */
export class Relocation extends RelocationSchema.class {}
RelocationSchema.setClass(Relocation);

const RelocationFamilyMemberSchema = defineEntity({
  name: 'RelocationFamilyMember',
  tableName: 'relocation_family_member',
  properties: {
    ...stored(),
    ...voidable(),
    /** The card too, not only the relocation: a card's rows share its shard (docs/scale.md), and a join reaches them by it. */
    card: () => p.manyToOne(Card).mapToPk(),
    relocation: () => p.manyToOne(ActiveMeasure).mapToPk().index(),
    fullName: textColumn('Text'),
    kinship: textColumn('Text').nullable(),
    ableToWork: p.boolean(),
    unableToWorkReason: textColumn('Text').nullable(),
  },
});
/** §16.4 — a member of the relocating family, able or unable to work. */
export class RelocationFamilyMember extends RelocationFamilyMemberSchema.class {}
RelocationFamilyMemberSchema.setClass(RelocationFamilyMember);

/** The entity of each §16 kind. */
export const MEASURE_ENTITIES = {
  PROFESSIONAL_TRAINING: ProfessionalTraining,
  ENTREPRENEURSHIP_SUPPORT: EntrepreneurshipSupport,
  SUBSIDIZED_JOB: SubsidizedJob,
  RELOCATION: Relocation,
} as const;

/** A §16 row as loaded: always one of the four kinds. */
export type AnyActiveMeasure = ProfessionalTraining | EntrepreneurshipSupport | SubsidizedJob | Relocation;
