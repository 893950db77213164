import type { Resolvers } from '../../graphql/generated/resolvers.ts';
import { toGlobalId } from '../../graphql/relay.ts';
import { episodeStatus } from './registration.rules.ts';

export const registrationResolvers: Resolvers = {
  Card: {
    jobSeekerRegistrations: async (card, _, { loaders }) =>
      (await loaders.registrationsByCard.load(card.id)).filter((r) => r.kind === 'JOB_SEEKER'),
    unemployedRegistrations: async (card, _, { loaders }) =>
      (await loaders.registrationsByCard.load(card.id)).filter((r) => r.kind === 'UNEMPLOYED'),
  },
  Registration: {
    id: (registration) => toGlobalId('Registration', registration.id),
    status: (registration) => episodeStatus(registration),
  },
};
