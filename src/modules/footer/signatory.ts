import type { SignatoryRole } from '../../generated/graphql.ts';
import type { Card } from '../card/card.entity.ts';

/** Footer — a signatory named on a card, whose signature is looked up by role. */
export interface SignatoryOf {
  card: Card;
  role: SignatoryRole;
  fullName: string;
}
