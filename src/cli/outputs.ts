import { appendFile, realpath, stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { CasguardError } from '../errors.js';
import type { ScanResult } from '../model/result.js';
import { formatActionPlan } from '../formatters/action-plan.js';
import { formatHtml } from '../formatters/html.js';
import { jsonChunks } from '../formatters/json.js';
import { junitChunks } from '../formatters/junit.js';
import { formatMarkdown } from '../formatters/markdown.js';
import { remediationChunks } from '../formatters/remediation.js';
import { formatSarif } from '../formatters/sarif.js';
import { COLOUR, formatText, PLAIN, type Style } from '../formatters/text.js';
import { loadReportTemplates } from '../io/templates.js';
import { writeChunks, writeFilesAtomic } from '../io/write-output.js';
import { notice, useColour } from './output-prefs.js';

/** Options that change how a format renders, and the inputs an output must never overwrite. */
export interface RenderOptions {
  applyReady?: boolean;
  /** SARIF: above this many results, per-mailbox findings are summed up (GitHub keeps 5,000 per run). */
  sarifMaxResults?: number;
  /** The files and folders read: `-o` may not name one of them or point into an exports folder. */
  inputs?: readonly string[];
}

const REPORT_FILE = /\.(html?|json|sarif|xml|md|txt|ps1|csv)$/i;

/** Refuses an output that would overwrite an input or land among the exports (the next scan would read it). */
async function checkOutputPlace(targets: readonly string[], folder: string | undefined, inputs: readonly string[]): Promise<void> {
  const real = async (p: string) => realpath(p).catch(() => resolve(p));
  for (const input of inputs) {
    const r = await real(input);
    const isDir = await stat(r).then((x) => x.isDirectory(), () => false);
    for (const t of targets) {
      const rt = await real(t);
      if (rt === r) throw new CasguardError('usage/invalid-arguments', 'the output would overwrite an input file', { location: { file: t }, hint: 'write reports to a folder of their own (-o reports/)' });
      if (isDir && (rt.startsWith(`${r}${sep}`) || (folder && (await real(folder)) === r))) {
        throw new CasguardError('usage/invalid-arguments', 'the output folder is an exports folder that is being read: reports there would be read as exports next time', { location: { file: folder ?? t }, hint: 'write reports to a folder of their own (-o reports/)' });
      }
    }
  }
}

/** One output format: the file it writes under `-o DIR`, its renderer (pieces, so big results stream), and its terminal form. */
export interface Format<R> {
  file: string;
  render(r: R, o: RenderOptions): Iterable<string>;
  /** The form shown on a terminal (colour when allowed); the text format has one. */
  terminal?(r: R, style: Style): string;
}

/** Output formats of `scan` and `render`. */
export const FORMATS: Record<'html' | 'json' | 'sarif' | 'junit' | 'markdown' | 'text' | 'csv' | 'remediation', Format<ScanResult>> = {
  html: { file: 'report.html', render: (r) => [formatHtml(r, loadReportTemplates())] },
  json: { file: 'results.json', render: (r) => jsonChunks(r) },
  sarif: { file: 'results.sarif', render: (r, o) => [formatSarif(r, o.sarifMaxResults)] },
  junit: { file: 'results.junit.xml', render: (r) => junitChunks(r) },
  markdown: { file: 'report.md', render: (r) => [formatMarkdown(r)] },
  text: { file: 'results.txt', render: (r) => [formatText(r, PLAIN)], terminal: (r, style) => formatText(r, style) },
  csv: { file: 'action-plan.csv', render: (r) => formatActionPlan(r) },
  remediation: { file: 'remediation.ps1', render: (r, o) => remediationChunks(r, o.applyReady) },
};

export type FormatName = keyof typeof FORMATS;

export { useColour } from './output-prefs.js';

/**
 * Writes the result in every requested format: to stdout when there is no `-o`, else to `-o FILE`
 * (one format) or into `-o DIR` under the conventional names. Returns the files written.
 */
export async function writeOutputs<R, F extends string>(result: R, formats: readonly F[], output: string | undefined, options: RenderOptions = {}, table: Record<F, Format<R>> = FORMATS as unknown as Record<F, Format<R>>): Promise<string[]> {
  const chosen = formats.length > 0 ? [...new Set(formats)] : (['text'] as F[]);
  if (!output) {
    if (chosen.length > 1) throw new CasguardError('usage/invalid-arguments', 'several --format values need -o DIR to write them to', { hint: 'add -o reports/ (or ask for one format)' });
    const format = table[chosen[0] as F];
    try {
      await writeChunks(process.stdout, format.terminal ? [format.terminal(result, useColour() ? COLOUR : PLAIN)] : format.render(result, options));
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new CasguardError('output/unwritable', `cannot write to standard output: ${code === 'ENOSPC' ? 'no space left on the device' : (err as Error).message}`, { cause: err });
    }
    return [];
  }
  const existing = await stat(output).then((s) => s, () => undefined);
  const isDir = chosen.length > 1 || /[\\/]$/.test(output) || Boolean(existing?.isDirectory());
  if (isDir && (existing?.isFile() || (!existing && REPORT_FILE.test(output)))) {
    throw new CasguardError('usage/invalid-arguments', `-o names a file, but ${chosen.length} formats need a folder`, { location: { file: output }, hint: 'give a folder (-o reports/) for several formats, or one --format for one file' });
  }
  const targets = chosen.map((f) => ({ path: isDir ? join(output, table[f].file) : output, format: f }));
  await checkOutputPlace(targets.map((t) => t.path), isDir ? output : undefined, options.inputs ?? []);
  // All files go to temporary names first and are renamed together: no half-written or mixed set.
  await writeFilesAtomic(targets.map((t) => ({ path: t.path, content: table[t.format].render(result, options) })));
  return targets.map((t) => t.path);
}

/**
 * Appends a Markdown summary to the file GitHub Actions names in GITHUB_STEP_SUMMARY (the job's summary
 * page), so a workflow needs no extra step. A file that cannot be written is a warning, not a failure.
 */
export async function appendStepSummary(markdown: () => string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const file = env.GITHUB_STEP_SUMMARY;
  if (!file) return;
  try {
    await appendFile(file, `${markdown()}\n`, 'utf8');
  } catch (err) {
    notice(`warning: GITHUB_STEP_SUMMARY (${file}) could not be written: ${(err as Error).message}`);
  }
}
