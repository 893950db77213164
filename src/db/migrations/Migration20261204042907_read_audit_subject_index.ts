import { Migration } from '@mikro-orm/migrations';

export class Migration20261204042907_read_audit_subject_index extends Migration {

  override name = 'Migration20261204042907_read_audit_subject_index';

  override up(): void | Promise<void> {
    this.addSql(`create index "read_audit_subject_index" on "read_audit" ("subject", "id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "read_audit_subject_index";`);
  }

}
