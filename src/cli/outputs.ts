import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { CasguardError } from '../errors.js';
import type { ScanResult } from '../model/result.js';
import { formatHtml } from '../formatters/html.js';
import { jsonChunks } from '../formatters/json.js';
import { formatJunit } from '../formatters/junit.js';
import { formatMarkdown } from '../formatters/markdown.js';
import { formatRemediation } from '../formatters/remediation.js';
import { formatSarif } from '../formatters/sarif.js';
import { COLOUR, formatText, PLAIN } from '../formatters/text.js';
import { loadReportTemplates } from '../io/templates.js';
import { writeChunks, writeFileAtomic } from '../io/write-output.js';

/** Options that change how a format renders. */
export interface RenderOptions {
  applyReady?: boolean;
}

type Render = (r: ScanResult, o: RenderOptions) => Iterable<string>;

/** Output formats and the file each writes under `-o DIR`. Renderers yield pieces, so big results stream. */
export const FORMATS: Record<'html' | 'json' | 'sarif' | 'junit' | 'markdown' | 'text' | 'remediation', { file: string; render: Render }> = {
  html: { file: 'report.html', render: (r) => [formatHtml(r, loadReportTemplates())] },
  json: { file: 'results.json', render: (r) => jsonChunks(r) },
  sarif: { file: 'results.sarif', render: (r) => [formatSarif(r)] },
  junit: { file: 'results.junit.xml', render: (r) => [formatJunit(r)] },
  markdown: { file: 'report.md', render: (r) => [formatMarkdown(r)] },
  text: { file: 'results.txt', render: (r) => [formatText(r, PLAIN)] },
  remediation: { file: 'remediation.ps1', render: (r, o) => [formatRemediation(r, o.applyReady)] },
};

export type FormatName = keyof typeof FORMATS;

/** Whether terminal output may use colour: a TTY, and NO_COLOR not set. */
export function useColour(stream: NodeJS.WriteStream = process.stdout, env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(stream.isTTY) && !('NO_COLOR' in env && env.NO_COLOR !== '');
}

/**
 * Writes the result in every requested format: to stdout when there is no `-o`, else to `-o FILE`
 * (one format) or into `-o DIR` under the conventional names. Returns the files written.
 */
export async function writeOutputs(result: ScanResult, formats: readonly FormatName[], output: string | undefined, options: RenderOptions = {}): Promise<string[]> {
  const chosen = formats.length > 0 ? [...new Set(formats)] : (['text'] as FormatName[]);
  if (!output) {
    if (chosen.length > 1) throw new CasguardError('usage/invalid-arguments', 'several --format values need -o DIR to write them to', { hint: 'add -o reports/ (or ask for one format)' });
    const format = chosen[0] as FormatName;
    await writeChunks(process.stdout, format === 'text' ? [formatText(result, useColour() ? COLOUR : PLAIN)] : FORMATS[format].render(result, options));
    return [];
  }
  const isDir = chosen.length > 1 || /[\\/]$/.test(output) || (await stat(output).then((s) => s.isDirectory(), () => false));
  const targets = chosen.map((f) => ({ path: isDir ? join(output, FORMATS[f].file) : output, format: f }));
  // Each file is written to a temporary name and renamed: a failure leaves no half-written report.
  for (const t of targets) await writeFileAtomic(t.path, FORMATS[t.format].render(result, options));
  return targets.map((t) => t.path);
}
