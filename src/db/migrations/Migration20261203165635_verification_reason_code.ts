import { Migration } from '@mikro-orm/migrations';

// Rule 2 — the reason a verification is pending or failed gets a code, so it can be told in Kazakh
// and Russian; the English words (with the registry's detail) stay in "verification_reason". The
// reasons already stored get their code from the words the service wrote for each.

export class Migration20261203165635_verification_reason_code extends Migration {

  override name = 'Migration20261203165635_verification_reason_code';

  override up(): void | Promise<void> {
    this.addSql(`alter table "card" add "verification_reason_code" text null;`);
    this.addSql(`alter table "card" add constraint "card_verification_reason_code_check" check ("verification_reason_code" in ('NO_REGISTRY', 'REGISTRY_UNAVAILABLE', 'NOT_IN_REGISTRY', 'UNUSABLE_ANSWER', 'IMPORTED', 'IDENTITY_IMPORTED'));`);
    this.addSql(`update "card" set "verification_reason_code" = case
      when "verification_reason" like 'no person registry is configured%' then 'NO_REGISTRY'
      when "verification_reason" = 'the person registry has no person with this IIN' then 'NOT_IN_REGISTRY'
      when "verification_reason" like 'the person registry''s answer is unusable%' then 'UNUSABLE_ANSWER'
      when "verification_reason" = 'imported; awaiting the person registry' then 'IMPORTED'
      when "verification_reason" = 'the identity changed by an import; awaiting the person registry' then 'IDENTITY_IMPORTED'
      when "verification_status" = 'FAILED' then 'UNUSABLE_ANSWER'
      else 'REGISTRY_UNAVAILABLE' end
      where "verification_reason" is not null and "verification_status" <> 'VERIFIED';`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "card" drop constraint "card_verification_reason_code_check";`);
    this.addSql(`alter table "card" drop column "verification_reason_code";`);
  }

}
