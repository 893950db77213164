import { describe, expect, it } from '@jest/globals';
import { buildSchema } from '../../src/graphql/schema.ts';
import { entriesOf, highlight, search, stemOf } from '../../src/http/graphiql/search.js';

// The search of GraphiQL's "Іздеу / Поиск" panel (src/http/graphiql/search.js, the file the page
// loads) over the schema the API serves: names and descriptions, where the form's Kazakh and Russian
// headings are, in the dictionary form a reader types though the headings are inflected.

const entries = entriesOf(buildSchema());
const names = (query: string) => search(entries, query).map(({ entry }) => entry.name);
const REGISTRATION_SECTIONS = ['Registration', 'Card.jobSeekerRegistrations', 'Card.unemployedRegistrations'];

describe('the GraphiQL search', () => {
  it('finds the registration sections by the Russian dictionary form, which the headings inflect («регистрации»)', () => {
    const found = names('регистрация');
    expect(found).toEqual(expect.arrayContaining(REGISTRATION_SECTIONS));
    expect(found).not.toContain('Card.visits');
    const line = search(entries, 'регистрация').find(({ entry }) => entry.name === 'Card.jobSeekerRegistrations')!.line;
    expect(line).toBe('On the form: §12 Жұмыс іздеуші адам ретінде тіркелгені туралы мәліметтер / Сведения о регистрации в качестве лица, ищущего работу.');
  });

  it('finds them by the Kazakh verb «тіркеу», which the headings inflect («тіркелгені», «тіркелу»)', () => {
    const found = names('тіркеу');
    expect(found).toEqual(expect.arrayContaining(REGISTRATION_SECTIONS));
    expect(found).not.toContain('Card.visits');
    expect(names('Тіркеу')).toEqual(found);
  });

  it('needs every word: «регистрация безработного» is §15 only', () => {
    const found = names('регистрация безработного');
    expect(found).toEqual(expect.arrayContaining(['Registration', 'Card.unemployedRegistrations']));
    expect(found).not.toContain('Card.jobSeekerRegistrations');
  });

  it('still finds Latin names, in any case and inside a camelCase name, the name itself first', () => {
    expect(names('Registration')[0]).toBe('Registration');
    expect(names('registrations')).toEqual(expect.arrayContaining(REGISTRATION_SECTIONS));
    expect(names('card.jobseeker')).toEqual(['Card.jobSeekerRegistrations']);
    expect(names('card')[0]).toBe('Card');
    expect(names('   ')).toEqual([]);
    expect(names('zzzqqq')).toEqual([]);
  });

  it('cuts only words of 6 letters or more, to no fewer than 5, and matches numbers as typed', () => {
    expect([stemOf('регистрация'), stemOf('тіркеу'), stemOf('Визит'), stemOf('§12')]).toEqual(['регистрац', 'тірке', 'визит', '§12']);
    expect(names('§1')).not.toContain('Card.jobSeekerRegistrations');
    expect(names('§12')).toContain('Card.jobSeekerRegistrations');
  });

  it('marks the matched stems in the line it shows', () => {
    const marked = highlight('Сведения о регистрации в качестве лица', 'регистрация').filter((piece) => piece.match).map((piece) => piece.text);
    expect(marked).toEqual(['регистрац']);
    expect(highlight('Ёлка', 'елка')).toEqual([{ text: 'Ёлка', match: true }]);
  });
});
