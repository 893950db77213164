import { Migration } from '@mikro-orm/migrations';

export class Migration20261203201427_registration_withdrawn extends Migration {

  override name = 'Migration20261203201427_registration_withdrawn';

  override up(): void | Promise<void> {
    this.addSql(`alter table "registration" add "withdrawn_on" date null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "registration" drop column "withdrawn_on";`);
  }

}
