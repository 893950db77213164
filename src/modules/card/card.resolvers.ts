import { GraphQLError } from 'graphql';
import { connection, pageRequest } from '../../api/connection.ts';
import { payload } from '../../api/payload.ts';
import { idOf, parseGlobalId } from '../../api/relay.ts';
import type { RegistrationStatus, Resolvers } from '../../generated/graphql.ts';
import { cardAsOf } from '../history/as-of.ts';
import { registrations } from '../registration/section.ts';
import { registrationStatus } from '../registration/registration.rules.ts';
import { applyAsPerson, openCard, voidEntry } from './card-actions.ts';
import { viewOf } from './card-view.ts';
import { checkFilter, findCards } from './card.service.ts';
import { cards } from './card.store.ts';
import { pageExtra, pageExtrasFor } from './page-extras.ts';
import { nodeFieldsOf } from '../../api/lookahead.ts';
import { changeDeps } from './mutation.ts';
import { cursorPartsOf } from './cursors.ts';
import { careerCenterById } from '../career-center/career-center.store.ts';

export const cardResolvers: Resolvers = {
  Query: {
    card: async (_, { id, asOf }, context) => {
      const cardId = idOf(id, ['Card'], 'id');
      const card = await context.access.readable(await context.loaders.get(cards.byId).load(cardId));
      if (!card || !asOf) return card;
      const view = await cardAsOf(context.em, cardId, asOf);
      if (!view) return null;
      // The card and its entries read their sections from this view, not the live tables.
      for (const object of view.objects()) context.pastViews.set(object, view);
      return view.card;
    },
    cardByIin: async (_, { iin }, { loaders, access }) => {
      // Looking a person up by IIN would undo the masking of an analyst's view.
      if (access.masked) throw new GraphQLError('An analyst finds cards with `cards(filter)`, not by IIN', { extensions: { code: 'FORBIDDEN' } });
      return access.readable(await loaders.get(cards.byIin).load(iin));
    },
    cards: async (_, { filter, ...args }, { em, territories, access, clock }, info) => {
      const { limit, after } = pageRequest(args, cursorPartsOf('Card')!);
      const careerCenterId = filter?.careerCenter != null ? idOf(filter.careerCenter, ['CareerCenter'], 'filter.careerCenter') : undefined;
      const page = await findCards(em, checkFilter(filter && { ...filter, careerCenterId }, territories), await access.readScope(), { limit, afterId: after?.[0] ?? null },
        { of: pageExtrasFor(nodeFieldsOf(info)), today: clock.today() });
      return connection(page, (card) => [card.id]);
    },
  },
  CardConnection: {
    totalCount: async ({ totalCount }) => (await totalCount()).count,
    totalCountExact: async ({ totalCount }) => (await totalCount()).exact,
  },
  Card: {
    careerCenter: async (card, _, { loaders }) => (await loaders.get(careerCenterById).load(card.careerCenter))!,
    registrationStatus: async (card, _, context) => pageExtra<RegistrationStatus>(card, 'registrationStatus') ?? registrationStatus(await viewOf(context, card).list(registrations, card.id)),
    asOf: (card, _, context) => viewOf(context, card).asOf?.at ?? null,
  },
  Mutation: {
    cardOpen: async (_, { input }, context) => {
      const { careerCenter, ...application } = input;
      const careerCenterId = idOf(careerCenter, ['CareerCenter'], 'input.careerCenter');
      const outcome = await openCard(changeDeps(context), { ...application, careerCenterId });
      return payload(context, outcome, ({ registration, existingCard, transfer, refused }) => ({ registration, existingCard, transfer, userErrors: refused }), { existingCard: false });
    },
    cardApply: async (_, { input }, context) => {
      const { careerCenter, ...application } = input;
      const careerCenterId = idOf(careerCenter, ['CareerCenter'], 'input.careerCenter');
      const deps = changeDeps(context, 'apply');
      // The person applies for themselves: the IIN is the token's, never an argument.
      const iin = context.principal?.iin;
      if (!iin) throw new GraphQLError('Applying needs a signed-in person', { extensions: { code: 'FORBIDDEN' } });
      const outcome = await applyAsPerson(deps, iin, { ...application, careerCenterId });
      return payload(context, outcome, ({ registration, registrationStatus: status, refused }) => ({ application: registration, registrationStatus: status, userErrors: refused }));
    },
    cardEntryVoid: async (_, { id, version, reason }, context) => {
      const type = parseGlobalId(id)?.type ?? '';
      const entryId = idOf(id, [type], 'id');
      return payload(context, await voidEntry(changeDeps(context), type, entryId, version, reason), () => ({}));
    },
  },
};
