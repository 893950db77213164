import { raw } from '@mikro-orm/core';
import { Migration } from '@mikro-orm/migrations';
import { territories } from './data/territories.ts';

// Reference data: the administrative-territorial dictionary (regions, districts) as of 2026.
// Later changes to the division are new migrations, never edits of this one.
export class Migration20261129161800_territories extends Migration {
  override name = 'Migration20261129161800_territories';

  override up(): void {
    const regions = territories.map((r, i) => [r.code, r.kind, r.kk, r.ru, i + 1]);
    const districts = territories.flatMap((r) => r.districts.map((d, i) => [d.code, r.code, d.kind, d.kk, d.ru, i + 1]));
    this.addSql(insert('region', ['code', 'kind', 'name_kk', 'name_ru', 'sort_order'], regions));
    this.addSql(insert('district', ['code', 'region_code', 'kind', 'name_kk', 'name_ru', 'sort_order'], districts));
  }

  override down(): void {
    this.addSql('delete from "district"');
    this.addSql('delete from "region"');
  }
}

function insert(table: string, columns: string[], rows: unknown[][]) {
  const values = rows.map((row) => `(${row.map(() => '?').join(', ')})`).join(', ');
  return raw(`insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values ${values}`, rows.flat());
}
