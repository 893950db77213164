import { defineEntity, p } from '@mikro-orm/core';
import { stored } from '../../db/entity-base.ts';
import { CareerCenter } from '../career-center/career-center.entity.ts';
import { codes, sexLabels } from '../dictionary/codes.ts';
import { LastJob } from '../education/education.entity.ts';
import { Consent } from '../consent/consent.entity.ts';
import { Expectations } from '../expectations/expectations.entity.ts';
import { Organisation } from '../footer/footer.entity.ts';
import { Address, IdentityVerification, PersonName } from '../person/person.entity.ts';
import { textColumn } from '../../db/text-kinds.ts';

// One row per person. The sections that occur once (§1–9, §11, §19, footer) are columns of this
// row (embeddables), so reading them costs no extra query; list sections live in their own tables.
const CardSchema = defineEntity({
  name: 'Card',
  tableName: 'card',
  properties: {
    ...stored(),
    version: p.integer().version(),
    openedOn: p.date(),
    careerCenter: () => p.manyToOne(CareerCenter).mapToPk(),
    iin: p.string().length(12).unique(),
    fullName: () => p.embedded(PersonName).prefix(false),
    sex: p.enum(codes(sexLabels)),
    birthDate: p.date(),
    citizenship: p.string().length(2).nullable(),
    nationality: textColumn('Text').nullable(),
    address: () => p.embedded(Address).prefix('address_').nullable(),
    phone: p.string().length(20).nullable(),
    email: textColumn('Text').nullable(),
    /** Rule 2 — PENDING until the registry is first asked. */
    verification: () => p.embedded(IdentityVerification).prefix('verification_')
      .onCreate(() => Object.assign(new IdentityVerification(), { status: 'PENDING', addressStatus: 'PENDING' })),
    lastJob: () => p.embedded(LastJob).prefix('last_job_').nullable(),
    expectations: () => p.embedded(Expectations).prefix('expectations_').nullable(),
    /** Consent to the processing of personal data (Law No. 94-V). */
    consent: () => p.embedded(Consent).prefix('consent_').nullable(),
    organisation: () => p.embedded(Organisation).prefix('organisation_').nullable(),
    /** Footer — the executor who keeps the card: the user's id (null for a card no user keeps yet: imported, or moved to another center). */
    executorSubject: p.string().length(255).nullable(),
    /** Footer — the executor's name, as their token gave it (before signing was verified: the name typed into the footer). */
    executorName: textColumn('Text').nullable(),
    /** Footer — the head's name as typed into the footer before signing was verified; now the head's signature names them. */
    headName: textColumn('Text').nullable(),
    filledOn: p.date().nullable(),
  },
  indexes: [
    { properties: ['address.region'] as never, name: 'card_address_region_index' },
    { properties: ['address.district'] as never, name: 'card_address_district_index' },
    // `npm run sync` walks the cards not verified for N days.
    { properties: ['verification.verifiedAt', 'id'] as never, name: 'card_verification_verified_at_index' },
    // A center's cards in list order: a page is a short range of this index, not a walk of the
    // primary key filtering out other centers' cards (2.3 ms → well under 0.1 ms at 100,000 cards).
    { properties: ['careerCenter', 'id'], name: 'card_career_center_list_index' },
  ],
});
/** The individual employment card of one person (Appendix 1). */
export class Card extends CardSchema.class {}
CardSchema.setClass(Card);
