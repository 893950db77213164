import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse, type CsvError, type InfoRecord } from 'csv-parse';
import { recordSchema, SECTION_KEYS } from './record-schema.ts';

// The import reads files of millions of cards, so a source never holds more than one record (at
// most MAX_RECORD_BYTES) plus the stream buffers in memory. Records are produced only when the
// consumer asks for the next one: a slow import pauses the file read instead of queueing records.
// A record that cannot be read becomes an error record with its line, so the import can report it
// and go on. CSV the parser cannot find its way through (an unclosed quote) ends with an error
// record there; only a failure of the file itself throws out of the iteration.

export interface SourceRecord {
  /** 1-based line of the file where the record starts. */
  line: number;
  /** The parsed record (absent when `error` is set). */
  record?: Record<string, unknown>;
  /** Why the line could not be read as a record, short enough for a reject report. */
  error?: string;
}

export interface RecordSource {
  format: 'ndjson' | 'csv';
  /** Size of the file, for progress. */
  totalBytes: number;
  /** Bytes of the file consumed so far: to the end of the last record for NDJSON; for CSV, read from disk (a buffer's worth ahead). */
  bytesRead(): number;
  /** The records, once: iterate it a single time; breaking out of the loop closes the file. */
  records: AsyncIterable<SourceRecord>;
}

/** Longest NDJSON line and largest CSV row read: a larger one is an error record, never buffered whole. */
export const MAX_RECORD_BYTES = 1024 * 1024;
const CHUNK_BYTES = 64 * 1024;

const EXTENSIONS: Record<string, RecordSource['format']> = { '.ndjson': 'ndjson', '.jsonl': 'ndjson', '.json': 'ndjson', '.csv': 'csv' };

/**
 * Opens an import file: NDJSON (one card record per line) or CSV (the identity part alone, one
 * card per row). The format comes from the extension unless given. Rejects when the file cannot be
 * read or, for CSV, when its header is not one this import understands — before any record.
 */
export async function openRecordSource(path: string, format?: RecordSource['format']): Promise<RecordSource> {
  const kind = format ?? EXTENSIONS[extname(path).toLowerCase()];
  if (!kind) throw new Error(`cannot tell the format of ${path} from its extension: use .ndjson, .jsonl, .json or .csv, or give the format`);
  const info = await stat(path);
  if (!info.isFile()) throw new Error(`${path} is not a file`);
  return kind === 'ndjson' ? openNdjson(path, info.size) : openCsv(path, info.size);
}

// ---------------------------------------------------------------------------------------------
// NDJSON

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const LF = 0x0a;

function openNdjson(path: string, totalBytes: number): RecordSource {
  let consumed = 0;
  async function* records(): AsyncGenerator<SourceRecord> {
    // Lines are split on bytes rather than on decoded text so an over-long line is dropped as it
    // streams by instead of being decoded and held whole.
    let pieces: Buffer[] = [];
    let length = 0;
    let tooLong = false;
    let line = 0;
    const take = (piece: Buffer) => {
      if (tooLong || piece.length === 0) return;
      if (length + piece.length > MAX_RECORD_BYTES) {
        tooLong = true;
        pieces = [];
        length = 0;
        return;
      }
      pieces.push(piece);
      length += piece.length;
    };
    const finishLine = (): SourceRecord | null => {
      line++;
      const result = tooLong
        ? { line, error: `line longer than ${MAX_RECORD_BYTES} bytes` }
        : parseLine(line, Buffer.concat(pieces, length));
      pieces = [];
      length = 0;
      tooLong = false;
      return result;
    };
    const stream = createReadStream(path, { highWaterMark: CHUNK_BYTES });
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let start = 0;
      for (let end = chunk.indexOf(LF); end !== -1; end = chunk.indexOf(LF, start)) {
        take(chunk.subarray(start, end));
        consumed += end + 1 - start;
        start = end + 1;
        const result = finishLine();
        if (result) yield result;
      }
      take(chunk.subarray(start));
      consumed += chunk.length - start;
    }
    // The last line need not end with a newline.
    if (length > 0 || tooLong) {
      const result = finishLine();
      if (result) yield result;
    }
  }
  return { format: 'ndjson', totalBytes, bytesRead: () => consumed, records: records() };
}

/** One NDJSON line to a record, an error, or null for a blank line. */
function parseLine(line: number, bytes: Buffer): SourceRecord | null {
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    return { line, error: 'line is not valid UTF-8' };
  }
  // Editors on Windows save a BOM and CRLF line ends; neither is part of the record.
  if (line === 1 && text.startsWith('\uFEFF')) text = text.slice(1);
  if (text.endsWith('\r')) text = text.slice(0, -1);
  if (text.trim() === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // V8's "(line 1 column N)" counts within this one line, which reads as a wrong line number.
    return { line, error: `invalid JSON: ${(error as Error).message.replace(/ \(line \d+ column \d+\)$/, '')}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { line, error: `expected a JSON object (a card record), got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`}` };
  }
  return { line, record: value as Record<string, unknown> };
}

// ---------------------------------------------------------------------------------------------
// CSV

/** A CSV column: the record's key its cell goes to, and the field within it for a nested object's field. */
export interface CsvColumn {
  name: string;
  key: string;
  field: string | null;
  /** The header must name it: the format requires it (and, for a nested field, the object it is in). */
  required: boolean;
}

/** The columns a CSV file may carry, and the nested objects a record always has (`fullName`). */
export interface CsvLayout {
  columns: readonly CsvColumn[];
  requiredObjects: readonly string[];
}

/** What the layout reads of a JSON Schema node. */
interface SchemaNode {
  type?: string | string[];
  $ref?: string;
  anyOf?: SchemaNode[];
  properties?: Record<string, SchemaNode>;
  required?: string[];
}

/** The import format, as far as the layout reads it. */
interface Format extends SchemaNode {
  $defs?: Record<string, SchemaNode>;
}

/** A property's schema with its null branch dropped and its reference followed, and the type it holds besides null. */
function resolved(format: Format, property: SchemaNode): { schema: SchemaNode; type: string | undefined } {
  let schema = property;
  if (schema.anyOf) {
    const branches = schema.anyOf.filter((branch) => branch.type !== 'null');
    if (branches.length !== 1) throw new Error('a CSV column cannot hold a value of several shapes');
    schema = branches[0]!;
  }
  if (schema.$ref) schema = format.$defs?.[schema.$ref.replace('#/$defs/', '')] ?? {};
  return { schema, type: [schema.type].flat().find((type) => type !== 'null') };
}

/**
 * The CSV columns, from the import format: the record's own keys and the fields of the part given
 * at its top level (the identity), in the format's order; a nested object's fields are columns of
 * their own (`surname` is `fullName.surname`), one level deep. Every cell is text, so a field that
 * is not (a number, a list, an object two levels down) cannot be a column: it fails here, at once.
 */
export function csvLayout(format: Format = recordSchema()): CsvLayout {
  const columns: CsvColumn[] = [];
  const requiredObjects: string[] = [];
  const text = (what: string, value: ReturnType<typeof resolved>) => {
    if (value.type !== 'string') throw new Error(`${what} is not text and cannot be a CSV column`);
  };
  for (const [key, property] of Object.entries(format.properties ?? {})) {
    if (SECTION_KEYS.has(key)) continue;
    const required = format.required?.includes(key) ?? false;
    const value = resolved(format, property);
    if (value.type !== 'object') {
      text(key, value);
      columns.push({ name: key, key, field: null, required });
      continue;
    }
    if (required) requiredObjects.push(key);
    for (const [field, inner] of Object.entries(value.schema.properties ?? {})) {
      text(`${key}.${field}`, resolved(format, inner));
      columns.push({ name: field, key, field, required: required && (value.schema.required?.includes(field) ?? false) });
    }
  }
  const names = columns.map((column) => column.name);
  const repeated = names.filter((name, i) => names.indexOf(name) !== i);
  if (repeated.length > 0) throw new Error(`two fields would be the CSV column ${repeated.join(', ')}`);
  return { columns, requiredObjects };
}

/** The layout of the committed format, worked out on the first CSV file. */
let committed: CsvLayout | null = null;

/** What the parser hands over, in file order: rows, rows it skipped, and an error it cannot get past. */
type CsvItem =
  | { kind: 'row'; fields: string[]; endLine: number; emptyLines: number }
  | { kind: 'skipped' | 'fatal'; error: CsvError };

/** Parser errors confined to one row: the parser knows where the row ends and goes on after it. */
const ROW_ERRORS = new Set(['CSV_RECORD_INCONSISTENT_FIELDS_LENGTH', 'INVALID_OPENING_QUOTE']);

/** Where csv-parse, counting each CR and LF inside quotes as a line, has a complete row start. */
function csvParseStartLine(error: CsvError): number {
  const fields = (error.record as string[] | undefined) ?? [];
  return (error.lines as number) - fields.reduce((sum, field) => sum + (field.match(/[\r\n]/g)?.length ?? 0), 0);
}

/**
 * Line breaks in a field as an editor counts them, and the CRLF pairs among them: csv-parse counts
 * a CRLF inside a quoted field as two lines, so its line numbers drift by one per such pair.
 */
function lineBreaks(text: string): { breaks: number; crlf: number } {
  return { breaks: text.match(/\r\n|\r|\n/g)?.length ?? 0, crlf: text.match(/\r\n/g)?.length ?? 0 };
}

async function openCsv(path: string, totalBytes: number): Promise<RecordSource> {
  const layout = (committed ??= csvLayout());
  const file = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  let stopped = false;
  /** csv-parse's line of the last stray quote reported, so the same row is not reported twice. */
  let strayQuoteLine = 0;
  const parser = parse({
    bom: true,
    info: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    max_record_size: MAX_RECORD_BYTES,
    // The parser calls this in the middle of its loop, between the rows it pushes, so pushing the
    // error into its output keeps it in its place among the rows.
    on_skip: (error) => {
      if (!error || stopped) return undefined;
      // `ТОО "Ромашка, Лтд"` unquoted has two stray quotes and, from its comma, one field too many:
      // one row, one error. (Rows never share a line, so a line already reported is this row.)
      if (error.code === 'INVALID_OPENING_QUOTE') {
        if (error.lines === strayQuoteLine) return undefined;
        strayQuoteLine = error.lines as number;
      }
      if (error.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH' && csvParseStartLine(error) <= strayQuoteLine) return undefined;
      if (ROW_ERRORS.has(error.code)) {
        parser.push({ kind: 'skipped', error } satisfies CsvItem);
        return undefined;
      }
      // A bad closing quote, an unclosed one or an oversized row leaves the parser unsure where
      // the next row starts. Failing the stream would drop the rows parsed before it but not yet
      // read, so the error follows them and the consumer stops there.
      stopped = true;
      parser.push({ kind: 'fatal', error } satisfies CsvItem);
      return undefined;
    },
  });
  file.on('error', (error) => parser.destroy(error));
  file.pipe(parser);

  // Pulls one item at a time; the file is closed when the consumer stops or the items end.
  async function* items(): AsyncGenerator<CsvItem> {
    try {
      for await (const item of parser as AsyncIterable<CsvItem | { record: string[]; info: InfoRecord }>) {
        yield 'kind' in item ? item : { kind: 'row', fields: item.record, endLine: item.info.lines, emptyLines: item.info.empty_lines };
      }
    } finally {
      file.destroy();
      parser.destroy();
    }
  }
  const source = items();

  // Line numbering. `drift` is csv-parse's excess over the real line count so far; `lastEnd` and
  // `lastEmpty` are where the previous row ended and how many blank lines the parser had skipped
  // by then, to place a row that never completes (an unclosed quote).
  let drift = 0;
  let lastEnd = 0;
  let lastEmpty = 0;
  const placeRow = (fields: readonly string[], endLine: number, emptyLines: number) => {
    let breaks = 0;
    for (const field of fields) {
      const counted = lineBreaks(field);
      breaks += counted.breaks;
      drift += counted.crlf;
    }
    lastEnd = endLine - drift;
    lastEmpty = emptyLines;
    return lastEnd - breaks;
  };

  const header = await readHeader(path, layout, source, placeRow);
  async function* records(): AsyncGenerator<SourceRecord> {
    for await (const item of source) {
      if (item.kind === 'row') {
        yield { line: placeRow(item.fields, item.endLine, item.emptyLines), record: csvRecord(layout, header, item.fields) };
        continue;
      }
      const { error } = item;
      const fields = Array.isArray(error.record) ? (error.record as string[]) : null;
      // A row of the wrong width is complete, so it is placed like any row; a stray quote or a bad
      // closing quote is reported on the line where the parser met it; a row that never ends (an
      // unclosed quote, an oversized row) on the line after the previous row.
      const line = fields ? placeRow(fields, error.lines as number, error.empty_lines as number)
        : error.code === 'CSV_QUOTE_NOT_CLOSED' || error.code === 'CSV_MAX_RECORD_SIZE'
          ? lastEnd + 1 + Math.max(0, (error.empty_lines as number) - lastEmpty)
          : (error.lines as number) - drift;
      yield { line, error: csvErrorMessage(error, header.length) };
      if (item.kind === 'fatal') return;
    }
  }
  return { format: 'csv', totalBytes, bytesRead: () => file.bytesRead, records: records() };
}

/** Reads and checks the header row; rejects (and closes the file) when it is missing or wrong. */
async function readHeader(
  path: string,
  { columns }: CsvLayout,
  source: AsyncGenerator<CsvItem>,
  placeRow: (fields: readonly string[], endLine: number, emptyLines: number) => number,
): Promise<CsvColumn[]> {
  const first = await source.next();
  const fail = async (reason: string): Promise<never> => {
    await source.return(undefined);
    throw new Error(`${path}: ${reason}`);
  };
  if (first.done) return fail('the file is empty: a header row is expected');
  const item = first.value;
  if (item.kind !== 'row') return fail(`the header row cannot be read: ${item.error.message}`);
  placeRow(item.fields, item.endLine, item.emptyLines);
  const names = item.fields.map((name) => name.trim());
  const known = new Map(columns.map((column) => [column.name, column]));
  const unknown = names.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    return fail(`unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => JSON.stringify(n)).join(', ')} in the header; the columns are ${columns.map((c) => c.name).join(', ')}`);
  }
  const repeated = names.filter((name, i) => names.indexOf(name) !== i);
  if (repeated.length > 0) return fail(`column ${[...new Set(repeated)].join(', ')} appears more than once in the header`);
  const missing = columns.filter((column) => column.required && !names.includes(column.name)).map((column) => column.name);
  if (missing.length > 0) return fail(`the header lacks the required column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
  return names.map((name) => known.get(name)!);
}

function csvErrorMessage(error: CsvError, width: number): string {
  switch (error.code) {
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
      return `the row has ${(error.record as unknown[] | undefined)?.length ?? 'a different number of'} fields, the header ${width}`;
    case 'INVALID_OPENING_QUOTE':
      return 'a quote inside an unquoted field: quote the whole field and double the quotes in it';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'a quoted field is followed by more text before the comma; the rest of the file cannot be read';
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted field is never closed; the rest of the file cannot be read';
    case 'CSV_MAX_RECORD_SIZE':
      return `a row longer than ${MAX_RECORD_BYTES} characters (an unclosed quote?); the rest of the file cannot be read`;
    default:
      return `${error.message}; the rest of the file cannot be read`;
  }
}

/** A CSV row in the shape of the NDJSON record (schema/import/card-record.schema.json); empty cells are left out. */
function csvRecord(layout: CsvLayout, header: readonly CsvColumn[], fields: readonly string[]): Record<string, unknown> {
  // A nested object the format requires (the full name) is always there, so a part of it left
  // empty is reported as missing. One it does not require (the address) is all or nothing: present
  // as soon as any part of it is given, so a row with a street but no region is rejected for the
  // region rather than silently dropped.
  const record: Record<string, unknown> = Object.fromEntries(layout.requiredObjects.map((key) => [key, {}]));
  header.forEach((column, i) => {
    const value = fields[i];
    if (value === undefined || value.trim() === '') return;
    if (column.field === null) record[column.key] = value;
    else ((record[column.key] ??= {}) as Record<string, string>)[column.field] = value;
  });
  return record;
}
