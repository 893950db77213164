import { Migration } from '@mikro-orm/migrations';

// §19.4 — beside the 1/2/5 scale, the time the person plans to spend searching, in months. Existing
// expectations have none recorded: null, as the form left blank.

export class Migration20261203164933_search_months extends Migration {

  override name = 'Migration20261203164933_search_months';

  override up(): void | Promise<void> {
    this.addSql(`alter table "card" add "expectations_search_months" int null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "card" drop column "expectations_search_months";`);
  }

}
