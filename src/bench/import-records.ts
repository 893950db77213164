import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { generateCard, type CardDraft, type GeneratorContext, type SeedCenter } from '../seed/card-generator.ts';
import type { RegionEntry } from '../modules/dictionary/territories.ts';

// Import records for the import benchmark and tests: the demo seeder's cards (same people, same
// lifecycles, deterministic in seed and index) written the way another information system would
// send them — in the import format (schema/import/card-record.schema.json), not as database rows.
// Drafts are in entity property names; each section is mapped back to the input names its
// service's *Columns function reads.

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

/** A hiring act or a refusal as the `outcome` the record carries (§14, §16.3). */
function outcome(row: Row): Row | null {
  if (row.hiringAct) return { hiring: row.hiringAct };
  if (row.refusal) return { refusal: row.refusal };
  return null;
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

/** One generated card as an import record. */
function toImportRecord(draft: CardDraft): Row {
  const card = draft.card;
  const iin = card.iin as string;
  // Entry ids as the source system would have them: stable per card, section and position.
  const sourceId = (section: string, i: number) => `${iin}-${section}-${i + 1}`;
  const main = draft.education.filter((e) => e.section === 'MAIN');
  const additional = draft.education.filter((e) => e.section === 'ADDITIONAL');

  const record = compact({
    iin,
    careerCenter: card.careerCenter,
    openedOn: card.openedOn,
    fullName: card.fullName,
    citizenship: card.citizenship,
    nationality: card.nationality,
    address: card.address,
    phone: card.phone,
    email: card.email,
    mainEducation: main.map((e, i) => ({
      sourceId: sourceId('edu', i), institutionName: e.institutionName, level: e.level, studyPeriod: e.studyPeriod, specialty: e.specialty,
    })),
    additionalEducation: additional.map((e, i) => ({
      sourceId: sourceId('addedu', i), organisationName: e.institutionName, kind: e.additionalKind, studyPeriod: e.studyPeriod, specialty: e.specialty,
    })),
    lastJob: card.lastJob,
    registrations: draft.registrations.map((r, i) => ({ sourceId: sourceId('reg', i), ...r })),
    careerGuidance: draft.guidance.map((g, i) => ({ sourceId: sourceId('guid', i), ...g })),
    referrals: draft.referrals.map(({ hiringAct, refusal, ...r }, i) => ({
      sourceId: sourceId('ref', i), ...r, outcome: outcome({ hiringAct, refusal }),
    })),
    activeMeasures: draft.measures.map((m, i) => activeMeasure(m, sourceId('measure', i))),
    specialWorkplaces: draft.specialWorkplaces.map((w, i) => ({ sourceId: sourceId('swp', i), ...w })),
    expectations: card.expectations,
    visits: draft.visits.map(({ rowNumber: _, ...v }, i) => ({ sourceId: sourceId('visit', i), ...v })),
    employmentPlan: draft.plan.map(({ rowNumber: _, ...p }, i) => ({ sourceId: sourceId('plan', i), ...p })),
  }) as Row;
  // A card the source system sends whole has nothing in a section it leaves out, as with an empty
  // one; the file is smaller without them.
  for (const [key, value] of Object.entries(record)) if (Array.isArray(value) && value.length === 0) delete record[key];
  return record;
}

/** §16: one measure row in entity names to the record member of its kind. */
function activeMeasure({ kind, row, family }: CardDraft['measures'][number], sourceId: string): Row {
  const head = { sourceId, kind, referredOn: row.referredOn };
  switch (kind) {
    case 'PROFESSIONAL_TRAINING': {
      const { employment, referredOn: _, ...rest } = row;
      return { ...head, ...rest, permanentEmployment: employment };
    }
    case 'ENTREPRENEURSHIP_SUPPORT':
      return { ...head, microcredit: row.microcredit, basicsTraining: row.basicsTraining, grant: row.grant };
    case 'SUBSIDIZED_JOB': {
      const { employment, hiringAct, refusal, referredOn: _, ...rest } = row;
      return { ...head, ...rest, employerDecision: outcome({ hiringAct, refusal }), permanentEmployment: employment };
    }
    case 'RELOCATION': {
      const housing = row.housing as { type: string; areaPerFamilyMember: string | null } | null;
      return {
        ...head, familyMembers: family, destination: row.destination, materialAssistance: row.assistance,
        // The column is an exact decimal string; the record gives m² as a JSON number.
        housing: housing && { type: housing.type, areaPerFamilyMember: housing.areaPerFamilyMember == null ? null : Number(housing.areaPerFamilyMember) },
        employment: row.employment,
      };
    }
  }
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
