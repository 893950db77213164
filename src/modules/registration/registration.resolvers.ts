import { connection, pageRequest } from '../../api/connection.ts';
import { payload } from '../../api/payload.ts';
import { idOf } from '../../api/relay.ts';
import type { Resolvers } from '../../generated/graphql.ts';
import { entriesOf } from '../card/card-view.ts';
import { cards } from '../card/card.store.ts';
import { cursorPartsOf } from '../card/cursors.ts';
import { changeDeps } from '../card/mutation.ts';
import type { Registration } from './registration.entity.ts';
import { episodeStatus } from './registration.rules.ts';
import {
  applyForRegistration, correctEpisode, deregisterEpisode, refuseEpisode, registerEpisode, withdrawEpisode,
} from './registration.service.ts';
import { findApplications } from './registration.store.ts';
import { registrations } from './section.ts';

const episode = (id: string) => idOf(id, ['Registration'], 'id');
const asPayload = (registration: Registration) => ({ registration });

export const registrationResolvers: Resolvers = {
  Query: {
    applications: async (_, { status, ...args }, { em, access }) => {
      const { limit, after } = pageRequest(args, cursorPartsOf('Registration')!);
      // Other roles than a center's staff have no queue: an empty one, as for a center with no applications.
      const scope = (await access.centerStaffScope()) ?? { careerCenterId: null };
      const page = await findApplications(em, scope, status ?? 'APPLIED', { limit, after });
      return connection(page, (registration) => [registration.appliedOn, registration.id]);
    },
  },
  ApplicationEdge: {
    card: async (edge, _, { loaders }) => (await loaders.get(cards.byId).load(edge.node.card))!,
  },
  Card: {
    jobSeekerRegistrations: async (card, { includeVoided }, context) =>
      (await entriesOf(context, card, registrations, includeVoided)).filter((r) => r.kind === 'JOB_SEEKER'),
    unemployedRegistrations: async (card, { includeVoided }, context) =>
      (await entriesOf(context, card, registrations, includeVoided)).filter((r) => r.kind === 'UNEMPLOYED'),
  },
  Registration: {
    status: (registration) => episodeStatus(registration),
  },
  Mutation: {
    registrationApply: async (_, { cardId, version, input }, context) =>
      payload(context, await applyForRegistration(changeDeps(context), idOf(cardId, ['Card'], 'cardId'), version, input), asPayload),
    registrationRegister: async (_, { id, version, input }, context) =>
      payload(context, await registerEpisode(changeDeps(context), episode(id), version, input), asPayload),
    registrationRefuse: async (_, { id, version, input }, context) =>
      payload(context, await refuseEpisode(changeDeps(context), episode(id), version, input), asPayload),
    registrationDeregister: async (_, { id, version, input }, context) =>
      payload(context, await deregisterEpisode(changeDeps(context), episode(id), version, input), asPayload),
    registrationWithdraw: async (_, { id, version }, context) =>
      payload(context, await withdrawEpisode(changeDeps(context, 'withdraw'), episode(id), version), asPayload),
    registrationCorrect: async (_, { id, version, input }, context) =>
      payload(context, await correctEpisode(changeDeps(context), episode(id), version, input), asPayload),
  },
};
