import { payload } from '../../api/payload.ts';
import { idOf } from '../../api/relay.ts';
import type { Resolvers } from '../../generated/graphql.ts';
import { sectionConnection } from '../card/card-view.ts';
import { changeDeps } from '../card/mutation.ts';
import { HiringAct, type Referral } from './referral.entity.ts';
import { correctReferral, createReferral, recordReferralOutcome } from './referral.service.ts';
import { referrals } from './section.ts';

const referral = (id: string) => idOf(id, ['Referral'], 'id');
const asPayload = (entry: Referral) => ({ referral: entry });

export const referralResolvers: Resolvers = {
  Card: {
    referrals: (card, args, context) => sectionConnection(context, card, referrals, args),
  },
  Referral: {
    outcome: (entry) => entry.hiringAct ?? entry.refusal ?? null,
  },
  ReferralOutcome: {
    __resolveType: (outcome) => (outcome instanceof HiringAct ? 'HiringAct' : 'ReferralRefusal'),
  },
  Mutation: {
    referralCreate: async (_, { cardId, version, input }, context) =>
      payload(context, await createReferral(changeDeps(context), idOf(cardId, ['Card'], 'cardId'), version, input), asPayload),
    referralRecordHiring: async (_, { id, version, input }, context) =>
      payload(context, await recordReferralOutcome(changeDeps(context), referral(id), version, { hiring: input }), asPayload),
    referralRecordRefusal: async (_, { id, version, input }, context) =>
      payload(context, await recordReferralOutcome(changeDeps(context), referral(id), version, { refusal: input }), asPayload),
    referralCorrect: async (_, { id, version, input }, context) =>
      payload(context, await correctReferral(changeDeps(context), referral(id), version, input), asPayload),
  },
};
