import { connection, pageRequest } from '../../api/connection.ts';
import { toGlobalId } from '../../api/relay.ts';
import type { Resolvers } from '../../generated/graphql.ts';
import { sortKey, typeOf } from '../card/card-section.ts';
import { viewOf } from '../card/card-view.ts';
import { cursorPartsOf } from '../card/cursors.ts';
import { sectionNamed } from '../sections.ts';
import type { CardHistory } from './history.entity.ts';
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
    oldValue: (record) => record.oldValue ?? null,
    newValue: (record) => record.newValue ?? null,
  },
};
