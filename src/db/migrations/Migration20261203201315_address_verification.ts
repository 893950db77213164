import { Migration } from '@mikro-orm/migrations';

// Rule 2 — §7 gets an outcome of its own (the registry's address is compared, never taken), with
// reasons for the address. A card not verified shares its reason (the address was not compared
// either); a verified one awaits its next check (PENDING, no reason: not asked yet about §7).

export class Migration20261203201315_address_verification extends Migration {

  override name = 'Migration20261203201315_address_verification';

  override up(): void | Promise<void> {
    this.addSql(`alter table "card" drop constraint "card_verification_reason_code_check";`);
    this.addSql(`alter table "card" add "verification_address_status" text not null default 'PENDING', add "verification_address_reason_code" text null, add "verification_address_reason" text null;`);
    this.addSql(`alter table "card" add constraint "card_verification_address_status_check" check ("verification_address_status" in ('VERIFIED', 'PENDING', 'FAILED'));`);
    this.addSql(`alter table "card" add constraint "card_verification_address_reason_code_check" check ("verification_address_reason_code" in ('NO_REGISTRY', 'REGISTRY_UNAVAILABLE', 'NOT_IN_REGISTRY', 'UNUSABLE_ANSWER', 'IMPORTED', 'IDENTITY_IMPORTED', 'ADDRESS_MISMATCH', 'ADDRESS_NOT_IN_REGISTRY', 'ADDRESS_UNUSABLE'));`);
    this.addSql(`alter table "card" add constraint "card_verification_reason_code_check" check ("verification_reason_code" in ('NO_REGISTRY', 'REGISTRY_UNAVAILABLE', 'NOT_IN_REGISTRY', 'UNUSABLE_ANSWER', 'IMPORTED', 'IDENTITY_IMPORTED', 'ADDRESS_MISMATCH', 'ADDRESS_NOT_IN_REGISTRY', 'ADDRESS_UNUSABLE'));`);
    this.addSql(`update "card" set "verification_address_status" = "verification_status", "verification_address_reason_code" = "verification_reason_code", "verification_address_reason" = "verification_reason" where "verification_status" <> 'VERIFIED';`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "card" drop constraint "card_verification_address_status_check";`);
    this.addSql(`alter table "card" drop constraint "card_verification_address_reason_code_check";`);
    this.addSql(`alter table "card" drop constraint "card_verification_reason_code_check";`);
    this.addSql(`alter table "card" drop column "verification_address_status", drop column "verification_address_reason_code", drop column "verification_address_reason";`);
    this.addSql(`alter table "card" add constraint "card_verification_reason_code_check" check ("verification_reason_code" in ('NO_REGISTRY', 'REGISTRY_UNAVAILABLE', 'NOT_IN_REGISTRY', 'UNUSABLE_ANSWER', 'IMPORTED', 'IDENTITY_IMPORTED'));`);
  }

}
