import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { generateCard, type CardDraft, type GeneratorContext, type SeedCenter } from '../seed/card-generator.ts';
import type { RegionEntry } from '../modules/dictionary/territories.ts';

// Import records for the import benchmark and tests: the demo seeder's cards (same people, same
// lifecycles, deterministic in seed and index) written the way another information system would
// send them — in the import format (schema/import/card-record.schema.json), not as database rows.

type Row = Record<string, unknown>;

export interface ImportRecordOptions {
  seed?: number;
  /** The data's "today" (no event after it); fixed by default so a file is the same whatever the day. */
  today?: string;
  /** Codes of the career centers that keep the cards (career_center.code). */
  careerCenterCodes: readonly string[];
  /** The territory dictionary; must hold the regions relocations go to (the full dictionary does). */
  regions: readonly RegionEntry[];
  /** Index of the first card, to continue a file made earlier. */
  start?: number;
}

/** Leaves out nulls at any depth: the format says an absent value and a null mean the same. */
function compact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(compact);
  if (value === null || typeof value !== 'object') return value;
  const out: Row = {};
  for (const [key, inner] of Object.entries(value)) if (inner != null) out[key] = compact(inner);
  return out;
}

/**
 * Career centers for the generator from their codes. The seeder codes a center `CC-<district>`,
 * so such a code places the center in its district; any other code is given a district in turn,
 * so addresses still name real territories. The id is the code itself, which maps the draft's
 * `careerCenter` straight back to a code.
 */
function centersFor(codes: readonly string[], regions: readonly RegionEntry[]): SeedCenter[] {
  const places = regions.flatMap((region) => region.districts.map((district) => ({ region, district })));
  if (codes.length === 0) throw new Error('at least one career center code is needed');
  if (places.length === 0) throw new Error('the territory dictionary is empty');
  const byDistrict = new Map(places.map((place) => [place.district.code, place]));
  return codes.map((code, i) => {
    const { region, district } = byDistrict.get(code.replace(/^CC-/, '')) ?? places[i % places.length]!;
    return {
      id: code, region, district, name: `Центр карьеры — ${district.ru}`, address: `${region.ru}, ${district.ru}`,
      phone: '+77000000000', email: `${code.toLowerCase()}@career-center.kz`,
    };
  });
}

/** One generated card as an import record: what another system would send (the footer is the center's own). */
function toImportRecord(draft: CardDraft): Row {
  return compact(draft.record) as Row;
}

/**
 * `count` import records, cards `start` to `start + count - 1` of the seeder's sequence for this
 * seed: the same options give the same records, byte for byte. IINs are unique within one call.
 */
export function* generateImportRecords(count: number, options: ImportRecordOptions): Generator<Record<string, unknown>> {
  const context: GeneratorContext = {
    seed: options.seed ?? 365,
    today: options.today ?? '2026-11-29',
    centers: centersFor(options.careerCenterCodes, options.regions),
    regions: options.regions,
    usedIins: new Set(),
  };
  const start = options.start ?? 0;
  for (let index = start; index < start + count; index++) yield toImportRecord(generateCard(index, context));
}

/** Writes records as NDJSON, one per line, waiting for the disk whenever its buffer is full. */
export async function writeImportFile(path: string, records: Iterable<Record<string, unknown>>): Promise<void> {
  const stream = createWriteStream(path, { encoding: 'utf8' });
  // The stream reports errors only between ticks, and this function yields only in the two awaits
  // below, whose listeners turn an 'error' into a rejection; so no error goes unheard.
  for (const record of records) {
    if (!stream.write(`${JSON.stringify(record)}\n`)) await once(stream, 'drain');
  }
  stream.end();
  await finished(stream);
}
