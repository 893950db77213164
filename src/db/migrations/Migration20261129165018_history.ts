import { Migration } from '@mikro-orm/migrations';

export class Migration20261129165018_history extends Migration {

  override name = 'Migration20261129165018_history';

  override up(): void | Promise<void> {
    this.addSql(`create table "card_history" ("id" bigserial primary key, "card_id" bigint not null, "at" timestamptz not null, "based_on_version" int not null, "actor" varchar(255) not null, "actor_name" varchar(255) null, "action" varchar(64) not null, "part" varchar(32) not null, "entry_id" bigint null, "old_value" jsonb null, "new_value" jsonb null);`);
    this.addSql(`create index "card_history_card_chronology_index" on "card_history" ("card_id", "at", "id");`);
    this.addSql(`create index "card_history_part_index" on "card_history" ("card_id", "part", "entry_id", "at");`);

    this.addSql(`alter table "card_history" add constraint "card_history_card_id_foreign" foreign key ("card_id") references "card" ("id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "card_history" cascade;`);
  }

}
