import type { Resolvers } from '../../generated/graphql.ts';
import { sectionsOf } from '../../graphql/context.ts';
import { changeDeps, payload } from '../../api/payload.ts';
import { idOf, toGlobalId } from '../../api/relay.ts';
import { voidingOf } from '../../api/voiding.ts';
import type { Card } from '../card/card.entity.ts';
import { visible } from '../card/card-sections.ts';
import {
  addAdditionalEducation, addMainEducation, correctAdditionalEducation, correctMainEducation, setLastJob,
} from './education.service.ts';

/** §10 as a field: the card and whether voided entries are wanted. */
export interface EducationSection {
  card: Card;
  includeVoided: boolean;
}

const section = async ({ card, includeVoided }: EducationSection, context: Parameters<typeof sectionsOf>[0], kind: 'MAIN' | 'ADDITIONAL') =>
  visible(await sectionsOf(context, card).education(card.id), includeVoided).filter((e) => e.section === kind);

export const educationResolvers: Resolvers = {
  Card: {
    education: (card, { includeVoided }) => ({ card, includeVoided: includeVoided ?? false }),
  },
  Education: {
    main: (education, _, context) => section(education, context, 'MAIN'),
    additional: (education, _, context) => section(education, context, 'ADDITIONAL'),
  },
  MainEducation: {
    id: (entry) => toGlobalId('MainEducation', entry.id),
    level: (entry) => entry.level!,
    voided: voidingOf,
  },
  AdditionalEducation: {
    id: (entry) => toGlobalId('AdditionalEducation', entry.id),
    organisationName: (entry) => entry.institutionName,
    kind: (entry) => entry.additionalKind!,
    voided: voidingOf,
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
