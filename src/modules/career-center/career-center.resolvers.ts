import type { Resolvers } from '../../generated/graphql.ts';
import { allCareerCenters } from './career-center.store.ts';

export const careerCenterResolvers: Resolvers = {
  Query: {
    careerCenters: (_, __, { em }) => allCareerCenters(em),
  },
  CareerCenter: {
    region: (center, _, { territories }) => territories.region(center.region)!,
    district: (center, _, { territories }) => (center.district ? territories.district(center.district)! : null),
  },
};
