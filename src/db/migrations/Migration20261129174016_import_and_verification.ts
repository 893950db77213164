import { Migration } from '@mikro-orm/migrations';

export class Migration20261129174016_import_and_verification extends Migration {

  override name = 'Migration20261129174016_import_and_verification';

  override up(): void | Promise<void> {
    this.addSql(`alter table "card" add "verification_status" text not null default 'PENDING', add "verification_source" varchar(255) null, add "verification_verified_at" timestamptz null, add "verification_checked_at" timestamptz null, add "verification_reason" text null;`);
    this.addSql(`create index "card_verification_verified_at_index" on "card" ("verification_verified_at", "id");`);
    this.addSql(`alter table "card" add constraint "card_verification_status_check" check ("verification_status" in ('VERIFIED', 'PENDING', 'FAILED'));`);

    this.addSql(`alter table "active_measure" add "source_id" varchar(100) null;`);
    this.addSql(`alter table "active_measure" add constraint "active_measure_card_source_id_unique" unique ("card_id", "source_id");`);

    this.addSql(`alter table "career_guidance" add "source_id" varchar(100) null;`);
    this.addSql(`alter table "career_guidance" add constraint "career_guidance_card_source_id_unique" unique ("card_id", "source_id");`);

    this.addSql(`alter table "education_entry" add "source_id" varchar(100) null;`);
    this.addSql(`alter table "education_entry" add constraint "education_entry_card_source_id_unique" unique ("card_id", "source_id");`);

    this.addSql(`alter table "employment_plan_row" add "source_id" varchar(100) null;`);
    this.addSql(`alter table "employment_plan_row" add constraint "employment_plan_row_card_source_id_unique" unique ("card_id", "source_id");`);

    this.addSql(`alter table "referral" add "source_id" varchar(100) null;`);
    this.addSql(`alter table "referral" add constraint "referral_card_source_id_unique" unique ("card_id", "source_id");`);

    this.addSql(`alter table "registration" add "source_id" varchar(100) null;`);
    this.addSql(`alter table "registration" add constraint "registration_card_source_id_unique" unique ("card_id", "source_id");`);

    this.addSql(`alter table "special_workplace" add "source_id" varchar(100) null;`);
    this.addSql(`alter table "special_workplace" add constraint "special_workplace_card_source_id_unique" unique ("card_id", "source_id");`);

    this.addSql(`alter table "visit" add "source_id" varchar(100) null;`);
    this.addSql(`alter table "visit" add constraint "visit_card_source_id_unique" unique ("card_id", "source_id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "active_measure" drop constraint "active_measure_card_source_id_unique";`);
    this.addSql(`alter table "active_measure" drop column "source_id";`);

    this.addSql(`drop index "card_verification_verified_at_index";`);
    this.addSql(`alter table "card" drop constraint "card_verification_status_check";`);
    this.addSql(`alter table "card" drop column "verification_status", drop column "verification_source", drop column "verification_verified_at", drop column "verification_checked_at", drop column "verification_reason";`);

    this.addSql(`alter table "career_guidance" drop constraint "career_guidance_card_source_id_unique";`);
    this.addSql(`alter table "career_guidance" drop column "source_id";`);

    this.addSql(`alter table "education_entry" drop constraint "education_entry_card_source_id_unique";`);
    this.addSql(`alter table "education_entry" drop column "source_id";`);

    this.addSql(`alter table "employment_plan_row" drop constraint "employment_plan_row_card_source_id_unique";`);
    this.addSql(`alter table "employment_plan_row" drop column "source_id";`);

    this.addSql(`alter table "referral" drop constraint "referral_card_source_id_unique";`);
    this.addSql(`alter table "referral" drop column "source_id";`);

    this.addSql(`alter table "registration" drop constraint "registration_card_source_id_unique";`);
    this.addSql(`alter table "registration" drop column "source_id";`);

    this.addSql(`alter table "special_workplace" drop constraint "special_workplace_card_source_id_unique";`);
    this.addSql(`alter table "special_workplace" drop column "source_id";`);

    this.addSql(`alter table "visit" drop constraint "visit_card_source_id_unique";`);
    this.addSql(`alter table "visit" drop column "source_id";`);
  }

}
