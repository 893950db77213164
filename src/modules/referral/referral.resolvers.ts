import type { Resolvers } from '../../generated/graphql.ts';
import { sectionsOf } from '../../graphql/context.ts';
import { changeDeps, payload } from '../../api/payload.ts';
import { idOf, toGlobalId } from '../../api/relay.ts';
import { sectionConnection } from '../../api/connection.ts';
import { voidingOf } from '../../api/voiding.ts';
import { HiringAct } from './referral.entity.ts';
import { correctReferral, createReferral, recordReferralOutcome } from './referral.service.ts';

const referral = (id: string) => idOf(id, ['Referral'], 'id');

export const referralResolvers: Resolvers = {
  Card: {
    referrals: (card, args, context) =>
      sectionConnection((request) => sectionsOf(context, card).referrals(request), card.id, args, (r) => [r.referredOn, r.id]),
  },
  Referral: {
    id: (entry) => toGlobalId('Referral', entry.id),
    outcome: (entry) => entry.hiringAct ?? entry.refusal ?? null,
    voided: voidingOf,
  },
  ReferralOutcome: {
    __resolveType: (outcome) => (outcome instanceof HiringAct ? 'HiringAct' : 'ReferralRefusal'),
  },
  Mutation: {
    referralCreate: async (_, { cardId, version, input }, context) =>
      payload(context, await createReferral(changeDeps(context), idOf(cardId, ['Card'], 'cardId'), version, input), (r) => ({ referral: r })),
    referralRecordHiring: async (_, { id, version, input }, context) =>
      payload(context, await recordReferralOutcome(changeDeps(context), referral(id), version, { hiring: input }), (r) => ({ referral: r })),
    referralRecordRefusal: async (_, { id, version, input }, context) =>
      payload(context, await recordReferralOutcome(changeDeps(context), referral(id), version, { refusal: input }), (r) => ({ referral: r })),
    referralCorrect: async (_, { id, version, input }, context) =>
      payload(context, await correctReferral(changeDeps(context), referral(id), version, input), (r) => ({ referral: r })),
  },
};
