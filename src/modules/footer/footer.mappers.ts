import type { Card } from '../card/card.entity.ts';
import type { SignatoryRole } from '../../generated/graphql.ts';

/** Footer — a signatory named on a card, whose signature is looked up by role. */
export interface SignatoryOf {
  card: Card;
  role: SignatoryRole;
  fullName: string;
}

export type { SignatoryOf as SignatoryMapper };

/** Footer — the executor who keeps a card. */
export interface CardKeeperMapper {
  userId: string | null;
  fullName: string | null;
}
export type { CardSignature as CardSignatureMapper, Organisation as OrganisationMapper } from './footer.entity.ts';
// The footer and the signing status are read off the card itself.
export type { Card as CardFooterMapper, Card as CardSignatureStatusMapper } from '../card/card.entity.ts';
