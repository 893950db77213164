import type { Resolvers } from '../../generated/graphql.ts';

export const baseResolvers: Resolvers = {
  Place: {
    region: (place, _, { territories }) => (place.region ? territories.region(place.region)! : null),
    district: (place, _, { territories }) => (place.district ? territories.district(place.district)! : null),
  },
};
