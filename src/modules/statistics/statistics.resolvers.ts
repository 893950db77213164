import { GraphQLError } from 'graphql';
import type { Resolvers } from '../../graphql/generated/resolvers.ts';
import { labelIn } from '../dictionary/codes.ts';
import { checkRequest, Statistics } from './statistics.service.ts';

// One `Statistics` per request and per `statistics` field: its lists run their SQL only when asked.
const figures = new WeakMap<object, Statistics>();

export const statisticsResolvers: Resolvers = {
  Query: {
    statistics: async (_, { period, groupBy, filter }, { em, territories, access }) => {
      const reach = await access.statisticsScope();
      if (!reach) throw new GraphQLError('Statistics are for analysts, caseworkers and heads', { extensions: { code: 'FORBIDDEN' } });
      const request = { ...checkRequest(territories, period, groupBy, filter), onlyCareerCenterId: reach.careerCenterId };
      figures.set(request, new Statistics(em, territories, request));
      return request;
    },
  },
  Statistics: {
    registrations: (request) => figures.get(request)!.registrations(),
    refusalReasons: (request) => figures.get(request)!.reasons('refusal'),
    deregistrationReasons: (request) => figures.get(request)!.reasons('deregistration'),
    referrals: (request) => figures.get(request)!.referrals(),
    activeMeasures: (request) => figures.get(request)!.activeMeasures(),
    relocation: (request) => figures.get(request)!.relocation(),
  },
  StatisticsGroupKey: {
    label: (key, { language }, context) => labelIn(key.label, language ?? context.language),
  },
  ReasonStatistics: {
    reasonLabel: (row, { language }, context) => labelIn(row.reasonLabel, language ?? context.language),
  },
};
