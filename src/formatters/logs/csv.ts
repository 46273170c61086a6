import type { LogsResult } from '../../model/logs.js';
import { spreadsheetCsv } from '../../report/spreadsheet.js';

/** The clients as CSV: one row per server × protocol × client address (Excel-safe, see spreadsheetCsv). */
export function formatLogsCsv(result: LogsResult): string {
  const header = ['Server', 'Protocol', 'End', 'Client', 'Loopback', 'External', 'Sessions', 'First seen', 'Last seen', 'Users', 'Ports', 'Plain-text logons', 'Plain-text logons accepted', 'Failed logons', 'Commands'];
  const rows = result.clients.map((c) => [c.server, c.protocol, c.backend ? 'back end' : 'front end', c.client, c.loopback, c.external, c.sessions, c.first, c.last, c.users.join(' '), c.ports.join(' '), c.clearLogons, c.clearLogonsAccepted, c.failedLogons, c.commands.join(' ')]);
  return [...spreadsheetCsv(header, rows)].join('');
}
