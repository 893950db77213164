import type { Resolvers } from '../../graphql/generated/resolvers.ts';

// §1–9 are columns of the card; only the dictionary codes of the address need resolving.
export const personResolvers: Resolvers = {
  Address: {
    region: (address, _, { territories }) => territories.region(address.region)!,
    district: (address, _, { territories }) => (address.district ? territories.district(address.district)! : null),
  },
};
