import { Migration } from '@mikro-orm/migrations';

export class Migration20261203165133_card_signature_signers extends Migration {

  override name = 'Migration20261203165133_card_signature_signers';

  override up(): void | Promise<void> {
    this.addSql(`alter table "card" add "executor_subject" varchar(255) null;`);

    this.addSql(`alter table "card_signature" add "signer_subject" varchar(255) null, add "signer_iin" varchar(12) null, add "certificate_subject" varchar(2000) null, add "certificate_serial_number" varchar(128) null, add "certificate_issuer" varchar(2000) null, add "certificate_valid_from" timestamptz null, add "certificate_valid_to" timestamptz null, add "verified_by" text null;`);
    this.addSql(`alter table "card_signature" add constraint "card_signature_verified_by_check" check ("verified_by" in ('LOCAL', 'EXTERNAL'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "card" drop column "executor_subject";`);

    this.addSql(`alter table "card_signature" drop constraint "card_signature_verified_by_check";`);
    this.addSql(`alter table "card_signature" drop column "signer_subject", drop column "signer_iin", drop column "certificate_subject", drop column "certificate_serial_number", drop column "certificate_issuer", drop column "certificate_valid_from", drop column "certificate_valid_to", drop column "verified_by";`);
  }

}
