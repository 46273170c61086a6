import { withoutBidiControls } from '../report/bidi.js';
import { SEVERITIES, type Finding, type ScanResult } from '../model/result.js';

/** Markdown-safe inline text: HTML as entities, table pipes and emphasis escaped, one line. */
export function md(text: string): string {
  return withoutBidiControls(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\\/g, '\\\\')
    .replace(/([|*_`[\]#~])/g, '\\$1')
    .replace(/[\r\n\u2028\u2029]+/g, ' ');
}

/** A short summary for a pull-request comment: the gate, counts, the top findings, where the full report is. */
export function formatMarkdown(result: ScanResult, top = 10): string {
  const s = result.summary;
  const gate = result.gate.passed ? `✅ **Gate passed** (fail on ${md(result.gate.failOn)})` : `❌ **Gate failed** (fail on ${md(result.gate.failOn)})`;
  const open = result.findings.filter((f) => (f.verdict === 'fail' || f.verdict === 'error') && !f.waiver && !f.accepted);
  const lines = [
    `## casguard: Exchange client-access compliance`,
    '',
    gate,
    '',
    md(`${s.fail} fail · ${s.error} error · ${s.pass} pass · ${s.notApplicable} not applicable · ${s.waived} waived · ${s.accepted} accepted`),
    '',
    '| Severity | Open findings |',
    '| --- | ---: |',
    ...SEVERITIES.map((sev) => `| ${sev} | ${md(String(s.bySeverity[sev]))} |`),
    '',
  ];
  if (open.length > 0) {
    lines.push(`### Top findings`, '', '| Severity | Rule | Resource | Finding |', '| --- | --- | --- | --- |');
    for (const f of open.slice(0, top)) lines.push(`| ${md(f.severity)} | ${md(f.ruleId)} | ${md(label(f))} | ${md(f.message)} |`);
    if (open.length > top) lines.push('', `…and ${open.length - top} more.`);
    lines.push('');
  }
  lines.push(`Full report: \`report.html\` (all findings: \`results.json\`). casguard ${md(result.tool.version)}, ${result.packs.map((p) => `${md(p.id)} ${md(p.version)}`).join(', ')}, generated ${md(result.generatedAt)}.`);
  return `${lines.join('\n')}\n`;
}

function label(f: Finding): string {
  return f.name && f.name !== f.identity ? `${f.identity} (${f.name})` : f.identity;
}
