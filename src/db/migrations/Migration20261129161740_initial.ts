import { Migration } from '@mikro-orm/migrations';

export class Migration20261129161740_initial extends Migration {

  override name = 'Migration20261129161740_initial';

  override up(): void | Promise<void> {
    this.addSql(`create table "career_center" ("id" bigserial primary key, "created_at" timestamptz not null, "updated_at" timestamptz not null, "code" varchar(32) not null, "name_kk" varchar(255) not null, "name_ru" varchar(255) not null, "region" varchar(8) not null, "district" varchar(16) null, "address" varchar(255) null, "phone" varchar(20) null, "email" varchar(255) null);`);
    this.addSql(`alter table "career_center" add constraint "career_center_code_unique" unique ("code");`);
    this.addSql(`create index "career_center_region_index" on "career_center" ("region");`);

    this.addSql(`create table "card" ("id" bigserial primary key, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "opened_on" date not null, "career_center_id" bigint not null, "iin" varchar(12) not null, "surname" varchar(255) not null, "given_name" varchar(255) not null, "patronymic" varchar(255) null, "sex" text not null, "birth_date" date not null, "citizenship" varchar(2) null, "nationality" varchar(255) null, "address_region" varchar(8) null, "address_district" varchar(16) null, "address_settlement" varchar(255) null, "address_street" varchar(255) null, "address_house" varchar(32) null, "address_apartment" varchar(32) null, "phone" varchar(20) null, "email" varchar(255) null, "last_job_employer_name" varchar(255) null, "last_job_hired_on" date null, "last_job_dismissed_on" date null, "last_job_position" varchar(255) null, "expectations_wage_desired" numeric(14,2) null, "expectations_wage_sufficient_to_start" numeric(14,2) null, "expectations_workplace_region" varchar(8) null, "expectations_preferred_position" varchar(255) null, "expectations_wage_minimum" numeric(14,2) null, "expectations_workplace_district" varchar(16) null, "expectations_less_suitable_position" varchar(255) null, "expectations_workplace_settlement" varchar(255) null, "expectations_search_time" text null, "organisation_name" varchar(255) null, "organisation_address" varchar(255) null, "organisation_phone" varchar(20) null, "organisation_email" varchar(255) null, "executor_name" varchar(255) null, "head_name" varchar(255) null, "filled_on" date null);`);
    this.addSql(`create index "card_career_center_id_index" on "card" ("career_center_id");`);
    this.addSql(`alter table "card" add constraint "card_iin_unique" unique ("iin");`);
    this.addSql(`create index "card_address_region_index" on "card" ("address_region");`);
    this.addSql(`create index "card_address_district_index" on "card" ("address_district");`);

    this.addSql(`create table "card_signature" ("id" bigserial primary key, "created_at" timestamptz not null, "updated_at" timestamptz not null, "card_id" bigint not null, "role" text not null, "signer_name" varchar(255) not null, "signed_at" timestamptz not null, "card_version" int not null, "digest" varchar(64) not null, "signature" text not null);`);
    this.addSql(`create index "card_signature_card_id_index" on "card_signature" ("card_id");`);

    this.addSql(`create table "active_measure" ("id" bigserial primary key, "created_at" timestamptz not null, "updated_at" timestamptz not null, "voided_at" timestamptz null, "voided_by" varchar(255) null, "void_reason" text null, "card_id" bigint not null, "kind" text not null, "referred_on" date not null, "training_type" text null, "employment_employed_on" date null, "employment_employer_name" varchar(255) null, "employment_position" varchar(255) null, "provider_name" varchar(255) null, "provider_address" varchar(255) null, "provider_phone" varchar(20) null, "study_start" date null, "study_end" date null, "qualification_obtained" varchar(255) null, "microcredit_received_on" date null, "microcredit_amount" numeric(14,2) null, "microcredit_grace_period_months" int null, "microcredit_repayment_term_months" int null, "microcredit_activity_type" varchar(255) null, "basics_started_on" date null, "basics_finished_on" date null, "grant_applied_on" date null, "grant_received_on" date null, "grant_activity_type" varchar(255) null, "job_type" text null, "participation_start" date null, "participation_end" date null, "employer_name" varchar(255) null, "position" varchar(255) null, "hiring_order_date" date null, "hiring_order_number" varchar(64) null, "hiring_position" varchar(255) null, "refusal_refused_by" text null, "refusal_refused_on" date null, "refusal_reason" text null, "destination_region" varchar(8) null, "destination_district" varchar(16) null, "destination_settlement" varchar(255) null, "assistance_relocation_expenses" numeric(14,2) null, "assistance_rent_reimbursement" numeric(14,2) null, "assistance_economic_mobility_certificate" numeric(14,2) null, "housing_type" text null, "housing_area_per_family_member" numeric(7,2) null);`);
    this.addSql(`create index "active_measure_kind_index" on "active_measure" ("kind");`);
    this.addSql(`create index "active_measure_card_chronology_index" on "active_measure" ("card_id", "referred_on", "id");`);

    this.addSql(`create table "career_guidance" ("id" bigserial primary key, "created_at" timestamptz not null, "updated_at" timestamptz not null, "voided_at" timestamptz null, "voided_by" varchar(255) null, "void_reason" text null, "card_id" bigint not null, "body_name" varchar(255) not null, "held_on" date not null, "result" text not null);`);
    this.addSql(`create index "career_guidance_card_id_index" on "career_guidance" ("card_id");`);

    this.addSql(`create table "education_entry" ("id" bigserial primary key, "created_at" timestamptz not null, "updated_at" timestamptz not null, "voided_at" timestamptz null, "voided_by" varchar(255) null, "void_reason" text null, "card_id" bigint not null, "section" text not null, "institution_name" varchar(255) not null, "level" text null, "additional_kind" text null, "study_start" date null, "study_end" date null, "specialty" varchar(255) null);`);
    this.addSql(`create index "education_entry_card_id_index" on "education_entry" ("card_id");`);

    this.addSql(`create table "employment_plan_row" ("id" bigserial primary key, "created_at" timestamptz not null, "updated_at" timestamptz not null, "voided_at" timestamptz null, "voided_by" varchar(255) null, "void_reason" text null, "card_id" bigint not null, "row_number" int not null, "measure" text not null, "execution" text null, "executed_on" date null, "non_execution_reason" text null);`);
    this.addSql(`create index "employment_plan_row_card_id_index" on "employment_plan_row" ("card_id");`);

    this.addSql(`create table "referral" ("id" bigserial primary key, "created_at" timestamptz not null, "updated_at" timestamptz not null, "voided_at" timestamptz null, "voided_by" varchar(255) null, "void_reason" text null, "card_id" bigint not null, "employer_name" varchar(255) not null, "position" varchar(255) not null, "referred_on" date not null, "hiring_order_date" date null, "hiring_order_number" varchar(64) null, "hiring_position" varchar(255) null, "refusal_refused_by" text null, "refusal_refused_on" date null, "refusal_reason" text null);`);
    this.addSql(`create index "referral_card_chronology_index" on "referral" ("card_id", "referred_on", "id");`);

    this.addSql(`create table "region" ("code" varchar(8) not null, "kind" text not null, "name_kk" varchar(255) not null, "name_ru" varchar(255) not null, "sort_order" int not null, primary key ("code"));`);

    this.addSql(`create table "district" ("code" varchar(16) not null, "region_code" varchar(8) not null, "kind" text not null, "name_kk" varchar(255) not null, "name_ru" varchar(255) not null, "sort_order" int not null, primary key ("code"));`);

    this.addSql(`create table "registration" ("id" bigserial primary key, "created_at" timestamptz not null, "updated_at" timestamptz not null, "voided_at" timestamptz null, "voided_by" varchar(255) null, "void_reason" text null, "card_id" bigint not null, "kind" text not null, "applied_on" date not null, "registered_on" date null, "refusal_refused_on" date null, "refusal_reason" text null, "refusal_note" text null, "deregistration_deregistered_on" date null, "deregistration_reason" text null, "deregistration_note" text null);`);
    this.addSql(`create index "registration_card_id_index" on "registration" ("card_id");`);
    this.addSql(`create index "registration_registered_on_index" on "registration" ("registered_on");`);

    this.addSql(`create table "relocation_family_member" ("id" bigserial primary key, "created_at" timestamptz not null, "updated_at" timestamptz not null, "voided_at" timestamptz null, "voided_by" varchar(255) null, "void_reason" text null, "relocation_id" bigint not null, "full_name" varchar(255) not null, "kinship" varchar(255) null, "able_to_work" boolean not null, "unable_to_work_reason" varchar(255) null);`);
    this.addSql(`create index "relocation_family_member_relocation_id_index" on "relocation_family_member" ("relocation_id");`);

    this.addSql(`create table "special_workplace" ("id" bigserial primary key, "created_at" timestamptz not null, "updated_at" timestamptz not null, "voided_at" timestamptz null, "voided_by" varchar(255) null, "void_reason" text null, "card_id" bigint not null, "employer_name" varchar(255) not null, "referred_on" date not null, "participation_start" date null, "participation_end" date null, "position" varchar(255) not null, "hiring_order_date" date null, "hiring_order_number" varchar(64) null, "hiring_position" varchar(255) null);`);
    this.addSql(`create index "special_workplace_card_id_index" on "special_workplace" ("card_id");`);

    this.addSql(`create table "visit" ("id" bigserial primary key, "created_at" timestamptz not null, "updated_at" timestamptz not null, "voided_at" timestamptz null, "voided_by" varchar(255) null, "void_reason" text null, "card_id" bigint not null, "row_number" int not null, "planned_on" date not null, "attended_on" date null, "note" text null);`);
    this.addSql(`create index "visit_card_chronology_index" on "visit" ("card_id", "planned_on", "id");`);

    this.addSql(`alter table "card" add constraint "card_career_center_id_foreign" foreign key ("career_center_id") references "career_center" ("id");`);
    this.addSql(`alter table "card" add constraint "card_sex_check" check ("sex" in ('MALE', 'FEMALE'));`);
    this.addSql(`alter table "card" add constraint "card_expectations_search_time_check" check ("expectations_search_time" in ('DECENT_OPTION', 'ACCEPTABLE_OPTION', 'WORST_OPTION'));`);

    this.addSql(`alter table "card_signature" add constraint "card_signature_card_id_foreign" foreign key ("card_id") references "card" ("id");`);
    this.addSql(`alter table "card_signature" add constraint "card_signature_role_check" check ("role" in ('EXECUTOR', 'HEAD'));`);

    this.addSql(`alter table "active_measure" add constraint "active_measure_card_id_foreign" foreign key ("card_id") references "card" ("id");`);
    this.addSql(`alter table "active_measure" add constraint "active_measure_kind_check" check ("kind" in ('PROFESSIONAL_TRAINING', 'ENTREPRENEURSHIP_SUPPORT', 'SUBSIDIZED_JOB', 'RELOCATION'));`);
    this.addSql(`alter table "active_measure" add constraint "active_measure_training_type_check" check ("training_type" in ('VOCATIONAL_PREPARATION', 'RETRAINING', 'UPSKILLING', 'SHORT_TERM'));`);
    this.addSql(`alter table "active_measure" add constraint "active_measure_job_type_check" check ("job_type" in ('PUBLIC_WORKS', 'SOCIAL_WORKPLACE', 'YOUTH_PRACTICE', 'FIRST_WORKPLACE', 'GENERATION_CONTRACT', 'SILVER_AGE', 'STUDENT_WORK'));`);
    this.addSql(`alter table "active_measure" add constraint "active_measure_refusal_refused_by_check" check ("refusal_refused_by" in ('EMPLOYER', 'APPLICANT'));`);
    this.addSql(`alter table "active_measure" add constraint "active_measure_housing_type_check" check ("housing_type" in ('INDIVIDUAL_HOUSE', 'APARTMENT', 'DORMITORY_ROOM'));`);

    this.addSql(`alter table "career_guidance" add constraint "career_guidance_card_id_foreign" foreign key ("card_id") references "card" ("id");`);

    this.addSql(`alter table "education_entry" add constraint "education_entry_card_id_foreign" foreign key ("card_id") references "card" ("id");`);
    this.addSql(`alter table "education_entry" add constraint "education_entry_section_check" check ("section" in ('MAIN', 'ADDITIONAL'));`);
    this.addSql(`alter table "education_entry" add constraint "education_entry_level_check" check ("level" in ('HIGHER', 'TECHNICAL_VOCATIONAL', 'GENERAL_SECONDARY'));`);
    this.addSql(`alter table "education_entry" add constraint "education_entry_additional_kind_check" check ("additional_kind" in ('RETRAINING', 'UPSKILLING'));`);

    this.addSql(`alter table "employment_plan_row" add constraint "employment_plan_row_card_id_foreign" foreign key ("card_id") references "card" ("id");`);

    this.addSql(`alter table "referral" add constraint "referral_card_id_foreign" foreign key ("card_id") references "card" ("id");`);
    this.addSql(`alter table "referral" add constraint "referral_refusal_refused_by_check" check ("refusal_refused_by" in ('EMPLOYER', 'APPLICANT'));`);

    this.addSql(`alter table "region" add constraint "region_kind_check" check ("kind" in ('REGION', 'CITY'));`);

    this.addSql(`alter table "district" add constraint "district_region_code_foreign" foreign key ("region_code") references "region" ("code");`);
    this.addSql(`alter table "district" add constraint "district_kind_check" check ("kind" in ('DISTRICT', 'CITY', 'CITY_DISTRICT'));`);

    this.addSql(`alter table "registration" add constraint "registration_card_id_foreign" foreign key ("card_id") references "card" ("id");`);
    this.addSql(`alter table "registration" add constraint "registration_kind_check" check ("kind" in ('JOB_SEEKER', 'UNEMPLOYED'));`);
    this.addSql(`alter table "registration" add constraint "registration_refusal_reason_check" check ("refusal_reason" in ('INCOMPLETE_DOCUMENTS', 'FALSE_INFORMATION', 'EMPLOYED', 'UNDER_AGE', 'RETIREMENT_AGE', 'FULL_TIME_STUDENT', 'OTHER'));`);
    this.addSql(`alter table "registration" add constraint "registration_deregistration_reason_check" check ("deregistration_reason" in ('EMPLOYED', 'ENTREPRENEURSHIP', 'FULL_TIME_STUDY', 'REFUSED_SUITABLE_WORK', 'FAILED_TO_APPEAR', 'MOVED_AWAY', 'RETIREMENT', 'OWN_REQUEST', 'FALSE_INFORMATION', 'IMPRISONMENT', 'MILITARY_SERVICE', 'DEATH', 'OTHER'));`);

    this.addSql(`alter table "relocation_family_member" add constraint "relocation_family_member_relocation_id_foreign" foreign key ("relocation_id") references "active_measure" ("id");`);

    this.addSql(`alter table "special_workplace" add constraint "special_workplace_card_id_foreign" foreign key ("card_id") references "card" ("id");`);

    this.addSql(`alter table "visit" add constraint "visit_card_id_foreign" foreign key ("card_id") references "card" ("id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "card" drop constraint "card_career_center_id_foreign";`);
    this.addSql(`alter table "card_signature" drop constraint "card_signature_card_id_foreign";`);
    this.addSql(`alter table "active_measure" drop constraint "active_measure_card_id_foreign";`);
    this.addSql(`alter table "career_guidance" drop constraint "career_guidance_card_id_foreign";`);
    this.addSql(`alter table "education_entry" drop constraint "education_entry_card_id_foreign";`);
    this.addSql(`alter table "employment_plan_row" drop constraint "employment_plan_row_card_id_foreign";`);
    this.addSql(`alter table "referral" drop constraint "referral_card_id_foreign";`);
    this.addSql(`alter table "registration" drop constraint "registration_card_id_foreign";`);
    this.addSql(`alter table "special_workplace" drop constraint "special_workplace_card_id_foreign";`);
    this.addSql(`alter table "visit" drop constraint "visit_card_id_foreign";`);
    this.addSql(`alter table "relocation_family_member" drop constraint "relocation_family_member_relocation_id_foreign";`);
    this.addSql(`alter table "district" drop constraint "district_region_code_foreign";`);

    this.addSql(`drop table if exists "career_center" cascade;`);
    this.addSql(`drop table if exists "card" cascade;`);
    this.addSql(`drop table if exists "card_signature" cascade;`);
    this.addSql(`drop table if exists "active_measure" cascade;`);
    this.addSql(`drop table if exists "career_guidance" cascade;`);
    this.addSql(`drop table if exists "education_entry" cascade;`);
    this.addSql(`drop table if exists "employment_plan_row" cascade;`);
    this.addSql(`drop table if exists "referral" cascade;`);
    this.addSql(`drop table if exists "region" cascade;`);
    this.addSql(`drop table if exists "district" cascade;`);
    this.addSql(`drop table if exists "registration" cascade;`);
    this.addSql(`drop table if exists "relocation_family_member" cascade;`);
    this.addSql(`drop table if exists "special_workplace" cascade;`);
    this.addSql(`drop table if exists "visit" cascade;`);
  }

}
