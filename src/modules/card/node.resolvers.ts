import type { Context } from '../../api/context.ts';
import { idOf, parseGlobalId, toGlobalId } from '../../api/relay.ts';
import { voidingOf } from '../../api/voiding.ts';
import type { Resolvers } from '../../generated/graphql.ts';
import { CareerCenter } from '../career-center/career-center.entity.ts';
import { careerCenterById } from '../career-center/career-center.store.ts';
import { CardHistory } from '../history/history.entity.ts';
import { historyById } from '../history/history.store.ts';
import { OutcomeConflict } from '../labour-contracts/outcome-conflict.entity.ts';
import { conflictById } from '../labour-contracts/outcome-conflict.store.ts';
import { LIST_SECTIONS, sectionOfType } from '../sections.ts';
import { Card } from './card.entity.ts';
import { typeOf, type ListSection } from './card-section.ts';
import { cards } from './card.store.ts';
import { entryLoader } from './section-loaders.ts';

// Relay `node(id)` and the ids of every list entry, from the sections' declarations: the type
// inside a global id picks the section; an id whose type and row disagree (a MainEducation id of
// an additional-education row) finds nothing.

/** Objects with a global id that are not entries of a section. */
const OTHERS: Record<string, { is: (node: object) => boolean; load: (context: Context, id: string) => Promise<object | null> }> = {
  Card: { is: (node) => node instanceof Card, load: ({ loaders }, id) => loaders.get(cards.byId).load(id) },
  CareerCenter: { is: (node) => node instanceof CareerCenter, load: ({ loaders }, id) => loaders.get(careerCenterById).load(id) },
  CardHistoryEntry: { is: (node) => node instanceof CardHistory, load: ({ loaders }, id) => loaders.get(historyById).load(id) },
  OutcomeConflict: { is: (node) => node instanceof OutcomeConflict, load: ({ loaders }, id) => loaders.get(conflictById).load(id) },
};

const sectionOfEntry = (node: object): ListSection | undefined => LIST_SECTIONS.find((section) => node instanceof section.entity);

/** The GraphQL type of an object with a global id. */
function nodeType(node: object): string {
  const other = Object.entries(OTHERS).find(([, { is }]) => is(node));
  if (other) return other[0];
  const section = sectionOfEntry(node);
  const type = section && typeOf(section, node);
  if (!type) throw new Error('object is not a Node');
  return type;
}

async function load(context: Context, type: string, id: string): Promise<object | null> {
  if (type in OTHERS) return OTHERS[type]!.load(context, id);
  const section = sectionOfType(type)!;
  const entry = await context.loaders.get(entryLoader(section)).load(id);
  return entry && typeOf(section, entry) === type ? entry : null;
}

const NODE_TYPES = [...Object.keys(OTHERS), ...LIST_SECTIONS.flatMap((section) => Object.keys(section.types))];

/** `id` of every entry type, `voided` of every voidable one. */
const entryResolvers = Object.fromEntries(LIST_SECTIONS.flatMap((section) => Object.keys(section.types).map((type) => [type, {
  id: (entry: { id: string }) => toGlobalId(type, entry.id),
  ...(section.voidable ? { voided: voidingOf } : {}),
}])));

export const nodeResolvers: Resolvers = {
  ...entryResolvers,
  Query: {
    node: async (_, { id }, context) => {
      const dbId = idOf(id, NODE_TYPES, 'id');
      const node = await load(context, parseGlobalId(id)!.type, dbId);
      if (!node || node instanceof CareerCenter) return node as never;
      // Outcome conflicts are casework: only for the staff of the center that keeps the card.
      if (node instanceof OutcomeConflict && !(await context.access.centerStaffScope())) return null;
      // A card, or an entry of one: readable only with its card.
      const cardId = node instanceof Card ? node.id : (node as { card: string }).card;
      return (await context.access.readable(await context.loaders.get(cards.byId).load(cardId))) ? node as never : null;
    },
  },
  Node: {
    __resolveType: (node) => nodeType(node) as never,
  },
  CardEntry: {
    __resolveType: (entry) => nodeType(entry) as never,
  },
  Card: {
    id: (card) => toGlobalId('Card', card.id),
  },
  CareerCenter: {
    id: (center) => toGlobalId('CareerCenter', center.id),
  },
  CardHistoryEntry: {
    id: (record) => toGlobalId('CardHistoryEntry', record.id),
  },
};
