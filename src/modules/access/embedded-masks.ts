import { canonicalJson, DOCUMENT_SHAPE } from '../card/card-document.ts';
import type { CardHistory } from '../history/history.entity.ts';
import { recordedShape } from '../history/recorded-shape.ts';
import type { JsonMasker } from './personal-data.ts';

type EmbeddedMask = (value: unknown, parent: unknown, json: JsonMasker) => unknown;

const historyValue: EmbeddedMask = (value, record, json) => json.mask(value, recordedShape((record as CardHistory).part));

/** How each field marked `@personalData(masking: INSIDE)` is masked inside: by what its JSON records. */
export const EMBEDDED_MASKS: Readonly<Record<string, EmbeddedMask>> = {
  'CardHistoryEntry.oldValue': historyValue,
  'CardHistoryEntry.newValue': historyValue,
  // The signed document is canonical JSON text: masked, then written canonically again.
  'CardSignatureStatus.document': (value, _, json) => canonicalJson(json.mask(JSON.parse(value as string), DOCUMENT_SHAPE)),
};
