import { Migration } from '@mikro-orm/migrations';

export class Migration20261203202322_notification extends Migration {

  override name = 'Migration20261203202322_notification';

  override up(): void | Promise<void> {
    this.addSql(`create table "notification" ("id" bigserial primary key, "created_at" timestamptz not null, "updated_at" timestamptz not null, "card_id" bigint not null, "kind" text not null, "phone" varchar(20) null, "email" varchar(255) null, "text_kk" text not null, "text_ru" text not null, "status" text not null default 'PENDING', "attempts" int not null default 0, "last_error" text null, "sent_at" timestamptz null);`);
    this.addSql(`create index "notification_status_index" on "notification" ("status", "id");`);
    this.addSql(`create index "notification_card_index" on "notification" ("card_id", "id");`);

    this.addSql(`alter table "notification" add constraint "notification_card_id_foreign" foreign key ("card_id") references "card" ("id");`);
    this.addSql(`alter table "notification" add constraint "notification_kind_check" check ("kind" in ('REGISTRATION_REGISTERED', 'REGISTRATION_REFUSED', 'VISIT_PLANNED', 'REFERRAL_ISSUED'));`);
    this.addSql(`alter table "notification" add constraint "notification_status_check" check ("status" in ('PENDING', 'SENT', 'FAILED', 'SKIPPED'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "notification" cascade;`);
  }

}
