import type { Resolvers } from '../../generated/graphql.ts';
import { sectionsOf } from '../../graphql/context.ts';
import { changeDeps, payload } from '../../api/payload.ts';
import { idOf, toGlobalId } from '../../api/relay.ts';
import { voidingOf } from '../../api/voiding.ts';
import { visible } from '../card/card-sections.ts';
import { episodeStatus } from './registration.rules.ts';
import {
  applyForRegistration, correctEpisode, deregisterEpisode, refuseEpisode, registerEpisode,
} from './registration.service.ts';

const episode = (id: string) => idOf(id, ['Registration'], 'id');

export const registrationResolvers: Resolvers = {
  Card: {
    jobSeekerRegistrations: async (card, { includeVoided }, context) =>
      visible(await sectionsOf(context, card).registrations(card.id), includeVoided).filter((r) => r.kind === 'JOB_SEEKER'),
    unemployedRegistrations: async (card, { includeVoided }, context) =>
      visible(await sectionsOf(context, card).registrations(card.id), includeVoided).filter((r) => r.kind === 'UNEMPLOYED'),
  },
  Registration: {
    id: (registration) => toGlobalId('Registration', registration.id),
    status: (registration) => episodeStatus(registration),
    voided: voidingOf,
  },
  Mutation: {
    registrationApply: async (_, { cardId, version, input }, context) =>
      payload(context, await applyForRegistration(changeDeps(context), idOf(cardId, ['Card'], 'cardId'), version, input), (registration) => ({ registration })),
    registrationRegister: async (_, { id, version, input }, context) =>
      payload(context, await registerEpisode(changeDeps(context), episode(id), version, input.registeredOn), (registration) => ({ registration })),
    registrationRefuse: async (_, { id, version, input }, context) =>
      payload(context, await refuseEpisode(changeDeps(context), episode(id), version, input), (registration) => ({ registration })),
    registrationDeregister: async (_, { id, version, input }, context) =>
      payload(context, await deregisterEpisode(changeDeps(context), episode(id), version, input), (registration) => ({ registration })),
    registrationCorrect: async (_, { id, version, input }, context) =>
      payload(context, await correctEpisode(changeDeps(context), episode(id), version, input), (registration) => ({ registration })),
  },
};
