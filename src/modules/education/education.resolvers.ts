import { payload } from '../../api/payload.ts';
import { idOf } from '../../api/relay.ts';
import type { Resolvers } from '../../generated/graphql.ts';
import { entriesOf } from '../card/card-view.ts';
import { changeDeps } from '../card/mutation.ts';
import {
  addAdditionalEducation, addMainEducation, correctAdditionalEducation, correctMainEducation, setLastJob,
} from './education.service.ts';
import type { EducationSection } from './education.mappers.ts';
import { education } from './section.ts';
import type { Context } from '../../api/context.ts';

const entries = async ({ card, includeVoided }: EducationSection, context: Context, kind: 'MAIN' | 'ADDITIONAL') =>
  (await entriesOf(context, card, education, includeVoided)).filter((entry) => entry.section === kind);

export const educationResolvers: Resolvers = {
  Card: {
    education: (card, { includeVoided }) => ({ card, includeVoided: includeVoided ?? false }),
  },
  Education: {
    main: (section, _, context) => entries(section, context, 'MAIN'),
    additional: (section, _, context) => entries(section, context, 'ADDITIONAL'),
  },
  MainEducation: {
    level: (entry) => entry.level!,
  },
  AdditionalEducation: {
    organisationName: (entry) => entry.institutionName,
    kind: (entry) => entry.additionalKind!,
  },
  Mutation: {
    mainEducationAdd: async (_, { cardId, version, input }, context) =>
      payload(context, await addMainEducation(changeDeps(context), idOf(cardId, ['Card'], 'cardId'), version, input), (entry) => ({ entry })),
    mainEducationCorrect: async (_, { id, version, input }, context) =>
      payload(context, await correctMainEducation(changeDeps(context), idOf(id, ['MainEducation'], 'id'), version, input), (entry) => ({ entry })),
    additionalEducationAdd: async (_, { cardId, version, input }, context) =>
      payload(context, await addAdditionalEducation(changeDeps(context), idOf(cardId, ['Card'], 'cardId'), version, input), (entry) => ({ entry })),
    additionalEducationCorrect: async (_, { id, version, input }, context) =>
      payload(context, await correctAdditionalEducation(changeDeps(context), idOf(id, ['AdditionalEducation'], 'id'), version, input), (entry) => ({ entry })),
    cardSetLastJob: async (_, { id, version, input }, context) =>
      payload(context, await setLastJob(changeDeps(context), idOf(id, ['Card'], 'id'), version, input ?? null), () => ({})),
  },
};
