import type { Shape } from '../access/personal-data.ts';
import { typeOf } from '../card/card-section.ts';
import { sectionNamed } from '../sections.ts';
import { CREATED_CARD_PART, VERIFICATION_PART } from './history.entity.ts';

/** What a history record's value is, by the part it records: to mask the personal data in it. Null for a part no section declares. */
export function recordedShape(part: string): Shape | null {
  if (part === CREATED_CARD_PART) return { fields: { identity: { type: 'Card' }, careerCenter: { type: 'Card' } } };
  if (part === VERIFICATION_PART) return { type: 'IdentityVerification' };
  const section = sectionNamed(part);
  if (!section) return null;
  if (section.kind !== 'list') return { type: section.type };
  return { of: (value) => {
    const type = typeOf(section, value);
    return type ? { type } : null;
  } };
}
