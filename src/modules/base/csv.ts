// CSV as spreadsheets read it (RFC 4180): rows end with CRLF, a field with a comma, a quote or a
// line break is quoted with its quotes doubled.

export const CSV_EOL = '\r\n';

/**
 * One field. Text starting with `=`, `+` or `@` is prefixed with `'`, so a spreadsheet shows it
 * rather than running it as a formula (CSV injection).
 */
export function csvField(value: string): string {
  const safe = /^[=+@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One row. */
export const csvRow = (fields: readonly string[]): string => fields.map(csvField).join(',') + CSV_EOL;
