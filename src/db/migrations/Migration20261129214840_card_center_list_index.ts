import { Migration } from '@mikro-orm/migrations';

export class Migration20261129214840_card_center_list_index extends Migration {

  override name = 'Migration20261129214840_card_center_list_index';

  override up(): void | Promise<void> {
    this.addSql(`drop index "card_career_center_id_index";`);
    this.addSql(`create index "card_career_center_list_index" on "card" ("career_center_id", "id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "card_career_center_list_index";`);
    this.addSql(`create index "card_career_center_id_index" on "card" ("career_center_id");`);
  }

}
