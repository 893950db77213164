import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import { auditCardReads } from '../modules/audit/audit-fields.ts';
import { auditResolvers } from '../modules/audit/audit.resolvers.ts';
import { baseResolvers } from '../modules/base/base.resolvers.ts';
import { cardResolvers } from '../modules/card/card.resolvers.ts';
import { careerCenterResolvers } from '../modules/career-center/career-center.resolvers.ts';
import { consentResolvers } from '../modules/consent/consent.resolvers.ts';
import { dictionaryResolvers } from '../modules/dictionary/dictionary.resolvers.ts';
import { educationResolvers } from '../modules/education/education.resolvers.ts';
import { employmentPlanResolvers } from '../modules/employment-plan/employment-plan.resolvers.ts';
import { expectationsResolvers } from '../modules/expectations/expectations.resolvers.ts';
import { footerResolvers } from '../modules/footer/footer.resolvers.ts';
import { guidanceResolvers } from '../modules/guidance/guidance.resolvers.ts';
import { historyResolvers } from '../modules/history/history.resolvers.ts';
import { importResolvers } from '../modules/import/import.resolvers.ts';
import { measureResolvers } from '../modules/measures/measure.resolvers.ts';
import { personResolvers } from '../modules/person/person.resolvers.ts';
import { referralResolvers } from '../modules/referral/referral.resolvers.ts';
import { registrationResolvers } from '../modules/registration/registration.resolvers.ts';
import { statisticsResolvers } from '../modules/statistics/statistics.resolvers.ts';
import { specialWorkplaceResolvers } from '../modules/special-workplace/special-workplace.resolvers.ts';
import { visitResolvers } from '../modules/visit/visit.resolvers.ts';
import type { Resolvers } from '../generated/graphql.ts';
import { nodeResolvers } from '../modules/card/node.resolvers.ts';
import { scalarResolvers } from './scalars.ts';

export const schemaDir = fileURLToPath(new URL('../../schema', import.meta.url));

/** The SDL files of schema/, one folder per module, in a stable order. */
export function readTypeDefs(): string[] {
  return readdirSync(schemaDir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => readFileSync(join(schemaDir, file), 'utf8'));
}

const moduleResolvers: Resolvers[] = [
  baseResolvers, dictionaryResolvers, cardResolvers, personResolvers, educationResolvers, registrationResolvers,
  guidanceResolvers, referralResolvers, measureResolvers, specialWorkplaceResolvers, visitResolvers,
  employmentPlanResolvers, expectationsResolvers, consentResolvers, footerResolvers, careerCenterResolvers, historyResolvers, importResolvers, auditResolvers, statisticsResolvers, nodeResolvers,
];

/** Merges the modules' resolver maps type by type; two modules resolving the same field is a bug. */
function mergeResolvers(maps: Resolvers[]): Record<string, Record<string, unknown>> {
  const merged: Record<string, Record<string, unknown>> = {};
  for (const map of maps) {
    for (const [type, fields] of Object.entries(map as Record<string, Record<string, unknown>>)) {
      const target = (merged[type] ??= {});
      for (const [field, resolver] of Object.entries(fields)) {
        if (field in target) throw new Error(`${type}.${field} is resolved by two modules`);
        target[field] = resolver;
      }
    }
  }
  return merged;
}

export function buildSchema(): GraphQLSchema {
  return auditCardReads(makeExecutableSchema({
    typeDefs: readTypeDefs(),
    resolvers: [scalarResolvers, mergeResolvers(moduleResolvers)],
    // Every resolver must belong to a field of the SDL: a typo is an error, not a silent no-op.
    resolverValidationOptions: { requireResolversToMatchSchema: 'error' },
  }));
}
