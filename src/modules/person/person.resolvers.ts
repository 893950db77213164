import type { Resolvers } from '../../graphql/generated/resolvers.ts';
import { changeDeps, payload } from '../../graphql/mutations.ts';
import { idOf } from '../../graphql/relay.ts';
import { verifyIdentity } from '../verification/verification.service.ts';
import { updateIdentity } from './identity.service.ts';

// §1–9 are columns of the card; only the dictionary codes of the address need resolving.
export const personResolvers: Resolvers = {
  Address: {
    region: (address, _, { territories }) => territories.region(address.region)!,
    district: (address, _, { territories }) => (address.district ? territories.district(address.district)! : null),
  },
  Card: {
    identityVerification: (card) => card.verification,
  },
  Mutation: {
    cardUpdateIdentity: async (_, { id, version, input }, context) =>
      payload(context, await updateIdentity(changeDeps(context), idOf(id, ['Card'], 'id'), version, input), () => ({})),
    cardVerifyIdentity: async (_, { id }, context) =>
      payload(context, await verifyIdentity(changeDeps(context), idOf(id, ['Card'], 'id')), () => ({})),
  },
};
