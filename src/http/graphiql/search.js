// Search over the schema's names AND descriptions, for GraphiQL's "Іздеу / Поиск" panel (app.js).
// GraphiQL's own Docs search matches names only, and names are Latin; the form's Kazakh and Russian
// headings are in the descriptions (src/graphql/section-titles.ts). An ES module without imports:
// the page loads it with import() from /graphiql/search.js, the tests import it from Node. It reads
// a GraphQLSchema through graphql-js's public methods only, so either copy of graphql-js will do
// (the one in graphiql's bundle, or Node's).
//
// Matching, kept small and predictable:
// - case-insensitive, ё read as е;
// - the query is split into words; every word must occur (in the name or the description), as a
//   substring, so `registration` finds `jobSeekerRegistrations`;
// - a word of letters only, 6 letters or more, is cut to a stem: the last 2 letters dropped, but
//   never below 5 letters. The form's headings are inflected and a reader types the dictionary
//   form: «регистрация» → «регистрац» finds «регистрации»; «тіркеу» → «тірке» finds «тіркелу» and
//   «тіркелгені»; «безработный» → «безработн» finds «безработного». Two letters cover the Russian
//   case endings and the Kazakh verb's -у / noun's last vowel; Kazakh adds its suffixes after the
//   stem, so a prefix is enough. Five letters at least keep a stem specific. Shorter words (and
//   `§12`, numbers) must occur as typed; a word ending in a digit must not be followed by one, so
//   `§1` is not `§12`.
// No dictionary, no morphology: a reader can tell from the query what will match.

/** Lower case, ё as е: the same length as the text, so positions carry over for highlighting. */
function normal(text) {
  return String(text).toLowerCase().replace(/ё/g, 'е');
}

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The stem a query word is compared on (see above). */
export function stemOf(word) {
  const w = normal(word);
  return /^\p{L}{6,}$/u.test(w) ? w.slice(0, Math.max(5, w.length - 2)) : w;
}

/** The query's words, each a stem and a pattern for it. */
export function termsOf(query) {
  return normal(query).split(/[^\p{L}\p{N}§._]+/u).map((word) => word.replace(/^\.+|\.+$/g, '')).filter(Boolean)
    .map((word) => {
      const stem = stemOf(word);
      return { word, stem, pattern: new RegExp(escape(stem) + (/\d$/.test(stem) ? '(?!\\d)' : ''), 'u') };
    });
}

const KINDS = ['Type', 'Field', 'EnumValue'];

/**
 * What can be found: every named type but the introspection's own (`__Type`…), the fields of object,
 * interface and input types (`Card.jobSeekerRegistrations`), enum values (`Sex.MALE`). Each keeps
 * its definitions so the page can open it in Docs.
 */
export function entriesOf(schema) {
  const entries = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    entries.push({ kind: 'Type', name: type.name, type, description: type.description || '' });
    if (typeof type.getFields === 'function') {
      for (const field of Object.values(type.getFields())) {
        entries.push({ kind: 'Field', name: `${type.name}.${field.name}`, type, field, description: field.description || '' });
      }
    }
    if (typeof type.getValues === 'function') {
      for (const value of type.getValues()) {
        entries.push({ kind: 'EnumValue', name: `${type.name}.${value.name}`, type, value, description: value.description || '' });
      }
    }
  }
  return entries;
}

const matches = (term, text) => term.pattern.test(text);

/**
 * The entries every word of the query is found in, best first: the name itself (`card` → `Card`),
 * then names that contain every word, then the rest by their descriptions; types before fields
 * before enum values, then by name. Each comes with the description's line to show: the first line
 * with a match (the "On the form: §12 …" line when a heading matched), else the first line.
 */
export function search(entries, query) {
  const terms = termsOf(query);
  if (!terms.length) return [];
  const whole = normal(query).trim();
  const results = [];
  for (const entry of entries) {
    const name = normal(entry.name);
    const description = normal(entry.description);
    if (!terms.every((term) => matches(term, name) || matches(term, description))) continue;
    const own = name.slice(name.lastIndexOf('.') + 1);
    const rank = own === whole || name === whole ? 0 : terms.every((term) => matches(term, name)) ? 1 : 2;
    const lines = entry.description.split('\n');
    const line = lines.find((text) => terms.some((term) => matches(term, normal(text)))) ?? lines[0] ?? '';
    results.push({ entry, line, rank });
  }
  return results.sort((a, b) => a.rank - b.rank || KINDS.indexOf(a.entry.kind) - KINDS.indexOf(b.entry.kind)
    || (a.entry.name < b.entry.name ? -1 : a.entry.name > b.entry.name ? 1 : 0));
}

/** A text cut into pieces, each `{ text, match }`, where the query's stems match: what the page marks. */
export function highlight(text, query) {
  const terms = termsOf(query);
  const lower = normal(text);
  if (lower.length !== text.length) return [{ text, match: false }];
  const marked = new Array(text.length).fill(false);
  for (const term of terms) {
    for (const found of lower.matchAll(new RegExp(term.pattern.source, 'gu'))) marked.fill(true, found.index, found.index + found[0].length);
  }
  const pieces = [];
  for (let i = 0; i < text.length; i++) {
    const last = pieces[pieces.length - 1];
    if (last && last.match === marked[i]) last.text += text[i];
    else pieces.push({ text: text[i], match: marked[i] });
  }
  return pieces;
}
