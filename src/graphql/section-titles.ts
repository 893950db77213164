import { isObjectType, type GraphQLSchema } from 'graphql';
import { printedForm, type FormSection } from '../modules/printout/printed-form.ts';

// The form's Kazakh and Russian headings in the descriptions of the types and Card fields that hold
// each section, so that a reader of the docs who knows the paper form (or searches it in Russian or
// Kazakh) finds the section: "On the form: §12 Жұмыс іздеуші адам ретінде тіркелгені туралы
// мәліметтер / Сведения о регистрации в качестве лица, ищущего работу."
//
// Added when the schema is built, not written into the SDL: the headings are declared once, for the
// printed card (each module's printed.ts, collected by printedForm()), and the SDL's descriptions
// already cite the section by number ("§12 — …"), which is what ties a field to its heading. A copy
// in the SDL would be a second declaration to keep in step with the next amendment of the order;
// derived, the printed contract (contract/schema.graphql) and introspection carry them all the same.
//
// The line goes at the end of the description's first paragraph: GraphiQL's Docs show only that
// paragraph of each field in a type's field list, so the headings are on Card's page in Docs.

/** The printed sections a description cites at its start (`§12, §15 — …`, `Footer — …`); a cited section brings its subsections. */
function cited(description: string | null | undefined, form: readonly FormSection[]): FormSection[] {
  const lead = /^((?:§\d+(?:\.\d+)?|Footer)(?:(?:,| and| \/) (?:§\d+(?:\.\d+)?|Footer))*)\s+—/.exec(description ?? '')?.[1];
  if (!lead) return [];
  const numbers = [...lead.matchAll(/§(\d+(?:\.\d+)?)|Footer/g)].map((m) => m[1] ?? 'footer');
  return form.filter(({ printed }) => numbers.some((n) => printed.number === n || printed.number.startsWith(`${n}.`)));
}

/** `On the form: §12 <kk> / <ru>; §15 <kk> / <ru>.` */
export function formTitles(sections: readonly FormSection[]): string {
  const titles = sections.map(({ printed: { number, heading } }) => `${number.startsWith('footer') ? '' : `§${number} `}${heading.kk} / ${heading.ru}`);
  return `On the form: ${titles.join('; ')}.`;
}

/** A description with the titles at the end of its first paragraph. */
function withTitles(description: string | null | undefined, sections: readonly FormSection[]): string | null | undefined {
  if (!sections.length) return description;
  const [first = '', ...rest] = (description ?? '').split('\n\n');
  return [`${first}${first ? '\n' : ''}${formTitles(sections)}`, ...rest].join('\n\n');
}

/** The GraphQL types a printed section's values are: a card part's type (§1–9 are Card's own fields), a list's entry types. */
function typesOf({ source }: FormSection): string[] {
  if (source.kind === 'part') return source.type === 'Card' ? [] : [source.type];
  return Object.keys(source.types);
}

/**
 * Puts the form's headings into the descriptions of each section's types (the sections it cites,
 * or every section it fills when it cites none) and of the Card fields that cite a section.
 */
export function describeSectionTitles(schema: GraphQLSchema, form: readonly FormSection[] = printedForm()): GraphQLSchema {
  const byType = new Map<string, FormSection[]>();
  for (const section of form) for (const type of typesOf(section)) byType.set(type, [...(byType.get(type) ?? []), section]);
  for (const [name, sections] of byType) {
    const type = schema.getType(name);
    if (!type) throw new Error(`the section type ${name} (src/modules/sections.ts) is not in the schema`);
    const named = cited(type.description, sections);
    type.description = withTitles(type.description, named.length ? named : sections);
  }
  const card = schema.getType('Card');
  if (!isObjectType(card)) throw new Error('Card is not an object type');
  for (const field of Object.values(card.getFields())) field.description = withTitles(field.description, cited(field.description, form));
  return schema;
}
