import type { Resolvers } from '../../graphql/generated/resolvers.ts';
import { toGlobalId } from '../../graphql/relay.ts';

export const footerResolvers: Resolvers = {
  Card: {
    footer: (card) => card,
  },
  CardFooter: {
    organisation: (card) => card.organisation ?? null,
    executor: (card) => (card.executorName ? { cardId: card.id, role: 'EXECUTOR', fullName: card.executorName } : null),
    head: (card) => (card.headName ? { cardId: card.id, role: 'HEAD', fullName: card.headName } : null),
    filledOn: (card) => card.filledOn ?? null,
    signatures: (card, _, { loaders }) => loaders.signaturesByCard.load(card.id),
  },
  Signatory: {
    signature: async (signatory, _, { loaders }) =>
      (await loaders.signaturesByCard.load(signatory.cardId)).findLast((s) => s.role === signatory.role) ?? null,
  },
  CardSignature: {
    id: (signature) => toGlobalId('CardSignature', signature.id),
  },
};
