import type { Orm } from '../db/orm.ts';
import { startRoute } from '../db/replicas.ts';
import type { AgeGroup, Sex, StatisticsDimension } from '../generated/graphql.ts';
import type { Request, RequestHandler } from 'express';
import { GraphQLError } from 'graphql';
import { idOf } from '../api/relay.ts';
import { isDatabaseUnavailable } from '../db/availability.ts';
import { sendDatabaseUnavailable, sendError } from './errors.ts';
import { principalOf } from './caller.ts';
import { AccessPolicy } from '../modules/access/policy.ts';
import { InvalidInput } from '../modules/base/errors.ts';
import { ageGroupLabels, languageOf, sexLabels, type Language } from '../modules/dictionary/codes.ts';
import type { Territories } from '../modules/dictionary/territories.ts';
import { STATISTICS_TABLES, statisticsCsv, type StatisticsTable } from '../modules/statistics/statistics.csv.ts';
import { log } from '../runtime/log.ts';
import { DIMENSIONS, statisticsFor } from '../modules/statistics/statistics.service.ts';

// GET /export/statistics.csv?table=registrations&from=2026-01-01&to=2026-06-30&groupBy=REGION,SEX
//   [&region=…&district=…&careerCenter=<id>&sex=…&ageGroup=…&educationLevel=…][&language=kk|ru]
// The same statistics as the `statistics` query, as a CSV download, signed in the same way
// (Authorization: Bearer …) and counted by the same rate limits: the route puts the same gate as
// /graphql's before this handler (caller.ts). The header row is in `language`, else in the language
// of Accept-Language.

export interface ExportDeps {
  orm: Orm;
  territories: Territories;
  /** With read replicas: sends the export's reads to one, as a GraphQL query's (read-routing.ts). */
  routeReads?: ((subject: string) => void) | null;
}

function oneOf<T extends string>(value: string, allowed: readonly T[], argument: string): T {
  if (!(allowed as readonly string[]).includes(value)) throw new InvalidInput(argument, `must be one of ${allowed.join(', ')}`);
  return value as T;
}

function parameters(req: Request) {
  const query = req.query as Record<string, unknown>;
  const text = (name: string) => {
    const value = query[name];
    if (value === undefined || value === '') return undefined;
    if (typeof value !== 'string') throw new InvalidInput(name, 'give it once');
    return value;
  };
  const table = oneOf(text('table') ?? '', STATISTICS_TABLES, 'table') as StatisticsTable;
  const language: Language = text('language') ? oneOf(text('language')!.toUpperCase(), ['KK', 'RU'] as const, 'language') : languageOf(req.get('accept-language'));
  const groupBy = (text('groupBy') ?? '').split(',').filter(Boolean).map((d) => oneOf(d.trim(), DIMENSIONS, 'groupBy') as StatisticsDimension);
  const sex = text('sex');
  const ageGroup = text('ageGroup');
  const filter = {
    region: text('region'),
    district: text('district'),
    careerCenterId: text('careerCenter') ? idOf(text('careerCenter')!, ['CareerCenter'], 'careerCenter') : undefined,
    sex: sex ? oneOf(sex, Object.keys(sexLabels) as Sex[], 'sex') : undefined,
    ageGroup: ageGroup ? oneOf(ageGroup, Object.keys(ageGroupLabels) as AgeGroup[], 'ageGroup') : undefined,
    educationLevel: text('educationLevel'),
  };
  return { table, language, groupBy, filter, period: { from: text('from') ?? '', to: text('to') ?? '' } };
}

export function statisticsExport(deps: ExportDeps): RequestHandler {
  return async (req, res) => {
    try {
      const principal = principalOf(res);
      const { table, language, groupBy, filter, period } = parameters(req);
      if (deps.routeReads) {
        startRoute();
        deps.routeReads(principal.subject);
      }
      const em = deps.orm.em.fork();
      const statistics = await statisticsFor(em, deps.territories, await new AccessPolicy(principal, em).statisticsScope(), { period, groupBy, filter });
      if (!statistics) throw new GraphQLError('Statistics are for analysts, caseworkers and heads', { extensions: { code: 'FORBIDDEN', http: { status: 403 } } });
      const csv = await statisticsCsv(statistics, table, language);
      res.type('text/csv; charset=utf-8')
        .set('content-disposition', `attachment; filename="statistics-${table}-${statistics.request.from}-${statistics.request.to}.csv"`)
        .send(csv);
    } catch (error) {
      if (error instanceof InvalidInput) {
        sendError(res, 400, 'BAD_USER_INPUT', error.message, { argument: error.argument });
      } else if (error instanceof GraphQLError) {
        const http = error.extensions.http as { status?: number; headers?: Map<string, string> } | undefined;
        for (const [name, value] of http?.headers ?? []) res.set(name, value);
        const { code, argument } = error.extensions;
        sendError(res, http?.status ?? 400, String(code), error.message, argument ? { argument } : undefined);
      } else if (isDatabaseUnavailable(error)) {
        log.warn({ err: error }, 'the database is unavailable for the statistics export');
        sendDatabaseUnavailable(res);
      } else {
        log.error({ err: error }, 'the statistics export failed');
        sendError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
      }
    }
  };
}
