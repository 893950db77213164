import { Migration } from '@mikro-orm/migrations';

// The distribution column where a Citus layout needs it (docs/scale.md): a §16.4 family member
// names its card (filled from its relocation), and the outcome conflicts' unique key holds the card.

export class Migration20261204041932_citus_distribution_keys extends Migration {

  override name = 'Migration20261204041932_citus_distribution_keys';

  override up(): void | Promise<void> {
    this.addSql(`alter table "outcome_conflict" drop constraint "outcome_conflict_entry_contract_unique";`);
    this.addSql(`alter table "outcome_conflict" add constraint "outcome_conflict_entry_contract_unique" unique ("card_id", "entry_type", "entry_id", "outcome", "contract_key");`);

    this.addSql(`alter table "relocation_family_member" add "card_id" bigint null;`);
    this.addSql(`update "relocation_family_member" f set "card_id" = m."card_id" from "active_measure" m where m."id" = f."relocation_id";`);
    this.addSql(`alter table "relocation_family_member" alter column "card_id" set not null;`);
    this.addSql(`alter table "relocation_family_member" add constraint "relocation_family_member_card_id_foreign" foreign key ("card_id") references "card" ("id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "relocation_family_member" drop constraint "relocation_family_member_card_id_foreign";`);

    this.addSql(`alter table "outcome_conflict" drop constraint "outcome_conflict_entry_contract_unique";`);
    this.addSql(`alter table "outcome_conflict" add constraint "outcome_conflict_entry_contract_unique" unique ("entry_type", "entry_id", "outcome", "contract_key");`);

    this.addSql(`alter table "relocation_family_member" drop column "card_id";`);
  }

}
