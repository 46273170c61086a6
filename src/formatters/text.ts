import { SEVERITIES } from '../model/result.js';
import type { Finding, ScanResult, Severity } from '../model/result.js';
import { terminalText as t } from '../report/terminal-text.js';
import { groupBy } from '../report/group-by.js';

/** Terminal styling; identity functions when colour is off (not a TTY, NO_COLOR, or a file). */
export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  severity(sev: Severity, s: string): string;
  good(s: string): string;
  bad(s: string): string;
}

export const PLAIN: Style = { bold: (s) => s, dim: (s) => s, severity: (_v, s) => s, good: (s) => s, bad: (s) => s };

const SGR = (code: string) => (s: string) => `\u001b[${code}m${s}\u001b[0m`;
const SEVERITY_COLOUR: Record<Severity, (s: string) => string> = { critical: SGR('1;31'), high: SGR('31'), medium: SGR('33'), low: SGR('36'), info: SGR('2') };

export const COLOUR: Style = { bold: SGR('1'), dim: SGR('2'), severity: (v, s) => SEVERITY_COLOUR[v](s), good: SGR('32'), bad: SGR('1;31') };

const MARK: Record<Finding['verdict'], string> = { fail: '✗', error: '!', pass: '✓', not_applicable: '-' };

/** Terminal text: problems grouped by rule (worst first), the first `perRule` resources of each, then the gate. */
export function formatText(result: ScanResult, style: Style = PLAIN, perRule = 20): string {
  const out: string[] = [];
  const packs = result.packs.map((p) => `${p.id} ${p.version}`).join(', ');
  const records = result.inputs.reduce((n, i) => n + i.count, 0);
  out.push(style.bold(`casguard ${t(result.tool.version)}`) + style.dim(` · ${t(packs)} · ${result.inputs.length} files, ${records} records · ${t(result.generatedAt)}`));
  const groups = groupBy(result.findings.filter((f) => f.verdict === 'fail' || f.verdict === 'error'), (f) => f.ruleId);
  const titles = new Map(result.rules.map((r) => [r.id, r.title]));
  for (const [ruleId, findings] of groups) {
    const first = findings[0] as Finding;
    out.push('');
    out.push(`${style.severity(first.severity, first.severity.toUpperCase().padEnd(8))} ${style.bold(t(ruleId))} ${t(titles.get(ruleId) ?? '')}` + style.dim(`  (${findings.length})`));
    for (const f of findings.slice(0, perRule)) {
      const tag = f.waiver ? style.dim(` [waived: ${t(f.waiver.reason)}, until ${t(f.waiver.expires)}]`) : f.accepted ? style.dim(' [accepted in baseline]') : '';
      const sev = f.severity !== first.severity ? style.severity(f.severity, ` (${f.severity})`) : '';
      const evidence = f.field ? ` ${f.field.includes(',') ? '' : `${t(f.field)}: `}${t(f.actual ?? '?')}${f.expected !== undefined ? style.dim(` (expected ${t(f.expected)})`) : ''}` : '';
      const who = t(f.name && f.name !== f.identity ? `${f.identity} (${f.name})` : f.identity);
      out.push(`  ${f.verdict === 'fail' ? style.bad(MARK.fail) : MARK.error} ${who}${sev}${evidence}${tag}`);
      if (f.verdict === 'error') out.push(style.dim(`      ${t(f.message)}`));
      if (f.remediation && !f.waiver) out.push(...f.remediation.split('\n').map((line, i) => style.dim(`${i ? '           ' : '      fix: '}${t(line)}`)));
    }
    if (findings.length > perRule) out.push(style.dim(`  … and ${findings.length - perRule} more (the JSON result lists all)`));
  }
  if (result.notes.length > 0) {
    out.push('');
    for (const note of result.notes) out.push(style.dim(`note: ${t(note)}`));
  }
  out.push('', ...formatSummary(result, style));
  return `${out.join('\n')}\n`;
}

/** The open findings at `failOn` or above, worst first ("1 critical, 14 high"). */
function openAtOrAbove(result: ScanResult, failOn: string): string {
  const rank = SEVERITIES.indexOf(failOn as Severity);
  return SEVERITIES.filter((sev, i) => (rank < 0 || i <= rank) && result.summary.bySeverity[sev] > 0)
    .map((sev) => `${result.summary.bySeverity[sev]} ${sev}`)
    .join(', ');
}

/** The counts and the gate with its reason: the end of the terminal text, and what `-o` still prints. */
export function formatSummary(result: ScanResult, style: Style = PLAIN): string[] {
  const s = result.summary;
  const open = openAtOrAbove(result, 'info');
  const gate = result.gate;
  const line = gate.failOn === 'none'
    ? style.dim(`gate not enforced (--fail-on none)${open ? `: ${open} open` : ''}`)
    : gate.passed
      ? style.good(`gate passed (--fail-on ${gate.failOn}): nothing open at ${gate.failOn} or above`)
      : style.bad(`gate FAILED (--fail-on ${gate.failOn}): ${openAtOrAbove(result, gate.failOn)} open`);
  return [`${s.fail} fail, ${s.error} error, ${s.pass} pass, ${s.notApplicable} not applicable, ${s.waived} waived, ${s.accepted} accepted${open ? ` — open: ${open}` : ''}`, line];
}
