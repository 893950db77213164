import { GraphQLError } from 'graphql';
import { idOf } from '../../api/relay.ts';
import type { Resolvers } from '../../generated/graphql.ts';
import { labelIn } from '../dictionary/codes.ts';
import { statisticsFor } from './statistics.service.ts';

// The lists of `Statistics` run their SQL only when asked for.
export const statisticsResolvers: Resolvers = {
  Query: {
    statistics: async (_, { filter, ...args }, { em, territories, access }) => {
      const careerCenterId = filter?.careerCenter != null ? idOf(filter.careerCenter, ['CareerCenter'], 'filter.careerCenter') : undefined;
      const statistics = await statisticsFor(em, territories, await access.statisticsScope(), { ...args, filter: filter && { ...filter, careerCenterId } });
      if (!statistics) throw new GraphQLError('Statistics are for analysts, caseworkers and heads', { extensions: { code: 'FORBIDDEN' } });
      return statistics;
    },
  },
  Statistics: {
    from: (statistics) => statistics.request.from,
    to: (statistics) => statistics.request.to,
    groupBy: (statistics) => statistics.request.groupBy,
    registrations: (statistics) => statistics.registrations(),
    refusalReasons: (statistics) => statistics.reasons('refusal'),
    deregistrationReasons: (statistics) => statistics.reasons('deregistration'),
    referrals: (statistics) => statistics.referrals(),
    activeMeasures: (statistics) => statistics.activeMeasures(),
    relocation: (statistics) => statistics.relocation(),
  },
  StatisticsGroupKey: {
    label: (key, { language }, context) => labelIn(key.label, language ?? context.language),
  },
  ReasonStatistics: {
    reasonLabel: (row, { language }, context) => labelIn(row.reasonLabel, language ?? context.language),
  },
};
