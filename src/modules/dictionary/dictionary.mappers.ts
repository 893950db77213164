export type { CodeEntry as DictionaryEntryMapper } from './codes.ts';
export type { DistrictEntry as DistrictMapper, RegionEntry as RegionMapper } from './territories.ts';
