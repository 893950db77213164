import { cardPart, partValue } from './card-section.ts';

/** Rule 1 — which career center keeps the card, and since when it is open. */
export const careerCenter = cardPart({
  name: 'careerCenter',
  type: 'Card',
  snapshot: (card) => partValue({ careerCenter: card.careerCenter, openedOn: card.openedOn }),
  restore: (value) => ({ ...value }),
});
