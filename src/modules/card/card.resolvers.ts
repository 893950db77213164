import { GraphQLError } from 'graphql';
import type { Resolvers } from '../../generated/graphql.ts';
import { sectionsOf } from '../../graphql/context.ts';
import { changeDeps, payload } from '../../api/payload.ts';
import { idOf, parseGlobalId, toGlobalId } from '../../api/relay.ts';
import { cardAsOf } from '../history/as-of.ts';
import { registrationStatus } from '../registration/registration.rules.ts';
import { openCard, voidEntry } from './card-actions.ts';
import { findCards } from './card.service.ts';

export const cardResolvers: Resolvers = {
  Query: {
    card: async (_, { id, asOf }, context) => {
      const cardId = idOf(id, ['Card'], 'id');
      const card = await context.access.readable(await context.loaders.cardById.load(cardId));
      if (!card || !asOf) return card;
      const view = await cardAsOf(context.em, cardId, asOf);
      if (!view) return null;
      // The card and its entries read their sections from this view, not the live tables.
      for (const object of view.objects()) context.views.set(object, view);
      return view.card;
    },
    cardByIin: async (_, { iin }, { loaders, access }) => {
      // Looking a person up by IIN would undo the masking of an analyst's view (issue 6).
      if (access.masked) throw new GraphQLError('An analyst finds cards with `cards(filter)`, not by IIN', { extensions: { code: 'FORBIDDEN' } });
      return access.readable(await loaders.cardByIin.load(iin));
    },
    cards: async (_, args, { em, territories, access }) => findCards(em, territories, args, await access.readScope()),
  },
  CardConnection: {
    totalCount: (page) => page.countTotal(),
  },
  Card: {
    id: (card) => toGlobalId('Card', card.id),
    careerCenter: async (card, _, { loaders }) => (await loaders.careerCenterById.load(card.careerCenter))!,
    registrationStatus: async (card, _, context) => registrationStatus(await sectionsOf(context, card).registrations(card.id)),
    asOf: (card, _, context) => sectionsOf(context, card).asOf?.at ?? null,
  },
  Mutation: {
    cardOpen: async (_, { input }, context) => {
      const { iin, appliedOn, careerCenter, ...identity } = input;
      const careerCenterId = idOf(careerCenter, ['CareerCenter'], 'input.careerCenter');
      const outcome = await openCard(changeDeps(context), { iin, appliedOn, careerCenterId, identity });
      return payload(context, outcome, ({ registration, existingCard }) => ({ registration, existingCard }), { existingCard: false });
    },
    cardEntryVoid: async (_, { id, version, reason }, context) => {
      const type = parseGlobalId(id)?.type ?? '';
      const entryId = idOf(id, [type], 'id');
      return payload(context, await voidEntry(changeDeps(context), type, entryId, version, reason), () => ({}));
    },
  },
};
