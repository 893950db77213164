import type { Territories } from '../dictionary/territories.ts';
import type { RegistryAddress } from './person-registry.ts';

// §7 against the registered address. The card's address is the residence the person states; the
// registry's is where they are registered. They may lawfully differ, so a difference is flagged for
// the caseworker, never written over the card.
//
// The rule: the territory codes must be equal (region; district when the registry gives one), and
// each text the registry gives (settlement, street, house, apartment) must equal the card's once
// both are normalised: Unicode NFC, lower case, ё as е, punctuation and spacing ignored, the
// words that only name the kind of place (улица / көшесі, проспект / даңғылы, дом / үй, город /
// қаласы, …) dropped, and "/" and "-" in numbers read alike. A text the registry does not give is
// not compared; one it gives that the card lacks is a difference.

export type AddressFields = 'region' | 'district' | 'settlement' | 'street' | 'house' | 'apartment';

/** The card's §7 as stored (codes and text). */
export interface CardAddress {
  region: string;
  district?: string | null;
  settlement?: string | null;
  street?: string | null;
  house?: string | null;
  apartment?: string | null;
}

/** Words that name the kind of a settlement, street or building, in Kazakh and Russian, abbreviated or not (separators already read as "/"). */
const KIND_WORDS = new Set([
  'г', 'город', 'қ', 'қала', 'қаласы', 'с', 'село', 'ауыл', 'ауылы', 'п', 'пос', 'поселок', 'кент', 'кенті',
  'ул', 'улица', 'көше', 'көшесі', 'пр', 'пр/т', 'просп', 'проспект', 'даңғ', 'даңғыл', 'даңғылы',
  'пер', 'переулок', 'тұйық', 'тұйығы', 'б/р', 'бульвар', 'бульвары', 'мкр', 'микрорайон', 'ш/а', 'шағын', 'аудан', 'ауданы',
  'д', 'дом', 'үй', 'кв', 'квартира', 'пәтер', '№',
]);

/** A text as the rule compares it. */
export function normalisedAddressText(text: string): string {
  const words = text.normalize('NFC').toLowerCase().replaceAll('ё', 'е')
    // Separators inside a number ("12/3", "12-3", "12 / 3") read alike.
    .replace(/\s*[/\\-]\s*/g, '/')
    .replace(/[.,;:!?"'«»()№]/g, ' ')
    .split(/\s+/)
    .filter((word) => word && !KIND_WORDS.has(word));
  return words.join(' ');
}

/**
 * Where the card's address differs from the registry's, by the rule above, or why the registry's
 * cannot be compared (a territory code the dictionary does not have).
 */
export function compareAddress(card: CardAddress | null | undefined, registry: RegistryAddress, territories: Territories):
  { ok: true; differs: AddressFields[] } | { ok: false; problem: string } {
  if (!territories.region(registry.region)) return { ok: false, problem: `the region code ${registry.region} is not in the dictionary` };
  const district = registry.district === null ? null : territories.district(registry.district);
  if (district === undefined || (district && district.regionCode !== registry.region)) {
    return { ok: false, problem: `the district code ${registry.district} is not a district of ${registry.region}` };
  }
  if (!card) return { ok: true, differs: ['region'] };
  const differs: AddressFields[] = [];
  if (card.region !== registry.region) differs.push('region');
  if (registry.district !== null && (card.district ?? null) !== registry.district) differs.push('district');
  for (const key of ['settlement', 'street', 'house', 'apartment'] as const) {
    const given = registry[key];
    if (given === null) continue;
    const own = card[key];
    if (!own || normalisedAddressText(own) !== normalisedAddressText(given)) differs.push(key);
  }
  return { ok: true, differs };
}
