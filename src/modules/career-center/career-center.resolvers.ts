import type { Resolvers } from '../../generated/graphql.ts';
import { toGlobalId } from '../../api/relay.ts';
import { listCareerCenters } from './career-center.service.ts';

export const careerCenterResolvers: Resolvers = {
  Query: {
    careerCenters: (_, __, { em }) => listCareerCenters(em),
  },
  CareerCenter: {
    id: (center) => toGlobalId('CareerCenter', center.id),
    region: (center, _, { territories }) => territories.region(center.region)!,
    district: (center, _, { territories }) => (center.district ? territories.district(center.district)! : null),
  },
};
