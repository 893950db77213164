import { Migration } from '@mikro-orm/migrations';

export class Migration20261203201700_outcome_conflicts extends Migration {

  override name = 'Migration20261203201700_outcome_conflicts';

  override up(): void | Promise<void> {
    this.addSql(`create table "outcome_conflict" ("id" bigserial primary key, "card_id" bigint not null, "entry_type" text not null, "entry_id" bigint not null, "outcome" text not null, "contract_key" varchar(160) not null, "recorded" jsonb not null, "contract" jsonb not null, "source" varchar(255) not null, "detected_at" timestamptz not null, "reviewed_at" timestamptz null, "reviewed_by" varchar(255) null, "reviewed_by_name" varchar(255) null);`);
    this.addSql(`create index "outcome_conflict_card_index" on "outcome_conflict" ("card_id", "id");`);
    this.addSql(`alter table "outcome_conflict" add constraint "outcome_conflict_entry_contract_unique" unique ("entry_type", "entry_id", "outcome", "contract_key");`);

    this.addSql(`alter table "outcome_conflict" add constraint "outcome_conflict_card_id_foreign" foreign key ("card_id") references "card" ("id");`);
    this.addSql(`alter table "outcome_conflict" add constraint "outcome_conflict_entry_type_check" check ("entry_type" in ('Referral', 'SubsidizedJob', 'SpecialWorkplace', 'ProfessionalTraining', 'Relocation'));`);
    this.addSql(`alter table "outcome_conflict" add constraint "outcome_conflict_outcome_check" check ("outcome" in ('HIRING_ACT', 'PERMANENT_EMPLOYMENT'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "outcome_conflict" cascade;`);
  }

}
