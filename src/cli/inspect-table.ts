import type { InputSummary } from '../model/records.js';
import { terminalText } from '../report/terminal-text.js';

/** The text form of `inspect`: one aligned line per file, then each file's warnings. */
export function formatInspectTable(summaries: readonly InputSummary[]): string {
  const header = ['FILE', 'KIND', 'RECORDS', 'ENCODING', 'FORMAT', 'WARNINGS', 'SHA-256'];
  const rows = summaries.map((s) => [
    terminalText(s.path),
    s.kind === 'bundle' ? `bundle(${Object.entries(s.kinds).map(([k, n]) => `${k} ${n}`).join(', ')})` : s.kind,
    String(s.count),
    s.encoding,
    s.format === 'json' && s.flavour !== 'unknown' ? `json (PS ${s.flavour})` : s.format,
    String(s.warnings.length),
    s.sha256,
  ]);
  const widths = header.map((h, i) => rows.reduce((w, r) => Math.max(w, (r[i] ?? '').length), h.length));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 2 || i === 5 ? c.padStart(widths[i] ?? 0) : i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ');
  const out = [line(header), ...rows.map(line)];
  const warned = summaries.filter((s) => s.warnings.length > 0);
  if (warned.length > 0) {
    out.push('');
    for (const s of warned) for (const w of s.warnings) out.push(terminalText(`warning: ${s.path}: ${w}`));
  }
  return out.join('\n');
}
