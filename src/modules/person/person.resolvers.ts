import type { Resolvers } from '../../generated/graphql.ts';
import { MASKED_IIN, MASKED_TEXT, maskDay } from '../access/masking.ts';
import { changeDeps, payload } from '../../api/payload.ts';
import { idOf } from '../../api/relay.ts';
import { verifyIdentity } from '../verification/verification.service.ts';
import { updateIdentity } from './identity.service.ts';

// §1–9 are columns of the card; only the dictionary codes of the address need resolving.
export const personResolvers: Resolvers = {
  Address: {
    region: (address, _, { territories }) => territories.region(address.region)!,
    district: (address, _, { territories }) => (address.district ? territories.district(address.district)! : null),
    street: (address, _, { access }) => (access.masked ? null : address.street ?? null),
    house: (address, _, { access }) => (access.masked ? null : address.house ?? null),
    apartment: (address, _, { access }) => (access.masked ? null : address.apartment ?? null),
  },
  // Issue 6: an analyst sees these masked (the rules: access/masking.ts).
  Card: {
    identityVerification: (card) => card.verification,
    iin: (card, _, { access }) => (access.masked ? MASKED_IIN : card.iin),
    birthDate: (card, _, { access }) => (access.masked ? maskDay(card.birthDate) : card.birthDate),
    phone: (card, _, { access }) => (access.masked ? null : card.phone ?? null),
    email: (card, _, { access }) => (access.masked ? null : card.email ?? null),
    personalDataMasked: (_, __, { access }) => access.masked,
  },
  PersonName: {
    surname: (name, _, { access }) => (access.masked ? MASKED_TEXT : name.surname),
    givenName: (name, _, { access }) => (access.masked ? MASKED_TEXT : name.givenName),
    patronymic: (name, _, { access }) => (access.masked && name.patronymic ? MASKED_TEXT : name.patronymic ?? null),
  },
  Mutation: {
    cardUpdateIdentity: async (_, { id, version, input }, context) =>
      payload(context, await updateIdentity(changeDeps(context), idOf(id, ['Card'], 'id'), version, input), () => ({})),
    cardVerifyIdentity: async (_, { id }, context) =>
      payload(context, await verifyIdentity(changeDeps(context), idOf(id, ['Card'], 'id')), () => ({})),
  },
};
