import type { SignatoryRole } from '../../graphql/generated/resolvers.ts';

/** Footer — a signatory named on a card, whose signature is looked up by role. */
export interface SignatoryOf {
  cardId: string;
  role: SignatoryRole;
  fullName: string;
}
