import type { DictionaryName, Resolvers } from '../../generated/graphql.ts';
import { dictionaries, labelIn } from './codes.ts';

const dictionary = (name: DictionaryName) => ({
  name,
  entries: Object.entries(dictionaries[name]).map(([code, label]) => ({ code, ...label })),
});

export const dictionaryResolvers: Resolvers = {
  Query: {
    dictionary: (_, { name }) => dictionary(name),
    dictionaries: (_, { names }) => (names ?? (Object.keys(dictionaries) as DictionaryName[])).map(dictionary),
    regions: (_, __, { territories }) => [...territories.regions],
  },
  DictionaryEntry: {
    label: (entry, { language }, context) => labelIn(entry, language ?? context.language),
  },
  Region: {
    label: (region, { language }, context) => labelIn(region, language ?? context.language),
  },
  District: {
    region: (district, _, { territories }) => territories.region(district.regionCode)!,
    label: (district, { language }, context) => labelIn(district, language ?? context.language),
  },
};
