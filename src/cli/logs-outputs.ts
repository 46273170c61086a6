import type { LogsResult } from '../model/logs.js';
import { formatLogsCsv } from '../formatters/logs/csv.js';
import { formatLogsHtml } from '../formatters/logs/html.js';
import { formatLogsMarkdown } from '../formatters/logs/markdown.js';
import { formatLogsText } from '../formatters/logs/text.js';
import { PLAIN } from '../formatters/text.js';
import { loadLogsTemplates } from '../io/templates.js';
import type { Format } from './outputs.js';

/** Output formats of `logs`, through the same writer as scan's. */
export const LOGS_FORMATS: Record<'html' | 'json' | 'csv' | 'markdown' | 'text', Format<LogsResult>> = {
  html: { file: 'logs.html', render: (r) => [formatLogsHtml(r, loadLogsTemplates())] },
  json: { file: 'logs.json', render: (r) => [`${JSON.stringify(r, null, 2)}\n`] },
  csv: { file: 'clients.csv', render: (r) => [formatLogsCsv(r)] },
  markdown: { file: 'logs.md', render: (r) => [formatLogsMarkdown(r)] },
  text: { file: 'logs.txt', render: (r) => [formatLogsText(r, PLAIN)], terminal: (r, style) => formatLogsText(r, style) },
};

export type LogsFormatName = keyof typeof LOGS_FORMATS;
