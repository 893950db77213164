import { payload } from '../../api/payload.ts';
import { idOf } from '../../api/relay.ts';
import type { Resolvers } from '../../generated/graphql.ts';
import { changeDeps } from '../card/mutation.ts';
import { labelIn, verificationReasonLabels } from '../dictionary/codes.ts';
import { partsOf } from '../verification/parts.ts';
import { verifyIdentity } from '../verification/verification.service.ts';
import { updateIdentity } from './identity.service.ts';

// §1–9 are columns of the card; only the dictionary codes of the address need resolving. What an
// analyst sees of them is masked by the schema's `@personalData`, not here.
export const personResolvers: Resolvers = {
  Address: {
    region: (address, _, { territories }) => territories.region(address.region)!,
    district: (address, _, { territories }) => (address.district ? territories.district(address.district)! : null),
  },
  IdentityVerification: {
    reasonCode: (verification) => verification.reasonCode ?? null,
    // Kazakh or Russian when asked for (the code's label), else the English words with the registry's detail.
    reason: (verification, _, { messageLanguage }) => (verification.reasonCode && messageLanguage
      ? labelIn(verificationReasonLabels[verification.reasonCode], messageLanguage) : verification.reason ?? null),
    parts: (verification) => partsOf(verification),
  },
  PartVerification: {
    reason: (part, _, { messageLanguage }) => (part.reasonCode && messageLanguage
      ? labelIn(verificationReasonLabels[part.reasonCode], messageLanguage) : part.reason),
  },
  Card: {
    identityVerification: (card) => card.verification,
    personalDataMasked: (_, __, { access }) => access.masked,
  },
  Mutation: {
    cardUpdateIdentity: async (_, { id, version, input }, context) =>
      payload(context, await updateIdentity(changeDeps(context), idOf(id, ['Card'], 'id'), version, input), () => ({})),
    cardVerifyIdentity: async (_, { id }, context) =>
      payload(context, await verifyIdentity(changeDeps(context), idOf(id, ['Card'], 'id')), () => ({})),
  },
};
