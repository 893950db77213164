import type { Content } from 'pdfmake';
import type { PrintedField, PrintedSection, Snapshot } from '../card/card-section.ts';
import { labelIn, type Label, type Language } from '../dictionary/codes.ts';
import type { Territories } from '../dictionary/territories.ts';
import type { LayoutName, PrintJob } from './pdf-render.ts';
import { numberShown, type FormSection } from './printed-form.ts';
import { dateTime, fieldText, formatted, WORDS, type Reading } from './printed-values.ts';

// The printed card as pdfmake's document definition (tables that break across pages and repeat
// their header row, a header and footer on every page with "page N of M") in DejaVu Sans,
// embedded and subset: it has every letter of the Kazakh alphabet (ә ғ қ ң ө ұ ү һ і), which the
// PDF standard fonts lack. Data only: the printer lays it out in a thread of its own (pdf-render.ts).

/** What one printed card shows. */
export interface PrintedCard {
  /** The card's global id, as the API gives it. */
  id: string;
  version: number;
  /** SHA-256 of the current version's document. */
  digest: string;
  /** Whether the executor and the head both signed the current version (`Card.signatures.covered`). */
  covered: boolean;
  /** The moment the card is printed as of; null: as it stands. */
  asOf: Date | null;
  /** The content of each printed section: a part's value, or a list's entries in chronological order. */
  sections: readonly { form: FormSection; value: Snapshot | null; entries: readonly Snapshot[] | null }[];
  printedAt: Date;
}

const BLANK = ' ';
const MONO = { font: 'DejaVuSansMono', fontSize: 8 };
const cellText = (text: string): string => (text === '' ? BLANK : text);

function fieldRows(fields: readonly PrintedField[], row: Snapshot | null, reading: Reading): Content[][] {
  return fields.map((field) => (field.path === undefined
    ? [{ text: labelIn(field.label, reading.language), style: 'caption' }, { text: BLANK }]
    : [{ text: labelIn(field.label, reading.language), style: 'label' }, { text: cellText(fieldText(field, row, reading)), ...(field.as === 'digest' ? MONO : {}) }]));
}

// Widths in points (A4 less the margins is 515): pdfmake 0.3 lays out percentages in a nested table as NaN.
const NUMBER_WIDTH = 34;
const LABEL_WIDTH = 215;
const NESTED_LABEL_WIDTH = 190;
/** What a table inside an entry's row may take: pdfmake's star widths there overflow the row by its padding. */
const NESTED_WIDTH = 455;

const GRID: LayoutName = 'grid';
const INSIDE: LayoutName = 'inside';

/** Label beside value. */
function fieldTable(fields: readonly PrintedField[], row: Snapshot | null, reading: Reading, nested = false): Content {
  return { table: { widths: [nested ? NESTED_LABEL_WIDTH : LABEL_WIDTH, '*'], body: fieldRows(fields, row, reading) }, layout: nested ? INSIDE : GRID };
}

function childTable(children: NonNullable<NonNullable<PrintedSection['rows']>['children']>, entry: Snapshot | null, reading: Reading): Content {
  const members = (entry?.[children.key] as Snapshot[] | undefined) ?? [];
  const { language } = reading;
  const header = [{ text: labelIn(WORDS.rowNumber, language), style: 'th' }, ...children.columns.map((c) => ({ text: labelIn(c.label, language), style: 'th' }))];
  const body = members.length
    ? members.map((member, i) => [String(i + 1), ...children.columns.map((c) => cellText(fieldText(c, member, reading)))])
    : [[BLANK, ...children.columns.map(() => BLANK)]];
  return {
    stack: [
      { text: labelIn(children.heading, language), style: 'caption', margin: [0, 4, 0, 2] },
      {
        table: { headerRows: 1, widths: [NUMBER_WIDTH, ...children.columns.map(() => Math.floor((NESTED_WIDTH - NUMBER_WIDTH) / children.columns.length) - 8)], body: [header, ...body] },
        layout: GRID,
      },
    ],
  };
}

function listContent(printed: PrintedSection, entries: readonly Snapshot[], reading: Reading): Content {
  const rows = printed.rows!;
  const { language } = reading;
  if (rows.layout === 'table') {
    const header = [{ text: labelIn(WORDS.rowNumber, language), style: 'th' }, ...rows.columns.map((column) => ({ text: labelIn(column.label, language), style: 'th' }))];
    // An empty section is its header and one blank line, as on paper.
    const body = entries.length
      ? entries.map((entry, i) => [String(i + 1), ...rows.columns.map((column) => cellText(fieldText(column, entry, reading)))])
      : [[BLANK, ...rows.columns.map(() => BLANK)]];
    return { table: { headerRows: 1, keepWithHeaderRows: 1, widths: [NUMBER_WIDTH, ...rows.columns.map(() => '*' as const)], body: [header, ...body] }, layout: GRID };
  }
  // Each entry's fields label beside value; an empty section shows the labels with blanks.
  const blocks = (entries.length ? entries : [null]).map((entry, i): Content[] => [
    entry ? String(i + 1) : BLANK,
    { stack: [fieldTable(rows.columns, entry, reading, true), ...(rows.children ? [childTable(rows.children, entry, reading)] : [])] },
  ]);
  return { table: { widths: [NUMBER_WIDTH, '*'], body: blocks }, layout: GRID };
}

function sectionContent({ form, value, entries }: PrintedCard['sections'][number], reading: Reading): Content[] {
  const { printed } = form;
  const sub = printed.number.includes('.');
  const heading: Content = {
    text: `${numberShown(printed.number)}${labelIn(printed.heading, reading.language)}`, style: sub ? 'subheading' : 'heading', headlineLevel: 1,
  };
  if (printed.fields) return [heading, fieldTable(printed.fields, value, reading)];
  if (printed.rows) return [heading, listContent(printed, entries ?? [], reading)];
  return [heading];
}

const line = (label: Label, value: string, language: Language, mono = false): Content[] => [
  { text: labelIn(label, language), style: 'label' }, { text: value, ...(mono ? MONO : {}) },
];

/** What the printer lays out as the card's PDF in `language`. */
export function printJob(card: PrintedCard, language: Language, territories: Territories): PrintJob {
  const reading: Reading = { language, territories };
  const cardLine = `${labelIn(WORDS.card, language)} ${card.id} · ${labelIn(WORDS.version, language)} ${card.version}`;
  const definition: PrintJob['definition'] = {
    pageSize: 'A4',
    pageMargins: [40, 50, 40, 45],
    language: language === 'RU' ? 'ru' : 'kk',
    info: { title: `${labelIn(WORDS.title, language)} — ${card.id}`, subject: cardLine },
    defaultStyle: { font: 'DejaVuSans', fontSize: 8.5, lineHeight: 1.1 },
    styles: {
      title: { fontSize: 14, bold: true, alignment: 'center' },
      subtitle: { fontSize: 9, alignment: 'center', margin: [0, 2, 0, 8] },
      heading: { fontSize: 10, bold: true, margin: [0, 10, 0, 4] },
      subheading: { fontSize: 9.5, bold: true, margin: [8, 6, 0, 3] },
      caption: { bold: true },
      label: { color: '#333333' },
      th: { bold: true, fillColor: '#eeeeee' },
      running: { fontSize: 7.5, color: '#444444' },
    },
    content: [
      { text: labelIn(WORDS.title, language), style: 'title' },
      { text: labelIn(WORDS.subtitle, language), style: 'subtitle' },
      ...card.sections.flatMap((section) => sectionContent(section, reading)),
      {
        margin: [0, 12, 0, 0],
        table: {
          widths: [LABEL_WIDTH, '*'],
          body: [
            ...(card.asOf ? [line(WORDS.asOf, dateTime(card.asOf.toISOString()), language)] : []),
            line(WORDS.printedVersion, String(card.version), language),
            line(WORDS.covered, formatted(card.covered, 'yesNo', reading), language),
            line(WORDS.digest, formatted(card.digest, 'digest', reading), language, true),
            line(WORDS.printedAt, dateTime(card.printedAt.toISOString()), language),
          ],
        },
        layout: GRID,
      },
    ],
  };
  return { definition, running: { title: labelIn(WORDS.title, language), cardLine, pageOf: labelIn(WORDS.pageOf, language) } };
}
