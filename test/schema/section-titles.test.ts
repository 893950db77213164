import { describe, expect, it } from '@jest/globals';
import { isObjectType, type GraphQLObjectType } from 'graphql';
import { buildSchema } from '../../src/graphql/schema.ts';
import { describeSectionTitles, formTitles } from '../../src/graphql/section-titles.ts';
import { printedForm } from '../../src/modules/printout/printed-form.ts';

// The form's Kazakh and Russian headings, declared once for the printed card, are in the schema's
// descriptions of the types and Card fields that hold each section (what GraphiQL's Docs and the
// printed contract show).

const schema = buildSchema();
const form = printedForm();
const card = schema.getType('Card') as GraphQLObjectType;
const descriptions = [
  ...Object.values(schema.getTypeMap()).map((type) => type.description ?? ''),
  ...Object.values(card.getFields()).map((field) => field.description ?? ''),
];
const section = (number: string) => form.find(({ printed }) => printed.number === number)!;

describe('the form\'s titles in the schema', () => {
  it('names every section of the printed form, in Kazakh and Russian, somewhere a section is described', () => {
    expect(isObjectType(card)).toBe(true);
    const missing = form.filter(({ printed: { heading } }) => !descriptions.some((text) => text.includes(heading.kk) && text.includes(heading.ru)))
      .map(({ printed }) => printed.number);
    expect(missing).toEqual([]);
    expect(form.length).toBeGreaterThanOrEqual(20);
  });

  it('titles the registration sections: §12 and §15 on the type, each on its own Card field', () => {
    const [jobSeeker, unemployed] = [section('12'), section('15')];
    const registration = schema.getType('Registration')!.description!;
    expect(registration).toContain(formTitles([jobSeeker, unemployed]));
    expect(registration).toMatch(/тіркел/i);
    expect(registration).toMatch(/регистрац/i);
    const fields = card.getFields();
    expect(fields.jobSeekerRegistrations!.description).toContain(formTitles([jobSeeker]));
    expect(fields.jobSeekerRegistrations!.description).not.toContain(unemployed.printed.heading.ru);
    expect(fields.unemployedRegistrations!.description).toContain(formTitles([unemployed]));
  });

  it('keeps the titles in the first paragraph (the one Docs shows in a type\'s field list) and the cited section first', () => {
    const asOf = card.getFields().asOf!.description!;
    expect(asOf).not.toContain('On the form:');
    for (const field of Object.values(card.getFields()).filter((f) => f.description?.includes('On the form:'))) {
      const [first] = field.description!.split('\n\n');
      expect({ field: field.name, titled: first!.includes('On the form:'), cites: /^(§\d|Footer)/.test(field.description!) })
        .toEqual({ field: field.name, titled: true, cites: true });
    }
  });

  it('is derived: a heading declared differently is what the schema says', () => {
    const renamed = form.map((entry) => (entry.printed.number === '17'
      ? { ...entry, printed: { ...entry.printed, heading: { kk: 'Жаңа атауы', ru: 'Новое название' } } }
      : entry));
    const rebuilt = describeSectionTitles(buildSchemaWithoutTitles(), renamed);
    expect(rebuilt.getType('SpecialWorkplace')!.description).toContain('§17 Жаңа атауы / Новое название');
    expect((rebuilt.getType('Card') as GraphQLObjectType).getFields().specialWorkplaces!.description).toContain('§17 Жаңа атауы / Новое название');
  });
});

/** The schema as the SDL describes it, before the titles are added. */
function buildSchemaWithoutTitles() {
  const fresh = buildSchema();
  const strip = (text: string | null | undefined) => text?.replace(/\nOn the form: [^\n]*/, '');
  for (const type of Object.values(fresh.getTypeMap())) type.description = strip(type.description);
  for (const field of Object.values((fresh.getType('Card') as GraphQLObjectType).getFields())) field.description = strip(field.description);
  return fresh;
}
