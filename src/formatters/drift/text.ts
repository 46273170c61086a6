import type { DriftChange, DriftResult } from '../../model/drift.js';
import { terminalText as t } from '../../report/terminal-text.js';
import { PLAIN, type Style } from '../text.js';

const MARK: Record<DriftChange['change'], string> = { added: '+', removed: '-', modified: '~' };

function describe(c: DriftChange): string {
  const who = `${c.kind} ${c.identity}${c.baselineIdentity ? ` (was ${c.baselineIdentity})` : ''}`;
  if (c.change !== 'modified') return `${who} ${c.change}`;
  const items = [...(c.added ?? []).map((x) => `+${x}`), ...(c.removed ?? []).map((x) => `-${x}`)];
  return `${who} ${c.field}: ${c.before} → ${c.after}${items.length ? ` (${items.join(', ')})` : ''}`;
}

/** Terminal text of a drift result: the verdict in one line, the checklist, then the changes by class. */
export function formatDriftText(result: DriftResult, style: Style = PLAIN, limit = 50): string {
  const s = result.summary;
  const out: string[] = [style.bold(`casguard ${t(result.tool.version)} drift`) + style.dim(` · ${result.mode === 'results' ? 'saved results' : 'exports'} · ${t(result.generatedAt)}`)];
  if (result.map.length) out.push(`migration: ${t(result.map.map((m) => `${m.from} → ${m.to}`).join(', '))}`);
  out.push('');
  if (result.checklist.length) {
    out.push(style.bold('Migration checklist'));
    for (const i of result.checklist) out.push(`  [${i.status}] ${t(i.area)}${i.server ? ` ${t(i.server)}` : ''}: ${t(i.text)}`);
    for (const m of result.migration.filter((x) => x.verdict !== 'pass')) out.push(`  ${m.verdict === 'fail' ? style.bad('✗') : '!'} ${m.ruleId} ${m.severity}: ${t(m.message)}`);
    out.push('');
  }
  const groups: [string, DriftChange[]][] = [
    ['Regressions', result.changes.filter((c) => c.classification === 'regression')],
    ['Improvements', result.changes.filter((c) => c.classification === 'improvement')],
    ['Other changes', result.changes.filter((c) => c.classification === 'neutral')],
    ['Expected differences (migration)', result.changes.filter((c) => c.expected)],
  ];
  for (const [title, changes] of groups) {
    if (!changes.length) continue;
    out.push(style.bold(`${title} (${changes.length})`));
    for (const c of changes.slice(0, limit)) out.push(`  ${MARK[c.change]} ${t(describe(c))}`);
    if (changes.length > limit) out.push(style.dim(`  … and ${changes.length - limit} more (the JSON result lists all)`));
    out.push('');
  }
  for (const [title, list] of [['New findings', result.findings.new], ['Resolved findings', result.findings.resolved]] as const) {
    if (!list.length) continue;
    out.push(style.bold(`${title} (${list.length})`));
    for (const f of list.slice(0, limit)) out.push(`  ${f.ruleId} ${f.severity} ${t(f.identity)}: ${t(f.message)}`);
    if (list.length > limit) out.push(style.dim(`  … and ${list.length - limit} more`));
    out.push('');
  }
  if (result.uncomparable.length) out.push(style.dim(`${result.uncomparable.length} properties could not be compared (cut off, unreadable, or exported on one side only): see the JSON result`));
  for (const n of result.notes) out.push(style.dim(`note: ${t(n)}`));
  out.push(`${s.added} added, ${s.removed} removed, ${s.modified} modified (${s.regressions} regression, ${s.improvements} improvement, ${s.neutral} neutral records); ${s.expected} expected; findings ${s.findings.new} new, ${s.findings.resolved} resolved, ${s.findings.unchanged} unchanged`);
  const g = result.gate;
  out.push(g.failOnDrift === 'none' ? style.dim('no drift gate (--fail-on-drift none)') : g.passed ? style.good(`drift gate passed (--fail-on-drift ${g.failOnDrift})`) : style.bad(`drift gate FAILED (--fail-on-drift ${g.failOnDrift})`));
  return `${out.join('\n')}\n`;
}
