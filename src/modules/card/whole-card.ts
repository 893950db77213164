import type { SqlEntityManager } from '@mikro-orm/sql';
import { LIST_SECTIONS } from '../sections.ts';
import type { Card } from './card.entity.ts';
import { typeOf, type ChildSection, type Entry, type ListSection } from './card-section.ts';
import type { CardView } from './card-view.ts';

// The whole card — its row and every entry of every section, voided ones included — read in one
// place for everything that needs all of it: the document a signature covers, the card as it stood
// at a past moment, and the import's comparison of a record with the card it updates.

export interface WholeCard {
  card: Card;
  /** Every entry of each list section. */
  lists: Map<ListSection, Entry[]>;
  /** The rows of each child section, by the id of their parent entry. */
  children: Map<ChildSection, Map<string, object[]>>;
}

const empty = (card: Card): WholeCard => ({
  card,
  lists: new Map(LIST_SECTIONS.map((section) => [section, []])),
  children: new Map(LIST_SECTIONS.flatMap((section) => (section.children ? [[section.children, new Map()]] : []))),
});

/**
 * The stored cards, managed by `em` (so a change can follow), read in the caller's transaction:
 * one statement per section for all the cards, in id order.
 */
export async function readWholeCards(em: SqlEntityManager, cards: readonly Card[]): Promise<Map<string, WholeCard>> {
  const wholes = new Map(cards.map((card) => [card.id, empty(card)]));
  if (!cards.length) return wholes;
  const ids = cards.map((card) => card.id);
  for (const section of LIST_SECTIONS) {
    const rows = await em.find(section.entity, { card: { $in: ids } } as never, { orderBy: { id: 'asc' } as never });
    for (const row of rows) wholes.get(row.card)!.lists.get(section)!.push(row);
    const child = section.children;
    if (!child) continue;
    const owners = rows.filter((row) => child.of.includes(typeOf(section, row) ?? ''));
    if (!owners.length) continue;
    const cardOf = new Map(owners.map((row) => [row.id, row.card]));
    const members = await em.find(child.entity, { [child.owner]: { $in: [...cardOf.keys()] } } as never, { orderBy: { id: 'asc' } as never });
    for (const member of members) {
      const owner = String((member as Record<string, unknown>)[child.owner]);
      const byOwner = wholes.get(cardOf.get(owner)!)!.children.get(child)!;
      byOwner.set(owner, [...(byOwner.get(owner) ?? []), member]);
    }
  }
  return wholes;
}

/** The whole card as a view shows it (live through the request's loaders, or as of a past moment). */
export async function wholeCardIn(view: CardView, card: Card): Promise<WholeCard> {
  const whole = empty(card);
  await Promise.all(LIST_SECTIONS.map(async (section) => {
    const entries = await view.list(section, card.id);
    whole.lists.set(section, entries);
    const child = section.children;
    if (!child) return;
    const owners = entries.filter((entry) => child.of.includes(typeOf(section, entry) ?? ''));
    const byOwner = whole.children.get(child)!;
    await Promise.all(owners.map(async (owner) => byOwner.set(owner.id, await view.children(child, owner.id))));
  }));
  return whole;
}
