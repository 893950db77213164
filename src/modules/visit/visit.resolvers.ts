import type { Resolvers } from '../../generated/graphql.ts';
import { kazakhstanDay, sectionsOf } from '../../graphql/context.ts';
import { changeDeps, payload } from '../../api/payload.ts';
import { idOf, toGlobalId } from '../../api/relay.ts';
import { sectionConnection } from '../../api/connection.ts';
import { voidingOf } from '../../api/voiding.ts';
import { correctVisit, planVisit, recordVisit } from './visit.service.ts';

const visitId = (id: string) => idOf(id, ['Visit'], 'id');

export const visitResolvers: Resolvers = {
  Card: {
    visits: (card, args, context) =>
      sectionConnection((request) => sectionsOf(context, card).visits(request), card.id, args, (visit) => [visit.plannedOn, visit.id]),
    // As of a past moment, "next" counts from that day.
    nextPlannedVisit: (card, _, context) => {
      const sections = sectionsOf(context, card);
      const from = sections.asOf ? kazakhstanDay(sections.asOf.at) : context.clock.today();
      return sections.nextVisit(card.id, from);
    },
  },
  Visit: {
    id: (visit) => toGlobalId('Visit', visit.id),
    voided: voidingOf,
  },
  Mutation: {
    visitPlan: async (_, { cardId, version, input }, context) =>
      payload(context, await planVisit(changeDeps(context), idOf(cardId, ['Card'], 'cardId'), version, input.plannedOn), (visit) => ({ visit })),
    visitRecord: async (_, { id, version, input }, context) =>
      payload(context, await recordVisit(changeDeps(context), visitId(id), version, input), (visit) => ({ visit })),
    visitCorrect: async (_, { id, version, input }, context) =>
      payload(context, await correctVisit(changeDeps(context), visitId(id), version, input), (visit) => ({ visit })),
  },
};
