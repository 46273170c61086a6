import type { DriftResult } from '../../model/drift.js';
import { escapeXml as xml } from '../xml.js';

/** JUnit XML of a comparison: a testcase per changed record (regressions fail) and per migration rule outcome. */
export function formatDriftJunit(result: DriftResult): string {
  const cases: string[] = [];
  let failures = 0;
  const records = new Map<string, { name: string; classification: string; lines: string[] }>();
  for (const c of result.changes.filter((x) => !x.expected)) {
    const key = `${c.kind}/${c.identity}`;
    let r = records.get(key);
    if (!r) records.set(key, (r = { name: key, classification: c.classification ?? 'neutral', lines: [] }));
    r.lines.push(c.change === 'modified' ? `${c.field}: ${c.before} -> ${c.after}` : c.change);
  }
  for (const r of records.values()) {
    const failed = r.classification === 'regression' && result.gate.failOnDrift !== 'none';
    if (failed) failures++;
    cases.push(`    <testcase classname="drift.${xml(r.name.split('/')[0] ?? '')}" name="${xml(r.name)} (${r.classification})">${failed ? `<failure message="regression">${xml(r.lines.join('\n'))}</failure>` : `<system-out>${xml(r.lines.join('\n'))}</system-out>`}</testcase>`);
  }
  for (const m of result.migration) {
    if (m.verdict === 'fail') failures++;
    const body = m.verdict === 'fail' ? `<failure message="${xml(m.message)}">${xml(m.remediation ?? '')}</failure>` : m.verdict === 'error' ? `<skipped message="${xml(m.message)}"/>` : '';
    cases.push(`    <testcase classname="migration.${xml(m.ruleId)}" name="${xml(`${m.ruleId} ${m.protocol} ${m.server}`)}">${body}</testcase>`);
  }
  const skipped = result.migration.filter((m) => m.verdict === 'error').length;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="casguard drift" tests="${cases.length}" failures="${failures}">\n  <testsuite name="drift" tests="${cases.length}" failures="${failures}" skipped="${skipped}" timestamp="${xml(result.generatedAt)}">\n${cases.join('\n')}\n  </testsuite>\n</testsuites>\n`;
}
