import { compareText } from '../report/compare-text.js';
import type { Finding, ScanResult } from '../model/result.js';
import { isOpenFailure } from '../report/build-result.js';
import { escapeXml } from './xml.js';

interface Case {
  name: string;
  classname: string;
  body: string;
  outcome: 'pass' | 'failure' | 'error' | 'skipped';
  /** How many checks the testcase stands for (a rule's unlisted mailbox passes are one testcase). */
  checks?: number;
}

/**
 * JUnit XML: a testsuite per pack × kind and a testcase per rule × resource. The build status agrees
 * with the gate: open fails and errors at --fail-on or above are failures and errors; those below it
 * (or all, with --fail-on none) pass with the finding in <system-out>, still visible. Waived,
 * accepted and not-applicable findings are skipped. Per-mailbox passes the result only counts are one
 * testcase per rule, and counted as that many tests in the suite totals. Times are 0: casguard does
 * not time rules, and the output stays the same from run to run.
 */
export function formatJunit(result: ScanResult): string {
  const gates = (f: Finding) => isOpenFailure(f, result.gate.failOn);
  const rules = new Map(result.rules.map((r) => [r.id, r]));
  const suites = new Map<string, Case[]>();
  const add = (pack: string, kind: string, c: Case) => {
    const key = `${pack}.${kind}`;
    const suite = suites.get(key);
    if (suite) suite.push(c);
    else suites.set(key, [c]);
  };
  const listedPasses = new Map<string, number>();
  for (const f of result.findings) {
    const rule = rules.get(f.ruleId);
    const pack = rule?.pack ?? 'casguard';
    const name = `${f.ruleId} ${f.identity}`;
    const classname = `${pack}.${f.kind}.${f.ruleId}`;
    if (f.verdict === 'pass') listedPasses.set(f.ruleId, (listedPasses.get(f.ruleId) ?? 0) + 1);
    add(pack, f.kind, { name, classname, ...describe(f, gates(f), result.gate.failOn) });
  }
  for (const rule of result.rules) {
    const unlisted = rule.counts.pass - (listedPasses.get(rule.id) ?? 0);
    if (unlisted > 0) add(rule.pack, rule.kind, { name: `${rule.id} (${unlisted} more resources passed)`, classname: `${rule.pack}.${rule.kind}.${rule.id}`, body: '', outcome: 'pass', checks: unlisted });
  }
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const all = [...suites.values()].flat();
  const count = (cases: Case[], o: Case['outcome']) => cases.filter((c) => c.outcome === o).length;
  const tests = (cases: Case[]) => cases.reduce((n, c) => n + (c.checks ?? 1), 0);
  out.push(`<testsuites name="casguard" tests="${tests(all)}" failures="${count(all, 'failure')}" errors="${count(all, 'error')}" skipped="${count(all, 'skipped')}" time="0" timestamp="${escapeXml(result.generatedAt)}">`);
  for (const [name, cases] of [...suites].sort(([a], [b]) => compareText(a, b))) {
    out.push(`  <testsuite name="${escapeXml(name)}" tests="${tests(cases)}" failures="${count(cases, 'failure')}" errors="${count(cases, 'error')}" skipped="${count(cases, 'skipped')}" time="0" timestamp="${escapeXml(result.generatedAt)}">`);
    for (const c of cases) {
      const open = `    <testcase name="${escapeXml(c.name)}" classname="${escapeXml(c.classname)}" time="0"`;
      out.push(c.body ? `${open}>\n${c.body}\n    </testcase>` : `${open}/>`);
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}

function describe(f: Finding, gated: boolean, failOn: string): Pick<Case, 'body' | 'outcome'> {
  const text = [f.message, f.expected !== undefined ? `expected: ${f.expected}` : '', f.actual !== undefined ? `actual: ${f.actual}` : '', f.remediation ? `fix: ${f.remediation}` : '', `source: ${f.source.path}${f.source.pointer ? `#${f.source.pointer}` : ''}`]
    .filter(Boolean)
    .join('\n');
  if (f.waiver) return { outcome: 'skipped', body: `      <skipped message="${escapeXml(`waived: ${f.waiver.reason} (until ${f.waiver.expires})`)}"/>` };
  if (f.verdict === 'not_applicable') return { outcome: 'skipped', body: `      <skipped message="${escapeXml(`not applicable: ${f.message}`)}"/>` };
  if ((f.verdict === 'fail' || f.verdict === 'error') && !f.accepted && !gated) {
    const below = failOn === 'none' ? 'the gate is not enforced (--fail-on none)' : `below the gate (--fail-on ${failOn})`;
    return { outcome: 'pass', body: `      <system-out>${escapeXml(`${f.verdict === 'fail' ? 'FAIL' : 'ERROR'} (${f.severity}, ${below}): ${text}`)}</system-out>` };
  }
  if (f.verdict === 'fail') {
    const kind = f.accepted ? `${f.severity} (accepted in baseline)` : f.severity;
    return { outcome: f.accepted ? 'skipped' : 'failure', body: f.accepted ? `      <skipped message="${escapeXml(`accepted in baseline: ${f.message}`)}"/>` : `      <failure message="${escapeXml(f.message)}" type="${escapeXml(kind)}">${escapeXml(text)}</failure>` };
  }
  if (f.verdict === 'error') return { outcome: 'error', body: `      <error message="${escapeXml(f.message)}" type="${escapeXml(f.severity)}">${escapeXml(text)}</error>` };
  return { outcome: 'pass', body: '' };
}
