import { compareText } from '../report/compare-text.js';
import { renderSelfContained } from '../report/render-html.js';
import { SEVERITIES, type Finding, type RuleSummary, type ScanResult, type Severity } from '../model/result.js';
import { groupBy } from '../report/group-by.js';
import { referenceTitle } from '../report/reference-title.js';
import { areaOf, AREAS, cardFilterCss, cardSignature, exposureChart, isOpenFinding, posture, serverMatrix, severityChart } from '../report/report-posture.js';

/** The report's template text and stylesheet (read by src/io/templates.ts). */
export interface ReportTemplates {
  layout: string;
  css: string;
}

/** How many resources each rule section lists; the rest are counted and left to results.json. */
export const ROWS_PER_RULE = 100;

const VERDICT_LABEL: Record<Finding['verdict'], string> = { fail: 'fail', error: 'error', pass: 'pass', not_applicable: 'not applicable' };
const WEAK_VALUES = /^(PlainTextLogin|PlainTextAuthentication|false|\(empty\))$|:(110|143):?$|\(no encryption\)/;

/** A reference as a titled link: its own words when it has them ("DISA STIG V-259668 (https://…)"), else the site and page. */
function references(refs: readonly string[]) {
  return refs.map((r) => {
    let url = /(https?:\/\/[^\s"'<>]+)/.exec(r)?.[1] ?? '';
    // A closing parenthesis ends the URL unless the URL opened one itself (…/aa997188(v=exchg.140)).
    while (url.endsWith(')') && (url.match(/\(/g) ?? []).length < (url.match(/\)/g) ?? []).length) url = url.slice(0, -1);
    if (!url) return { text: r, url: '' };
    const words = r.replace(url, '').replace(/\(\s*\)|[\s:—–(-]+$/g, '').trim();
    return { text: words || referenceTitle(url), url };
  });
}

function countsLabel(r: RuleSummary): string {
  const c = r.counts;
  const parts = [`${c.fail} fail`, `${c.error} error`, `${c.pass} pass`];
  if (c.notApplicable) parts.push('not applicable');
  if (c.waived) parts.push(`${c.waived} waived`);
  if (c.accepted) parts.push(`${c.accepted} accepted`);
  return parts.join(', ');
}

/** Everything the template shows, as plain strings and lists (the template itself decides nothing). */
export function buildReportView(result: ScanResult) {
  const problems = groupBy(result.findings.filter((f) => f.verdict === 'fail' || f.verdict === 'error'), (f) => f.ruleId);
  const openByRule = new Map<string, number>();
  for (const f of result.findings) if (isOpenFinding(f)) openByRule.set(f.ruleId, (openByRule.get(f.ruleId) ?? 0) + 1);
  const order = new Map(SEVERITIES.map((s, i) => [s, i]));
  const byId = new Map(result.rules.map((r) => [r.id, r]));
  const failingRules = [...problems]
    .map(([id, findings]) => {
      const rule = byId.get(id);
      const severity: Severity = [...findings].sort((a, b) => (order.get(a.severity) ?? 0) - (order.get(b.severity) ?? 0))[0]?.severity ?? 'info';
      const shown = findings.slice(0, ROWS_PER_RULE);
      const { signature, kinds } = cardSignature(shown.map((f) => ({ severity: f.severity, verdict: f.verdict as 'fail' | 'error', waived: Boolean(f.waiver), accepted: f.accepted === true })));
      return {
        id,
        signature,
        kinds,
        area: findings[0] ? (areaOf(findings[0]) ?? 'Other') : 'Other',
        open: openByRule.get(id) ?? 0,
        total: findings.length,
        expanded: severity === 'critical' || severity === 'high',
        title: rule?.title ?? id,
        severity,
        kind: rule?.kind ?? findings[0]?.kind ?? '',
        rationale: rule?.rationale ?? '',
        references: references(rule?.references ?? []),
        countsLabel: rule ? countsLabel(rule) : `${findings.length} findings`,
        rows: shown.map((f) => ({
          verdict: f.verdict,
          verdictLabel: VERDICT_LABEL[f.verdict],
          severity: f.severity,
          severityDiffers: f.severity !== severity,
          resource: f.name && f.name !== f.identity ? `${f.name} (${f.identity})` : f.identity,
          source: f.source.path ? `${f.source.path}${f.source.pointer ? `#${f.source.pointer}` : ''}` : '',
          expected: f.expected ?? '',
          actual: f.actual ?? '',
          message: f.message,
          remediation: f.waiver ? '' : (f.remediation ?? ''),
          waived: f.waiver ? { reason: f.waiver.reason, owner: f.waiver.owner, expires: f.waiver.expires, ticket: f.waiver.ticket ?? '' } : false,
          accepted: f.accepted === true,
        })),
        more: Math.max(0, findings.length - ROWS_PER_RULE),
      };
    })
    .sort((a, b) => (order.get(a.severity) ?? 0) - (order.get(b.severity) ?? 0) || compareText(a.id, b.id));
  const servers = result.inventory.servers;
  const postureRow = (label: string, pick: (s: (typeof servers)[number]) => string) => ({
    label,
    cells: servers.map((s) => {
      const value = pick(s);
      // A short certificate name is the self-signed setup certificate's (EXPOP-007).
      return { value, weak: WEAK_VALUES.test(value) || (label.endsWith('certificate name') && value !== '—' && !value.includes('.')) };
    }),
  });
  const protocolRows = (p: 'pop' | 'imap', name: string) => [
    postureRow(`${name} login type`, (s) => s[p]?.loginType ?? '—'),
    postureRow(`${name} SSL bindings`, (s) => s[p]?.sslBindings ?? '—'),
    postureRow(`${name} clear-text/STARTTLS bindings`, (s) => s[p]?.plainBindings ?? '—'),
    postureRow(`${name} external settings`, (s) => s[p]?.external ?? '—'),
    postureRow(`${name} certificate name`, (s) => s[p]?.certificate ?? '—'),
    postureRow(`${name} protocol logging`, (s) => s[p]?.logging ?? '—'),
    postureRow(`${name} services`, (s) => s[p]?.services ?? '—'),
  ];
  const carVerdicts = new Map<string, { ruleId: string; verdict: string }[]>();
  for (const f of result.findings) {
    if (f.kind !== 'ClientAccessRule' || !/^EXCAR-/.test(f.ruleId) || (f.verdict !== 'fail' && f.verdict !== 'error')) continue;
    const list = carVerdicts.get(f.identity) ?? [];
    list.push({ ruleId: f.ruleId, verdict: f.verdict });
    carVerdicts.set(f.identity, list);
  }
  const s = result.summary;
  const organisation = result.inputs.find((i) => i.organization)?.organization;
  const exportTimes = [...new Set(result.inputs.map((i) => i.exportedAt).filter((t): t is string => !!t))];
  const accepted = result.findings.filter((f) => f.accepted).length;
  const areaGroups = [...AREAS, 'Other'].map((area) => ({ area, rules: failingRules.filter((r) => r.area === area) })).filter((g) => g.rules.length > 0);
  return {
    posture: posture(result),
    severityChart: severityChart(result),
    exposureChart: exposureChart(result),
    matrix: serverMatrix(result),
    ruleIndex: failingRules.map((r) => ({ id: r.id, title: r.title, severity: r.severity, open: r.open, total: r.total })),
    areaGroups,
    rowsPerRule: ROWS_PER_RULE,
    title: `Exchange client-access compliance${organisation ? ` — ${organisation}` : ''}`,
    subtitle: [
      servers.length ? `Servers: ${servers.map((x) => `${x.name} (${x.version})`).join(', ')}` : '',
      exportTimes.length ? `exported ${exportTimes.join(', ')}` : '',
      `report generated ${result.generatedAt}`,
      `casguard ${result.tool.version}`,
      result.packs.map((p) => `${p.id} ${p.version}`).join(', '),
    ]
      .filter(Boolean)
      .join(' · '),
    gate: {
      cssClass: result.gate.passed ? 'passed' : 'failed',
      label: result.gate.passed ? '✔ Gate passed' : '✘ Gate failed',
      detail: result.gate.failOn === 'none' ? 'fail-on none: findings are reported, never gated' : `open fails or errors at ${result.gate.failOn} severity or above ${result.gate.passed ? 'none' : 'present'} (exit code ${result.gate.exitCode})`,
    },
    bySeverity: SEVERITIES.map((severity) => ({ severity, count: s.bySeverity[severity] })),
    byVerdict: [
      { label: 'fail', css: 'fail', count: s.fail },
      { label: 'error', css: 'error', count: s.error },
      { label: 'pass', css: 'pass', count: s.pass },
      { label: 'not applicable', css: 'not_applicable', count: s.notApplicable },
      { label: 'waived', css: 'na', count: s.waived },
      { label: 'accepted', css: 'na', count: s.accepted },
    ],
    notes: result.notes,
    severities: [...SEVERITIES],
    failingRules,
    quietRules: result.rules.filter((r) => !problems.has(r.id)).map((r) => ({ id: r.id, severity: r.severity, title: r.title, countsLabel: countsLabel(r), checked: r.counts.pass > 0 })),
    servers,
    postureRows: [...protocolRows('pop', 'POP3'), ...protocolRows('imap', 'IMAP4')],
    mailboxes: {
      ...result.inventory.mailboxes,
      notable: result.inventory.mailboxes.notable.map((m) => ({ ...m, popWeak: m.pop === 'true', imapWeak: m.imap === 'true' })),
    },
    clientAccessRules: result.inventory.clientAccessRules.map((r) => ({ ...r, verdicts: carVerdicts.get(r.name) ?? [] })),
    waivers: result.waivers.map((w) => ({ ...w, ticket: w.ticket ?? '', attention: w.status !== 'active', known: byId.has(w.ruleId) })),
    acceptedLabel: accepted ? `${accepted} findings were already in the baseline result and are accepted: they are listed above, marked, and do not fail the gate.` : 'No baseline was given, or no finding matched it.',
    inputs: result.inputs.map((i) => ({ ...i, formatLabel: (i.format ?? 'json') === 'json' ? `JSON${i.flavour !== 'unknown' ? ` (PowerShell ${i.flavour})` : ''}` : i.format === 'clixml' ? 'CliXml' : 'Format-List text (lossy)' })),
    generatedAt: result.generatedAt,
    toolVersion: result.tool.version,
    packs: result.packs.map((p) => `${p.id} ${p.version}`).join(', '),
  };
}

/**
 * The self-contained HTML report: inline CSS allowed by its hash in a Content-Security-Policy that
 * forbids everything else (no scripts, no requests), filters that work with CSS alone, and only escaped
 * data — nothing from an export can run script, load a resource or break the layout.
 */
export function formatHtml(result: ScanResult, templates: ReportTemplates): string {
  const view = buildReportView(result);
  return renderSelfContained(templates.layout, templates.css + cardFilterCss(view.failingRules), view);
}
