import { Migration } from '@mikro-orm/migrations';

export class Migration20261130005720_read_audit_without_foreign_keys extends Migration {

  override name = 'Migration20261130005720_read_audit_without_foreign_keys';

  override up(): void | Promise<void> {
    this.addSql(`alter table "read_audit_card" drop constraint "read_audit_card_audit_id_foreign";`);
    this.addSql(`alter table "read_audit_card" drop constraint "read_audit_card_card_id_foreign";`);
    this.addSql(`alter table "read_audit_card" drop constraint "read_audit_card_career_center_id_foreign";`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "read_audit_card" add constraint "read_audit_card_audit_id_foreign" foreign key ("audit_id") references "read_audit" ("id") on update restrict on delete restrict;`);
    this.addSql(`alter table "read_audit_card" add constraint "read_audit_card_card_id_foreign" foreign key ("card_id") references "card" ("id") on update restrict on delete restrict;`);
    this.addSql(`alter table "read_audit_card" add constraint "read_audit_card_career_center_id_foreign" foreign key ("career_center_id") references "career_center" ("id") on update no action on delete no action;`);
  }

}
