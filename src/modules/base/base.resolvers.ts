import type { Resolvers } from '../../generated/graphql.ts';
import { userErrorMessage } from './user-error-texts.ts';

export const baseResolvers: Resolvers = {
  UserError: {
    message: (error, _, context) => userErrorMessage(error, context.messageLanguage),
  },
  Place: {
    region: (place, _, { territories }) => (place.region ? territories.region(place.region)! : null),
    district: (place, _, { territories }) => (place.district ? territories.district(place.district)! : null),
  },
};
