import { Migration } from '@mikro-orm/migrations';

export class Migration20261129203256_read_audit extends Migration {

  override name = 'Migration20261129203256_read_audit';

  override up(): void | Promise<void> {
    this.addSql(`create table "read_audit" ("id" bigserial primary key, "at" timestamptz not null, "subject" varchar(255) not null, "role" varchar(16) not null, "career_center" varchar(32) null, "operation_type" varchar(16) not null, "operation_name" varchar(200) null, "client_name" varchar(200) null, "client_version" varchar(200) null, "card_count" int not null);`);
    this.addSql(`create index "read_audit_at_index" on "read_audit" ("at");`);

    this.addSql(`create table "read_audit_card" ("audit_id" bigint not null, "card_id" bigint not null, "career_center_id" bigint not null, primary key ("audit_id", "card_id"));`);
    this.addSql(`create index "read_audit_card_center_index" on "read_audit_card" ("career_center_id", "audit_id");`);
    this.addSql(`create index "read_audit_card_card_index" on "read_audit_card" ("card_id", "audit_id");`);

    this.addSql(`alter table "read_audit_card" add constraint "read_audit_card_audit_id_foreign" foreign key ("audit_id") references "read_audit" ("id") on update restrict on delete restrict;`);
    this.addSql(`alter table "read_audit_card" add constraint "read_audit_card_card_id_foreign" foreign key ("card_id") references "card" ("id") on update restrict on delete restrict;`);
    this.addSql(`alter table "read_audit_card" add constraint "read_audit_card_career_center_id_foreign" foreign key ("career_center_id") references "career_center" ("id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "read_audit_card" drop constraint "read_audit_card_audit_id_foreign";`);

    this.addSql(`drop table if exists "read_audit" cascade;`);
    this.addSql(`drop table if exists "read_audit_card" cascade;`);
  }

}
