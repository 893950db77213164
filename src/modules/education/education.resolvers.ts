import type { Resolvers } from '../../graphql/generated/resolvers.ts';
import { toGlobalId } from '../../graphql/relay.ts';

export const educationResolvers: Resolvers = {
  Card: {
    education: (card) => card,
  },
  Education: {
    main: async (card, _, { loaders }) => (await loaders.educationByCard.load(card.id)).filter((e) => e.section === 'MAIN'),
    additional: async (card, _, { loaders }) =>
      (await loaders.educationByCard.load(card.id)).filter((e) => e.section === 'ADDITIONAL'),
  },
  MainEducation: {
    id: (entry) => toGlobalId('MainEducation', entry.id),
    level: (entry) => entry.level!,
  },
  AdditionalEducation: {
    id: (entry) => toGlobalId('AdditionalEducation', entry.id),
    organisationName: (entry) => entry.institutionName,
    kind: (entry) => entry.additionalKind!,
  },
};
