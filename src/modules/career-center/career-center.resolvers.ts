import type { Resolvers } from '../../graphql/generated/resolvers.ts';
import { toGlobalId } from '../../graphql/relay.ts';
import { CareerCenter } from './career-center.entity.ts';

export const careerCenterResolvers: Resolvers = {
  Query: {
    careerCenters: (_, __, { em }) => em.find(CareerCenter, {}, { orderBy: { code: 'asc' } }),
  },
  CareerCenter: {
    id: (center) => toGlobalId('CareerCenter', center.id),
    region: (center, _, { territories }) => territories.region(center.region)!,
    district: (center, _, { territories }) => (center.district ? territories.district(center.district)! : null),
  },
};
