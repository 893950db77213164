import type { EntityManager } from '@mikro-orm/core';
import { District, Region } from './territory.entity.ts';

export interface DistrictEntry {
  code: string;
  kind: 'DISTRICT' | 'CITY' | 'CITY_DISTRICT';
  kk: string;
  ru: string;
  regionCode: string;
}

export interface RegionEntry {
  code: string;
  kind: 'REGION' | 'CITY';
  kk: string;
  ru: string;
  districts: DistrictEntry[];
}

/**
 * The administrative-territorial dictionary, read once at start-up: it changes only by migration,
 * and every card names a region, so looking it up must cost no query.
 */
export class Territories {
  readonly regions: readonly RegionEntry[];
  readonly #regions: Map<string, RegionEntry>;
  readonly #districts: Map<string, DistrictEntry>;

  constructor(regions: RegionEntry[]) {
    this.regions = regions;
    this.#regions = new Map(regions.map((region) => [region.code, region]));
    this.#districts = new Map(regions.flatMap((region) => region.districts.map((d) => [d.code, d] as const)));
  }

  static async load(em: EntityManager): Promise<Territories> {
    const [regions, districts] = await Promise.all([
      em.find(Region, {}, { orderBy: { sortOrder: 'asc' } }),
      em.find(District, {}, { orderBy: { sortOrder: 'asc' } }),
    ]);
    const entries = regions.map((r): RegionEntry => ({ code: r.code, kind: r.kind, kk: r.nameKk, ru: r.nameRu, districts: [] }));
    const byCode = new Map(entries.map((entry) => [entry.code, entry]));
    for (const d of districts) {
      byCode.get(d.region)?.districts.push({ code: d.code, kind: d.kind, kk: d.nameKk, ru: d.nameRu, regionCode: d.region });
    }
    return new Territories(entries);
  }

  region(code: string): RegionEntry | undefined {
    return this.#regions.get(code);
  }

  district(code: string): DistrictEntry | undefined {
    return this.#districts.get(code);
  }
}
