import { GraphQLError } from 'graphql';
import type { Resolvers } from '../../generated/graphql.ts';
import { changeDeps } from '../card/mutation.ts';
import { cards } from '../card/card.store.ts';
import { toGlobalId } from '../../api/relay.ts';
import { CardImporter } from './importer.ts';
import { settings } from '../../runtime/settings.ts';

/** The most records one `cardImport` call may carry (`IMPORT_BATCH_LIMIT`). */
export const importBatchLimit = (): number => settings().IMPORT_BATCH_LIMIT;

export const importResolvers: Resolvers = {
  Mutation: {
    cardImport: async (_, { records }, context) => {
      const deps = changeDeps(context, 'import');
      const limit = importBatchLimit();
      if (records.length > limit) {
        throw new GraphQLError(`A batch may hold at most ${limit} records; this one has ${records.length}`, {
          extensions: { code: 'BATCH_TOO_LARGE', limit },
        });
      }
      const results = await new CardImporter(deps).importBatch(records.map((record, line) => ({ line, record })));
      context.refresh();
      const count = (outcome: string) => results.filter((r) => r.outcome === outcome).length;
      return {
        results: await Promise.all(results.map(async (result) => ({
          index: result.line,
          iin: result.iin,
          outcome: result.outcome,
          cardId: result.cardId ? toGlobalId('Card', result.cardId) : null,
          // The card itself only for a caller who may read it (an integration client may not).
          card: result.cardId ? await context.access.readable(await context.loaders.get(cards.byId).load(result.cardId)) : null,
          errors: result.errors,
        }))),
        summary: { created: count('CREATED'), updated: count('UPDATED'), unchanged: count('UNCHANGED'), rejected: count('REJECTED') },
      };
    },
  },
};
