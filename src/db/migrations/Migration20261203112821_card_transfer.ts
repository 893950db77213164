import { Migration } from '@mikro-orm/migrations';

export class Migration20261203112821_card_transfer extends Migration {

  override name = 'Migration20261203112821_card_transfer';

  override up(): void | Promise<void> {
    this.addSql(`create table "card_transfer" ("id" bigserial primary key, "card_id" bigint not null, "at" timestamptz not null, "from_center_id" bigint not null, "to_center_id" bigint not null, "ground" text not null, "applied_on" date not null, "subject" varchar(255) not null, "role" varchar(16) null);`);
    this.addSql(`create index "card_transfer_from_index" on "card_transfer" ("from_center_id", "id");`);
    this.addSql(`create index "card_transfer_to_index" on "card_transfer" ("to_center_id", "id");`);
    this.addSql(`create index "card_transfer_card_index" on "card_transfer" ("card_id");`);

    this.addSql(`alter table "read_audit" add "transfer_ground" text null;`);
    this.addSql(`alter table "read_audit" add constraint "read_audit_transfer_ground_check" check ("transfer_ground" in ('PERSON_APPLIED'));`);

    this.addSql(`alter table "card_transfer" add constraint "card_transfer_card_id_foreign" foreign key ("card_id") references "card" ("id");`);
    this.addSql(`alter table "card_transfer" add constraint "card_transfer_from_center_id_foreign" foreign key ("from_center_id") references "career_center" ("id");`);
    this.addSql(`alter table "card_transfer" add constraint "card_transfer_to_center_id_foreign" foreign key ("to_center_id") references "career_center" ("id");`);
    this.addSql(`alter table "card_transfer" add constraint "card_transfer_ground_check" check ("ground" in ('PERSON_APPLIED'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "card_transfer" cascade;`);

    this.addSql(`alter table "read_audit" drop constraint "read_audit_transfer_ground_check";`);
    this.addSql(`alter table "read_audit" drop column "transfer_ground";`);
  }

}
