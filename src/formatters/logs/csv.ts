import { stringify } from 'csv-stringify/sync';
import type { LogsResult } from '../../model/logs.js';

/**
 * A cell safe to open in Excel: text that starts with = + - @ tab or CR would run as a formula, so it
 * gets a leading apostrophe (OWASP "CSV injection"); numbers stay numbers.
 */
export function spreadsheetCell(value: string | number | boolean): string | number {
  if (typeof value !== 'string') return typeof value === 'boolean' ? (value ? 'yes' : 'no') : value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** The clients as CSV: one row per server × protocol × client address, UTF-8 with BOM, CRLF, RFC 4180 quoting. */
export function formatLogsCsv(result: LogsResult): string {
  const header = ['Server', 'Protocol', 'End', 'Client', 'Loopback', 'External', 'Sessions', 'First seen', 'Last seen', 'Users', 'Ports', 'Plain-text logons', 'Plain-text logons accepted', 'Failed logons', 'Commands'];
  const rows = result.clients.map((c) => [c.server, c.protocol, c.backend ? 'back end' : 'front end', c.client, c.loopback, c.external, c.sessions, c.first, c.last, c.users.join(' '), c.ports.join(' '), c.clearLogons, c.clearLogonsAccepted, c.failedLogons, c.commands.join(' ')].map(spreadsheetCell));
  return `\uFEFF${stringify([header, ...rows], { record_delimiter: 'windows', quoted_match: /[",\r\n]/ })}`;
}
