import { withoutBidiControls } from '../report/bidi.js';
import { SEVERITIES, type Finding, type ScanResult } from '../model/result.js';
import { isOpenFinding, posture } from '../report/report-posture.js';

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

/**
 * A code block for PowerShell from exported values: an HTML <pre> block with entities, so markup in a
 * value stays text in every renderer and the command reads exactly as written (a fence would show
 * entities literally, and raw markup there relies on the renderer).
 */
function codeBlock(code: string): string {
  const escaped = withoutBidiControls(code).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<pre lang="powershell"><code>${escaped}</code></pre>`;
}

/**
 * A pull-request comment (and GitHub job summary): the posture in words, the gate, counts, the top open
 * findings with their rule linked to its documentation and their fix folded in <details>, and — with a
 * baseline — what is new since it.
 */
export function formatMarkdown(result: ScanResult, top = 10): string {
  const s = result.summary;
  const p = posture(result);
  const icon = p.level === 'bad' ? '🔴' : p.level === 'warn' ? '🟠' : '🟢';
  const gate = result.gate.failOn === 'none' ? '' : result.gate.passed ? `✅ Gate passed (fail on ${md(result.gate.failOn)})` : `❌ Gate failed (fail on ${md(result.gate.failOn)})`;
  const open = result.findings.filter(isOpenFinding);
  const docs = new Map(result.rules.map((r) => [r.id, r.references.find((x) => /^https:\/\/[^\s)]+$/.test(x))]));
  const rule = (id: string) => {
    const url = docs.get(id);
    return url ? `[${md(id)}](${url.replace(/[()\s]/g, (c) => encodeURIComponent(c))})` : md(id);
  };
  const lines = [
    `## casguard: Exchange client-access compliance`,
    '',
    `${icon} **${md(p.headline)}**`,
    '',
    md(p.facts.join(' · ')),
    '',
    ...(gate ? [gate, ''] : [md(p.gate), '']),
    md(`${s.fail} fail · ${s.error} error · ${s.pass} pass · ${s.notApplicable} not applicable · ${s.waived} waived · ${s.accepted} accepted`),
    '',
    '| Severity | Open findings |',
    '| --- | ---: |',
    ...SEVERITIES.map((sev) => `| ${sev} | ${md(String(s.bySeverity[sev]))} |`),
    '',
  ];
  if (result.baseline) {
    lines.push(`### New since the baseline`, '', open.length ? `${open.length} open finding${open.length === 1 ? ' is' : 's are'} new since the baseline (${result.baseline.accepted} accepted there).` : `Nothing new since the baseline (${result.baseline.accepted} findings accepted there).`, '');
  }
  if (open.length > 0) {
    lines.push(`### Top findings`, '', '| Severity | Rule | Resource | Finding |', '| --- | --- | --- | --- |');
    for (const f of open.slice(0, top)) lines.push(`| ${md(f.severity)} | ${rule(f.ruleId)} | ${md(label(f))} | ${md(f.message)} |`);
    if (open.length > top) lines.push('', `…and ${open.length - top} more (the action plan, \`action-plan.csv\`, lists all).`);
    lines.push('');
    const fixes = open.slice(0, top).filter((f) => f.remediation);
    if (fixes.length) {
      lines.push('<details><summary>Fixes of the top findings (PowerShell, run with -WhatIf first)</summary>', '');
      for (const f of fixes) lines.push(`**${md(f.ruleId)}** ${md(label(f))}`, '', codeBlock(f.remediation as string), '');
      lines.push('</details>', '');
    }
  }
  lines.push(`Full report: \`report.html\` (all findings: \`results.json\`, to act on: \`action-plan.csv\`). casguard ${md(result.tool.version)}, ${result.packs.map((x) => `${md(x.id)} ${md(x.version)}`).join(', ')}, generated ${md(result.generatedAt)}.`);
  return `${lines.join('\n')}\n`;
}

/** A resource named once: its display name with the identity when they differ, else the identity. */
function label(f: Finding): string {
  return f.name && f.name !== f.identity && !f.identity.endsWith(`/${f.name}`) ? `${f.name} (${f.identity})` : f.identity;
}
