import type { LoaderFactory } from '../../api/loaders.ts';
import { byId, entriesByCard } from '../../db/loaders.ts';
import { sectionPageLoader, type SectionPageRequest, type SectionRows } from '../../db/section-pages.ts';
import type { ChildSection, Entry, ListSection } from './card-section.ts';

// The request's loaders of every list section, made from its declaration (one factory per section
// and use, so a request gets one loader each): whole lists by card, pages by card, entries by id,
// children by their parent entry. Each batch is one statement however many cards ask.

function memo<S extends object, F>(make: (section: S) => F): (section: S) => F {
  const made = new WeakMap<S, F>();
  return (section) => {
    let factory = made.get(section);
    if (!factory) made.set(section, (factory = make(section)));
    return factory;
  };
}

/** Every entry of a section per card, voided ones included, in chronological order. */
export const listLoader = memo((section: ListSection): LoaderFactory<string, Entry[]> =>
  (em) => entriesByCard(em, section.entity, { orderBy: section.order.map((key) => key.property) })) as <E extends Entry>(section: ListSection<E>) => LoaderFactory<string, E[]>;

/** Pages of a section per card and page arguments. */
export const pageLoader = memo((section: ListSection): LoaderFactory<SectionPageRequest, SectionRows<Entry>, string> =>
  (em) => sectionPageLoader(em, { entity: section.entity, order: section.order, filterProperty: section.filterProperty, voidable: section.voidable, numbered: section.numbered })) as
  <E extends Entry>(section: ListSection<E>) => LoaderFactory<SectionPageRequest, SectionRows<E>, string>;

/** Entries by id; voided ones are absent (Rule 3: hidden unless a list asks for them). */
export const entryLoader = memo((section: ListSection): LoaderFactory<string, Entry | null> =>
  (em) => byId(em, section.entity, { excludeVoided: section.voidable })) as <E extends Entry>(section: ListSection<E>) => LoaderFactory<string, E | null>;

/** The rows of a child section per parent entry, voided ones included. */
export const childLoader = memo((child: ChildSection): LoaderFactory<string, object[]> =>
  (em) => entriesByCard(em, child.entity, { orderBy: child.order.map((key) => key.property), owner: child.owner as never })) as
  <C extends object>(child: ChildSection<C>) => LoaderFactory<string, C[]>;
