import { stringify } from 'csv-stringify/sync';

/**
 * A cell safe to open in Excel: text that starts with = + - @ tab or CR would run as a formula, so it
 * gets a leading apostrophe (OWASP "CSV injection"); numbers stay numbers.
 */
export function spreadsheetCell(value: string | number | boolean | undefined | null): string | number {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') return typeof value === 'boolean' ? (value ? 'yes' : 'no') : value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * CSV that Excel opens cleanly: UTF-8 with a BOM, CRLF, RFC 4180 quoting, every cell through
 * spreadsheetCell. Yields pieces of at most `batch` rows, so a large table streams.
 */
export function* spreadsheetCsv(header: readonly string[], rows: Iterable<readonly (string | number | boolean | undefined | null)[]>, batch = 1000): Generator<string> {
  const options = { record_delimiter: 'windows' as const, quoted_match: /[",\r\n]/ };
  yield `\uFEFF${stringify([[...header]], options)}`;
  let pending: (string | number)[][] = [];
  for (const row of rows) {
    pending.push(row.map(spreadsheetCell));
    if (pending.length >= batch) {
      yield stringify(pending, options);
      pending = [];
    }
  }
  if (pending.length) yield stringify(pending, options);
}
