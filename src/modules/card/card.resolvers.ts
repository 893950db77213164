import type { Resolvers } from '../../graphql/generated/resolvers.ts';
import { idOf, toGlobalId } from '../../graphql/relay.ts';
import { registrationStatus } from '../registration/registration.rules.ts';
import { findCards } from './card.service.ts';

export const cardResolvers: Resolvers = {
  Query: {
    card: (_, { id }, { loaders }) => loaders.cardById.load(idOf(id, ['Card'], 'id')),
    cardByIin: (_, { iin }, { loaders }) => loaders.cardByIin.load(iin),
    cards: (_, args, { em, territories }) => findCards(em, territories, args),
  },
  CardConnection: {
    totalCount: (page) => page.countTotal(),
  },
  Card: {
    id: (card) => toGlobalId('Card', card.id),
    careerCenter: async (card, _, { loaders }) => (await loaders.careerCenterById.load(card.careerCenter))!,
    registrationStatus: async (card, _, { loaders }) => registrationStatus(await loaders.registrationsByCard.load(card.id)),
  },
};
