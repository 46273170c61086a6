import { compareText } from '../report/compare-text.js';
import type { Finding, ScanResult } from '../model/result.js';
import { isOpenFailure } from '../report/build-result.js';
import { escapeXml } from './xml.js';

type Outcome = 'pass' | 'failure' | 'error' | 'skipped';

/** The testcases of one testsuite: its findings (in result order), then each rule's unlisted passes. */
interface Suite {
  findings: Finding[];
  /** Per rule, the mailbox passes the result only counts: one testcase standing for that many checks. */
  unlisted: { ruleId: string; classname: string; count: number }[];
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

/**
 * JUnit XML: a testsuite per pack × kind and a testcase per rule × resource. The build status agrees
 * with the gate: open fails and errors at --fail-on or above are failures and errors; those below it
 * (or all, with --fail-on none) pass with the finding in <system-out>, still visible. Waived,
 * accepted and not-applicable findings are skipped. Per-mailbox passes the result only counts are one
 * testcase per rule, and counted as that many tests in the suite totals. Times are 0: casguard does
 * not time rules, and the output stays the same from run to run.
 *
 * Written in pieces: the totals are counted first (outcomes only, no text), then each testcase is
 * rendered as it is written, so a million findings never become one string.
 */
export function* junitChunks(result: ScanResult): Generator<string> {
  const failOn = result.gate.failOn;
  const rules = new Map(result.rules.map((r) => [r.id, r]));
  const suites = new Map<string, Suite>();
  const suiteOf = (pack: string, kind: string): Suite => {
    const key = `${pack}.${kind}`;
    let suite = suites.get(key);
    if (!suite) suites.set(key, (suite = { findings: [], unlisted: [], tests: 0, failures: 0, errors: 0, skipped: 0 }));
    return suite;
  };
  const tally = (suite: Suite, outcome: Outcome, checks = 1) => {
    suite.tests += checks;
    if (outcome === 'failure') suite.failures++;
    else if (outcome === 'error') suite.errors++;
    else if (outcome === 'skipped') suite.skipped++;
  };
  const listedPasses = new Map<string, number>();
  for (const f of result.findings) {
    const suite = suiteOf(rules.get(f.ruleId)?.pack ?? 'casguard', f.kind);
    suite.findings.push(f);
    tally(suite, outcomeOf(f, isOpenFailure(f, failOn)));
    if (f.verdict === 'pass') listedPasses.set(f.ruleId, (listedPasses.get(f.ruleId) ?? 0) + 1);
  }
  for (const rule of result.rules) {
    const count = rule.counts.pass - (listedPasses.get(rule.id) ?? 0);
    if (count <= 0) continue;
    const suite = suiteOf(rule.pack, rule.kind);
    suite.unlisted.push({ ruleId: rule.id, classname: `${rule.pack}.${rule.kind}.${rule.id}`, count });
    tally(suite, 'pass', count);
  }
  const all = [...suites.values()];
  const sum = (k: 'tests' | 'failures' | 'errors' | 'skipped') => all.reduce((n, s) => n + s[k], 0);
  const at = escapeXml(result.generatedAt);
  yield `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="casguard" tests="${sum('tests')}" failures="${sum('failures')}" errors="${sum('errors')}" skipped="${sum('skipped')}" time="0" timestamp="${at}">\n`;
  for (const [name, suite] of [...suites].sort(([a], [b]) => compareText(a, b))) {
    let out = `  <testsuite name="${escapeXml(name)}" tests="${suite.tests}" failures="${suite.failures}" errors="${suite.errors}" skipped="${suite.skipped}" time="0" timestamp="${at}">\n`;
    for (const f of suite.findings) {
      const pack = rules.get(f.ruleId)?.pack ?? 'casguard';
      out += testcase(`${f.ruleId} ${f.identity}`, `${pack}.${f.kind}.${f.ruleId}`, bodyOf(f, outcomeOf(f, isOpenFailure(f, failOn)), failOn));
      if (out.length > 1 << 20) {
        yield out;
        out = '';
      }
    }
    for (const u of suite.unlisted) out += testcase(`${u.ruleId} (${u.count} more resources passed)`, u.classname, '');
    yield `${out}  </testsuite>\n`;
  }
  yield '</testsuites>\n';
}

/** The whole document as one string (small results, tests). */
export function formatJunit(result: ScanResult): string {
  return [...junitChunks(result)].join('');
}

function testcase(name: string, classname: string, body: string): string {
  const open = `    <testcase name="${escapeXml(name)}" classname="${escapeXml(classname)}" time="0"`;
  return body ? `${open}>\n${body}\n    </testcase>\n` : `${open}/>\n`;
}

/** How a finding counts: `gated` when it is open at or above --fail-on (isOpenFailure). */
function outcomeOf(f: Finding, gated: boolean): Outcome {
  if (f.waiver || f.accepted || f.verdict === 'not_applicable') return 'skipped';
  if (f.verdict === 'pass' || !gated) return 'pass';
  return f.verdict === 'fail' ? 'failure' : 'error';
}

function bodyOf(f: Finding, outcome: Outcome, failOn: string): string {
  if (f.waiver) return `      <skipped message="${escapeXml(`waived: ${f.waiver.reason} (until ${f.waiver.expires})`)}"/>`;
  if (f.verdict === 'not_applicable') return `      <skipped message="${escapeXml(`not applicable: ${f.message}`)}"/>`;
  if (f.accepted) return `      <skipped message="${escapeXml(`accepted in baseline: ${f.message}`)}"/>`;
  if (f.verdict === 'pass') return '';
  const text = [f.message, f.expected !== undefined ? `expected: ${f.expected}` : '', f.actual !== undefined ? `actual: ${f.actual}` : '', f.remediation ? `fix: ${f.remediation}` : '', `source: ${f.source.path}${f.source.pointer ? `#${f.source.pointer}` : ''}`]
    .filter(Boolean)
    .join('\n');
  if (outcome === 'pass') {
    const below = failOn === 'none' ? 'the gate is not enforced (--fail-on none)' : `below the gate (--fail-on ${failOn})`;
    return `      <system-out>${escapeXml(`${f.verdict === 'fail' ? 'FAIL' : 'ERROR'} (${f.severity}, ${below}): ${text}`)}</system-out>`;
  }
  return outcome === 'failure'
    ? `      <failure message="${escapeXml(f.message)}" type="${escapeXml(f.severity)}">${escapeXml(text)}</failure>`
    : `      <error message="${escapeXml(f.message)}" type="${escapeXml(f.severity)}">${escapeXml(text)}</error>`;
}
