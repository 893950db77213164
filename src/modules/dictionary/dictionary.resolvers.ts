import type { Resolvers } from '../../graphql/generated/resolvers.ts';
import { dictionaries } from './codes.ts';

export const dictionaryResolvers: Resolvers = {
  Query: {
    dictionary: (_, { name }) => ({
      name,
      entries: Object.entries(dictionaries[name]).map(([code, label]) => ({ code, ...label })),
    }),
    regions: (_, __, { territories }) => [...territories.regions],
  },
  District: {
    region: (district, _, { territories }) => territories.region(district.regionCode)!,
  },
};
