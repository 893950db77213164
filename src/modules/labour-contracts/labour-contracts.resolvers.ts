import { GraphQLError } from 'graphql';
import { connection, pageRequest } from '../../api/connection.ts';
import { idOf, toGlobalId } from '../../api/relay.ts';
import type { Resolvers } from '../../generated/graphql.ts';
import { typeOf } from '../card/card-section.ts';
import { cards } from '../card/card.store.ts';
import { cursorPartsOf } from '../card/cursors.ts';
import { changeDeps } from '../card/mutation.ts';
import { entryLoader } from '../card/section-loaders.ts';
import { LIST_SECTIONS, sectionOfType } from '../sections.ts';
import { employmentOf, hiringActOf } from './matching.ts';
import { markConflictReviewed } from './outcome-conflict.service.ts';
import { findConflicts } from './outcome-conflict.store.ts';

export const labourContractResolvers: Resolvers = {
  Query: {
    outcomeConflicts: async (_, args, { em, access }) => {
      const scope = await access.centerStaffScope();
      if (!scope) throw new GraphQLError('Only the caseworkers and heads of a career center list outcome conflicts', { extensions: { code: 'FORBIDDEN' } });
      const { limit, after } = pageRequest(args, cursorPartsOf('OutcomeConflict')!);
      return connection(await findConflicts(em, scope, { limit, beforeId: after?.[0], reviewed: args.reviewed ?? null }), (conflict) => [conflict.id]);
    },
  },
  Mutation: {
    outcomeConflictMarkReviewed: async (_, { id }, context) => {
      const outcome = await markConflictReviewed(changeDeps(context), idOf(id, ['OutcomeConflict'], 'id'));
      return outcome.ok ? { outcomeConflict: outcome.value, userErrors: [] } : { outcomeConflict: null, userErrors: outcome.errors };
    },
  },
  OutcomeConflict: {
    id: (conflict) => toGlobalId('OutcomeConflict', conflict.id),
    // Listed only for the center that keeps the card, so the card is readable.
    card: async (conflict, _, { loaders, access }) => (await access.readable(await loaders.get(cards.byId).load(conflict.card)))!,
    entry: async (conflict, _, { loaders }) => {
      const entry = await loaders.get(entryLoader(sectionOfType(conflict.entryType)!)).load(conflict.entryId);
      return entry && !entry.voidedAt ? (entry as never) : null;
    },
    recordedHiringAct: (conflict) => (conflict.recorded.hiringAct as never) ?? null,
    recordedRefusal: (conflict) => Boolean(conflict.recorded.refused),
    recordedEmployment: (conflict) => (conflict.recorded.employment as never) ?? null,
    registryContract: (conflict) => conflict.contract,
    registryHiringAct: (conflict) => (conflict.outcome === 'HIRING_ACT' ? hiringActOf(conflict.contract) as never : null),
    registryEmployment: (conflict) => (conflict.outcome === 'PERMANENT_EMPLOYMENT' ? employmentOf(conflict.contract) as never : null),
  },
  OutcomeEntry: {
    __resolveType: (entry) => typeOf(LIST_SECTIONS.find((section) => entry instanceof section.entity)!, entry) as never,
  },
};
