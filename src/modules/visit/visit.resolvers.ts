import { payload } from '../../api/payload.ts';
import { idOf } from '../../api/relay.ts';
import type { Resolvers } from '../../generated/graphql.ts';
import { kazakhstanDay } from '../base/clock.ts';
import { sectionConnection, viewOf } from '../card/card-view.ts';
import { pageExtra } from '../card/page-extras.ts';
import { changeDeps } from '../card/mutation.ts';
import { visits } from './section.ts';
import type { Visit } from './visit.entity.ts';
import { correctVisit, planVisit, recordVisit } from './visit.service.ts';
import { nextVisitByCard } from './visit.store.ts';

const visitId = (id: string) => idOf(id, ['Visit'], 'id');
const asPayload = (visit: Visit) => ({ visit });

/** §18 — the earliest visit planned on or after `from` and not attended, among a list. */
const nextOf = (list: readonly Visit[], from: string) =>
  list.filter((v) => !v.voidedAt && !v.attendedOn && v.plannedOn >= from)
    .sort((a, b) => (a.plannedOn < b.plannedOn ? -1 : a.plannedOn > b.plannedOn ? 1 : Number(BigInt(a.id) - BigInt(b.id))))[0] ?? null;

export const visitResolvers: Resolvers = {
  Visit: {
    rowNumber: (visit, _, context) => viewOf(context, visit).rowNumber(visits, visit),
  },
  Card: {
    visits: (card, args, context) => sectionConnection(context, card, visits, args),
    // As of a past moment, "next" counts from that day.
    nextPlannedVisit: async (card, _, context) => {
      const view = viewOf(context, card);
      if (view.asOf) return nextOf(await view.list(visits, card.id), kazakhstanDay(view.asOf.at));
      const read = pageExtra<Visit | null>(card, 'nextPlannedVisit');
      if (read !== undefined) return read;
      return context.loaders.get(nextVisitByCard).load({ cardId: card.id, from: context.clock.today() });
    },
  },
  Mutation: {
    visitPlan: async (_, { cardId, version, input }, context) =>
      payload(context, await planVisit(changeDeps(context), idOf(cardId, ['Card'], 'cardId'), version, input), asPayload),
    visitRecord: async (_, { id, version, input }, context) =>
      payload(context, await recordVisit(changeDeps(context), visitId(id), version, input), asPayload),
    visitCorrect: async (_, { id, version, input }, context) =>
      payload(context, await correctVisit(changeDeps(context), visitId(id), version, input), asPayload),
  },
};
