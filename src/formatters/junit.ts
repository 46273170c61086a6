import { compareText } from '../report/compare-text.js';
import type { Finding, ScanResult } from '../model/result.js';
import { escapeXml } from './xml.js';

interface Case {
  name: string;
  classname: string;
  body: string;
  outcome: 'pass' | 'failure' | 'error' | 'skipped';
}

/**
 * JUnit XML: a testsuite per pack × kind and a testcase per rule × resource. Fails are failures, errors
 * errors, waived and not-applicable findings skipped; per-mailbox passes that the result only counts
 * appear as one passing testcase per rule with their number.
 */
export function formatJunit(result: ScanResult): string {
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
    add(pack, f.kind, { name, classname, ...describe(f) });
  }
  for (const rule of result.rules) {
    const unlisted = rule.counts.pass - (listedPasses.get(rule.id) ?? 0);
    if (unlisted > 0) add(rule.pack, rule.kind, { name: `${rule.id} (${unlisted} more resources passed)`, classname: `${rule.pack}.${rule.kind}.${rule.id}`, body: '', outcome: 'pass' });
  }
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const all = [...suites.values()].flat();
  const count = (cases: Case[], o: Case['outcome']) => cases.filter((c) => c.outcome === o).length;
  out.push(`<testsuites name="casguard" tests="${all.length}" failures="${count(all, 'failure')}" errors="${count(all, 'error')}" skipped="${count(all, 'skipped')}" timestamp="${escapeXml(result.generatedAt)}">`);
  for (const [name, cases] of [...suites].sort(([a], [b]) => compareText(a, b))) {
    out.push(`  <testsuite name="${escapeXml(name)}" tests="${cases.length}" failures="${count(cases, 'failure')}" errors="${count(cases, 'error')}" skipped="${count(cases, 'skipped')}" timestamp="${escapeXml(result.generatedAt)}">`);
    for (const c of cases) {
      const open = `    <testcase name="${escapeXml(c.name)}" classname="${escapeXml(c.classname)}"`;
      out.push(c.body ? `${open}>\n${c.body}\n    </testcase>` : `${open}/>`);
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}

function describe(f: Finding): Pick<Case, 'body' | 'outcome'> {
  const text = [f.message, f.expected !== undefined ? `expected: ${f.expected}` : '', f.actual !== undefined ? `actual: ${f.actual}` : '', f.remediation ? `fix: ${f.remediation}` : '', `source: ${f.source.path}${f.source.pointer ? `#${f.source.pointer}` : ''}`]
    .filter(Boolean)
    .join('\n');
  if (f.waiver) return { outcome: 'skipped', body: `      <skipped message="${escapeXml(`waived: ${f.waiver.reason} (until ${f.waiver.expires})`)}"/>` };
  if (f.verdict === 'not_applicable') return { outcome: 'skipped', body: `      <skipped message="${escapeXml(`not applicable: ${f.message}`)}"/>` };
  if (f.verdict === 'fail') {
    const kind = f.accepted ? `${f.severity} (accepted in baseline)` : f.severity;
    return { outcome: f.accepted ? 'skipped' : 'failure', body: f.accepted ? `      <skipped message="${escapeXml(`accepted in baseline: ${f.message}`)}"/>` : `      <failure message="${escapeXml(f.message)}" type="${escapeXml(kind)}">${escapeXml(text)}</failure>` };
  }
  if (f.verdict === 'error') return { outcome: 'error', body: `      <error message="${escapeXml(f.message)}" type="${escapeXml(f.severity)}">${escapeXml(text)}</error>` };
  return { outcome: 'pass', body: '' };
}
