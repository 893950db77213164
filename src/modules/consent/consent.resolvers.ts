import type { Resolvers } from '../../generated/graphql.ts';
import { payload } from '../../api/payload.ts';
import { changeDeps } from '../card/mutation.ts';
import { idOf } from '../../api/relay.ts';
import { recordConsent, withdrawConsent } from './consent.service.ts';

export const consentResolvers: Resolvers = {
  Card: {
    consent: (card) => card.consent ?? null,
  },
  PersonalDataConsent: {
    scope: (consent) => consent.scope as never,
    active: (consent) => !consent.withdrawnOn,
  },
  Mutation: {
    cardRecordConsent: async (_, { id, version, input }, context) =>
      payload(context, await recordConsent(changeDeps(context), idOf(id, ['Card'], 'id'), version, input), () => ({})),
    cardWithdrawConsent: async (_, { id, version, withdrawnOn }, context) =>
      payload(context, await withdrawConsent(changeDeps(context), idOf(id, ['Card'], 'id'), version, withdrawnOn), () => ({})),
  },
};
