import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import { MODULE_RESOLVERS } from '../modules/resolvers.ts';
import type { Resolvers } from '../generated/graphql.ts';
import { applyPersonalData } from './personal-data.ts';
import { describeTextKinds, scalarResolvers } from './scalars.ts';
import { describeSectionTitles } from './section-titles.ts';

export const schemaDir = fileURLToPath(new URL('../../schema', import.meta.url));

/** The SDL files of schema/, one folder per module, in a stable order. */
export function readTypeDefs(): string[] {
  return readdirSync(schemaDir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => readFileSync(join(schemaDir, file), 'utf8'));
}

/** Merges the modules' resolver maps type by type; two modules resolving the same field is a bug. */
function mergeResolvers(maps: readonly Resolvers[]): Record<string, Record<string, unknown>> {
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
  return describeSectionTitles(describeTextKinds(applyPersonalData(makeExecutableSchema({
    typeDefs: readTypeDefs(),
    resolvers: [scalarResolvers, mergeResolvers(MODULE_RESOLVERS)],
    // Every resolver must belong to a field of the SDL: a typo is an error, not a silent no-op.
    resolverValidationOptions: { requireResolversToMatchSchema: 'error' },
  }))));
}
