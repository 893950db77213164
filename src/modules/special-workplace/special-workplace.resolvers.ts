import type { Resolvers } from '../../generated/graphql.ts';
import { sectionsOf } from '../../graphql/context.ts';
import { changeDeps, payload } from '../../api/payload.ts';
import { idOf, toGlobalId } from '../../api/relay.ts';
import { voidingOf } from '../../api/voiding.ts';
import { visible } from '../card/card-sections.ts';
import { correctSpecialWorkplace, createSpecialWorkplace, recordSpecialWorkplaceHiring } from './special-workplace.service.ts';

const entry = (id: string) => idOf(id, ['SpecialWorkplace'], 'id');

export const specialWorkplaceResolvers: Resolvers = {
  Card: {
    specialWorkplaces: async (card, { includeVoided }, context) => visible(await sectionsOf(context, card).specialWorkplaces(card.id), includeVoided),
  },
  SpecialWorkplace: {
    id: (workplace) => toGlobalId('SpecialWorkplace', workplace.id),
    voided: voidingOf,
  },
  Mutation: {
    specialWorkplaceCreate: async (_, { cardId, version, input }, context) =>
      payload(context, await createSpecialWorkplace(changeDeps(context), idOf(cardId, ['Card'], 'cardId'), version, input), (specialWorkplace) => ({ specialWorkplace })),
    specialWorkplaceRecordHiring: async (_, { id, version, input }, context) =>
      payload(context, await recordSpecialWorkplaceHiring(changeDeps(context), entry(id), version, input), (specialWorkplace) => ({ specialWorkplace })),
    specialWorkplaceCorrect: async (_, { id, version, input }, context) =>
      payload(context, await correctSpecialWorkplace(changeDeps(context), entry(id), version, input), (specialWorkplace) => ({ specialWorkplace })),
  },
};
