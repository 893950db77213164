import { Migration } from '@mikro-orm/migrations';

export class Migration20261129194719_consent extends Migration {

  override name = 'Migration20261129194719_consent';

  override up(): void | Promise<void> {
    this.addSql(`alter table "card" add "consent_given_on" date null, add "consent_scope" text[] null, add "consent_withdrawn_on" date null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "card" drop column "consent_given_on", drop column "consent_scope", drop column "consent_withdrawn_on";`);
  }

}
