import { Migration } from '@mikro-orm/migrations';

// §16.2 — a microcredit's grace period and repayment term as the form takes them: in months, or the
// day they end. The months already stored stay as they are (each term was given in months); the
// new columns hold a term given as a date. Going down turns such a date into the whole months
// started since the microcredit was received, the form the earlier schema knew.

export class Migration20261203170030_loan_terms extends Migration {

  override name = 'Migration20261203170030_loan_terms';

  override up(): void | Promise<void> {
    this.addSql(`alter table "active_measure" add "microcredit_grace_period_until" date null, add "microcredit_repayment_term_until" date null;`);
  }

  override down(): void | Promise<void> {
    for (const term of ['grace_period', 'repayment_term']) {
      const age = `age("microcredit_${term}_until", "microcredit_received_on")`;
      this.addSql(`update "active_measure" set "microcredit_${term}_months" =
        (extract(year from ${age}) * 12 + extract(month from ${age}) + case when extract(day from ${age}) > 0 then 1 else 0 end)::int
        where "microcredit_${term}_until" is not null;`);
    }
    this.addSql(`alter table "active_measure" drop column "microcredit_grace_period_until", drop column "microcredit_repayment_term_until";`);
  }

}
