import { payload } from '../../api/payload.ts';
import { idOf } from '../../api/relay.ts';
import type { Resolvers } from '../../generated/graphql.ts';
import { entriesOf } from '../card/card-view.ts';
import { changeDeps } from '../card/mutation.ts';
import { specialWorkplaces } from './section.ts';
import type { SpecialWorkplace } from './special-workplace.entity.ts';
import { correctSpecialWorkplace, createSpecialWorkplace, recordSpecialWorkplaceHiring } from './special-workplace.service.ts';

const entry = (id: string) => idOf(id, ['SpecialWorkplace'], 'id');
const asPayload = (specialWorkplace: SpecialWorkplace) => ({ specialWorkplace });

export const specialWorkplaceResolvers: Resolvers = {
  Card: {
    specialWorkplaces: (card, { includeVoided }, context) => entriesOf(context, card, specialWorkplaces, includeVoided),
  },
  Mutation: {
    specialWorkplaceCreate: async (_, { cardId, version, input }, context) =>
      payload(context, await createSpecialWorkplace(changeDeps(context), idOf(cardId, ['Card'], 'cardId'), version, input), asPayload),
    specialWorkplaceRecordHiring: async (_, { id, version, input }, context) =>
      payload(context, await recordSpecialWorkplaceHiring(changeDeps(context), entry(id), version, input), asPayload),
    specialWorkplaceCorrect: async (_, { id, version, input }, context) =>
      payload(context, await correctSpecialWorkplace(changeDeps(context), entry(id), version, input), asPayload),
  },
};
