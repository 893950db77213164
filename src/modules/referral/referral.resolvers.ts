import type { Resolvers } from '../../graphql/generated/resolvers.ts';
import { toGlobalId } from '../../graphql/relay.ts';
import { sectionConnection } from '../../graphql/section-connection.ts';
import { HiringAct } from './referral.entity.ts';

export const referralResolvers: Resolvers = {
  Card: {
    referrals: (card, args, { loaders }) =>
      sectionConnection(loaders.referralPages, card.id, args, (referral) => [referral.referredOn, referral.id]),
  },
  Referral: {
    id: (referral) => toGlobalId('Referral', referral.id),
    outcome: (referral) => referral.hiringAct ?? referral.refusal ?? null,
  },
  ReferralOutcome: {
    __resolveType: (outcome) => (outcome instanceof HiringAct ? 'HiringAct' : 'ReferralRefusal'),
  },
};
