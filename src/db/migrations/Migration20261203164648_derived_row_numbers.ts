import { Migration } from '@mikro-orm/migrations';

// §18 and §20 row numbers are derived on read (a row's place in the section's order among the rows
// not voided), so the stored numbers go: a stored number fixed at entry put a visit planned earlier
// but entered later after it, and kept gaps where rows were voided. The history keeps the numbers
// its earlier records hold, as recorded. Going down numbers the rows as they read now.

export class Migration20261203164648_derived_row_numbers extends Migration {

  override name = 'Migration20261203164648_derived_row_numbers';

  override up(): void | Promise<void> {
    this.addSql(`alter table "employment_plan_row" drop column "row_number";`);

    this.addSql(`alter table "visit" drop column "row_number";`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "employment_plan_row" add "row_number" int4 null;`);
    this.addSql(`update "employment_plan_row" r set "row_number" = n.number from (select "id", row_number() over (partition by "card_id" order by "id") as number from "employment_plan_row") n where n."id" = r."id";`);
    this.addSql(`alter table "employment_plan_row" alter column "row_number" set not null;`);

    this.addSql(`alter table "visit" add "row_number" int4 null;`);
    this.addSql(`update "visit" v set "row_number" = n.number from (select "id", row_number() over (partition by "card_id" order by "planned_on", "id") as number from "visit") n where n."id" = v."id";`);
    this.addSql(`alter table "visit" alter column "row_number" set not null;`);
  }

}
