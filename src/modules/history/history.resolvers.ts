import { connection, pageRequest } from '../../api/connection.ts';
import { toGlobalId } from '../../api/relay.ts';
import type { CardHistoryPart, Resolvers } from '../../generated/graphql.ts';
import { sortKey, typeOf } from '../card/card-section.ts';
import { viewOf } from '../card/card-view.ts';
import { cursorPartsOf } from '../card/cursors.ts';
import { sectionNamed } from '../sections.ts';
import type { CardHistory } from './history.entity.ts';
import { historyPartValue } from './history-parts.ts';
import { HISTORY_ORDER } from './history.store.ts';

/** The API type of the entry a history record is about (child rows such as family members are not nodes). */
function entryType(record: CardHistory): string | null {
  const section = sectionNamed(record.part);
  if (section?.kind !== 'list') return null;
  return typeOf(section, record.newValue ?? record.oldValue ?? {});
}

export const historyResolvers: Resolvers = {
  Card: {
    history: async (card, args, context) => {
      const request = pageRequest(args, cursorPartsOf('CardHistoryEntry')!);
      const page = await viewOf(context, card).history({ cardId: card.id, ...request, filter: null, includeVoided: true });
      return connection(page, (record) => sortKey({ order: HISTORY_ORDER }, record));
    },
  },
  CardHistoryEntry: {
    entryId: (record) => {
      const type = record.entryId ? entryType(record) : null;
      return type ? toGlobalId(type, record.entryId!) : null;
    },
    changedPart: (record) => historyPartValue(record.part) as CardHistoryPart,
    entry: async (record, _, context) => {
      const section = sectionNamed(record.part);
      if (!record.entryId || section?.kind !== 'list') return null;
      // The section's entries of the card as this read shows them (voided ones too): one statement
      // per section however many records of the page name one.
      const entries = await viewOf(context, record).list(section, record.card);
      return (entries.find((entry) => entry.id === record.entryId) ?? null) as never;
    },
    oldValue: (record) => record.oldValue ?? null,
    newValue: (record) => record.newValue ?? null,
  },
};
