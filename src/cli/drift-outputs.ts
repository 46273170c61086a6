import type { DriftResult } from '../model/drift.js';
import { formatDriftHtml } from '../formatters/drift/html.js';
import { driftJsonChunks } from '../formatters/drift/json.js';
import { formatDriftJunit } from '../formatters/drift/junit.js';
import { formatDriftMarkdown } from '../formatters/drift/markdown.js';
import { formatDriftSarif } from '../formatters/drift/sarif.js';
import { formatDriftText } from '../formatters/drift/text.js';
import { PLAIN } from '../formatters/text.js';
import { loadDriftTemplates } from '../io/templates.js';
import type { Format } from './outputs.js';

/** Output formats of `drift`, through the same writer as scan's (stdout, -o FILE, -o DIR, atomic sets). */
export const DRIFT_FORMATS: Record<'html' | 'json' | 'sarif' | 'junit' | 'markdown' | 'text', Format<DriftResult>> = {
  html: { file: 'drift.html', render: (r) => [formatDriftHtml(r, loadDriftTemplates())] },
  json: { file: 'drift.json', render: (r) => driftJsonChunks(r) },
  sarif: { file: 'drift.sarif', render: (r) => [formatDriftSarif(r)] },
  junit: { file: 'drift.junit.xml', render: (r) => [formatDriftJunit(r)] },
  markdown: { file: 'drift.md', render: (r) => [formatDriftMarkdown(r)] },
  text: { file: 'drift.txt', render: (r) => [formatDriftText(r, PLAIN)], terminal: (r, style) => formatDriftText(r, style) },
};

export type DriftFormatName = keyof typeof DRIFT_FORMATS;
