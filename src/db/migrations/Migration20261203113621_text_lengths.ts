import { Migration } from '@mikro-orm/migrations';

// Every text column gets the length of its text kind (src/db/text-kinds.ts): the unbounded `text`
// columns that input fills a bound, house and apartment numbers the short kind's 64. Without a
// `using … ::varchar(n)` cast on purpose: that cast would cut a longer stored value silently, while
// the implicit conversion refuses it, so the migration stops instead of losing data (Rule 3).

export class Migration20261203113621_text_lengths extends Migration {

  override name = 'Migration20261203113621_text_lengths';

  override up(): void | Promise<void> {
    this.addSql(`alter table "card" alter column "address_house" type varchar(64);`);
    this.addSql(`alter table "card" alter column "address_apartment" type varchar(64);`);

    this.addSql(`alter table "card_signature" alter column "signature" type varchar(32768);`);

    this.addSql(`alter table "active_measure" alter column "void_reason" type varchar(2000);`);
    this.addSql(`alter table "active_measure" alter column "refusal_reason" type varchar(2000);`);

    this.addSql(`alter table "career_guidance" alter column "void_reason" type varchar(2000);`);
    this.addSql(`alter table "career_guidance" alter column "result" type varchar(2000);`);

    this.addSql(`alter table "education_entry" alter column "void_reason" type varchar(2000);`);

    this.addSql(`alter table "employment_plan_row" alter column "void_reason" type varchar(2000);`);
    this.addSql(`alter table "employment_plan_row" alter column "measure" type varchar(2000);`);
    this.addSql(`alter table "employment_plan_row" alter column "execution" type varchar(2000);`);
    this.addSql(`alter table "employment_plan_row" alter column "non_execution_reason" type varchar(2000);`);

    this.addSql(`alter table "referral" alter column "void_reason" type varchar(2000);`);
    this.addSql(`alter table "referral" alter column "refusal_reason" type varchar(2000);`);

    this.addSql(`alter table "registration" alter column "void_reason" type varchar(2000);`);
    this.addSql(`alter table "registration" alter column "refusal_note" type varchar(2000);`);
    this.addSql(`alter table "registration" alter column "deregistration_note" type varchar(2000);`);

    this.addSql(`alter table "relocation_family_member" alter column "void_reason" type varchar(2000);`);

    this.addSql(`alter table "special_workplace" alter column "void_reason" type varchar(2000);`);

    this.addSql(`alter table "visit" alter column "void_reason" type varchar(2000);`);
    this.addSql(`alter table "visit" alter column "note" type varchar(2000);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "active_measure" alter column "void_reason" type text;`);
    this.addSql(`alter table "active_measure" alter column "refusal_reason" type text;`);

    this.addSql(`alter table "card" alter column "address_house" type varchar(32);`);
    this.addSql(`alter table "card" alter column "address_apartment" type varchar(32);`);

    this.addSql(`alter table "card_signature" alter column "signature" type text;`);

    this.addSql(`alter table "career_guidance" alter column "void_reason" type text;`);
    this.addSql(`alter table "career_guidance" alter column "result" type text;`);

    this.addSql(`alter table "education_entry" alter column "void_reason" type text;`);

    this.addSql(`alter table "employment_plan_row" alter column "void_reason" type text;`);
    this.addSql(`alter table "employment_plan_row" alter column "measure" type text;`);
    this.addSql(`alter table "employment_plan_row" alter column "execution" type text;`);
    this.addSql(`alter table "employment_plan_row" alter column "non_execution_reason" type text;`);

    this.addSql(`alter table "referral" alter column "void_reason" type text;`);
    this.addSql(`alter table "referral" alter column "refusal_reason" type text;`);

    this.addSql(`alter table "registration" alter column "void_reason" type text;`);
    this.addSql(`alter table "registration" alter column "refusal_note" type text;`);
    this.addSql(`alter table "registration" alter column "deregistration_note" type text;`);

    this.addSql(`alter table "relocation_family_member" alter column "void_reason" type text;`);

    this.addSql(`alter table "special_workplace" alter column "void_reason" type text;`);

    this.addSql(`alter table "visit" alter column "void_reason" type text;`);
    this.addSql(`alter table "visit" alter column "note" type text;`);
  }

}
