import { cardPart, partValue } from '../card/card-section.ts';

/** Law No. 94-V — the consent to the processing of personal data, as last recorded. */
export const consent = cardPart({
  name: 'consent',
  type: 'PersonalDataConsent',
  snapshot: (card) => partValue(card.consent),
  restore: (value) => ({ consent: value }),
});
