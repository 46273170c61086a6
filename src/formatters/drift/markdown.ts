import type { DriftResult } from '../../model/drift.js';
import { md } from '../markdown.js';

/** A pull-request comment: the verdict, the checklist, counts per kind, and the first changes. */
export function formatDriftMarkdown(result: DriftResult, top = 20): string {
  const s = result.summary;
  const g = result.gate;
  const lines = [
    '## casguard drift',
    '',
    g.failOnDrift === 'none' ? `ℹ️ **${s.regressions} regressions, ${s.improvements} improvements**` : g.passed ? `✅ **Drift gate passed** (fail on ${md(g.failOnDrift)})` : `❌ **Drift gate failed** (fail on ${md(g.failOnDrift)})`,
    '',
    md(`${s.added} added · ${s.removed} removed · ${s.modified} modified · ${s.expected} expected · findings ${s.findings.new} new, ${s.findings.resolved} resolved`),
    '',
  ];
  if (result.map.length) lines.push(`Migration: ${result.map.map((m) => `${md(m.from)} → ${md(m.to)}`).join(', ')}`, '');
  if (result.checklist.length) {
    lines.push('### Migration checklist', '', '| Status | Area | Servers | What |', '| --- | --- | --- | --- |');
    for (const i of result.checklist) lines.push(`| ${md(i.status)} | ${md(i.area)} | ${md(i.server ?? '')} | ${md(i.text)} |`);
    lines.push('');
  }
  if (s.byKind.length) {
    lines.push('| Kind | Regressions | Improvements | Neutral |', '| --- | ---: | ---: | ---: |');
    for (const k of s.byKind) lines.push(`| ${md(k.kind)} | ${k.regression} | ${k.improvement} | ${k.neutral} |`);
    lines.push('');
  }
  const changes = result.changes.filter((c) => !c.expected);
  if (changes.length) {
    lines.push('### Changes', '', '| Class | Kind | Identity | Property | Before | After |', '| --- | --- | --- | --- | --- | --- |');
    for (const c of changes.slice(0, top)) lines.push(`| ${md(c.classification ?? '')} | ${md(c.kind)} | ${md(c.identity)} | ${md(c.field ?? c.change)} | ${md(c.before ?? '')} | ${md(c.after ?? '')} |`);
    if (changes.length > top) lines.push('', `…and ${changes.length - top} more.`);
    lines.push('');
  }
  for (const n of result.notes) lines.push(`> ${md(n)}`);
  return `${lines.join('\n')}\n`;
}
