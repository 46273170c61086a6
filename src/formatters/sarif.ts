import type { Finding, ScanResult, Severity } from '../model/result.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };
/** GitHub code scanning maps security-severity to its own levels: >= 9 critical, >= 7 high, >= 4 medium. */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '1.0' };

const firstUrl = (refs: readonly string[]) => refs.find((r) => /^https:\/\//.test(r));

/** GitHub code scanning keeps at most 5,000 results per run (and refuses more than 25,000). */
export const SARIF_MAX_RESULTS = 5000;

type SarifResult = Record<string, unknown>;

/** Where a finding is: its record's file and line, or, for a finding about a whole collection, the file of that kind. */
function physicalLocation(f: Finding, result: ScanResult) {
  const path = f.source.path || result.inputs.find((i) => i.kinds[f.kind as keyof typeof i.kinds] !== undefined)?.path || result.inputs[0]?.path;
  if (!path) return undefined;
  return { artifactLocation: { uri: fileUri(path) }, region: { startLine: f.source.line ?? 1, startColumn: f.source.column ?? 1 } };
}

/**
 * SARIF 2.1.0 for GitHub code scanning and Azure DevOps: one result per failing or erroring finding,
 * rules from the packs with help text and security-severity, stable partialFingerprints, waived findings
 * as suppressions, and the record as a logical location `kind/identity/field`.
 */
export function formatSarif(result: ScanResult, maxResults = SARIF_MAX_RESULTS): string {
  const rules = result.rules.map((r) => {
    const helpUri = firstUrl(r.references);
    return {
      id: r.id,
      name: r.id.replace(/-/g, ''),
      shortDescription: { text: r.title },
      fullDescription: { text: r.rationale },
      help: { text: `${r.rationale}\n\nReferences:\n${r.references.map((x) => `- ${x}`).join('\n')}`, markdown: `${r.rationale}\n\n**References**\n\n${r.references.map((x) => `- ${x}`).join('\n')}` },
      ...(helpUri ? { helpUri } : {}),
      defaultConfiguration: { level: LEVEL[r.severity] },
      properties: { 'security-severity': SECURITY_SEVERITY[r.severity], tags: ['security', 'exchange', r.kind], precision: 'high', 'problem.severity': LEVEL[r.severity] === 'note' ? 'recommendation' : LEVEL[r.severity] },
    };
  });
  const index = new Map(result.rules.map((r, i) => [r.id, i]));
  const problems = result.findings.filter((f) => f.verdict === 'fail' || f.verdict === 'error');
  const toResult = (f: Finding): SarifResult => {
      const ruleIndex = index.get(f.ruleId);
      const physical = physicalLocation(f, result);
      return {
        ruleId: f.ruleId,
        ...(ruleIndex !== undefined ? { ruleIndex } : {}),
        level: LEVEL[f.severity],
        message: { text: `${f.message}${f.remediation ? `\nFix: ${f.remediation}` : ''}` },
        locations: [
          {
            ...(physical ? { physicalLocation: physical } : {}),
            logicalLocations: [{ fullyQualifiedName: [f.kind, f.identity, f.field].filter(Boolean).join('/'), kind: 'resource' }],
          },
        ],
        partialFingerprints: { 'casguardFinding/v1': f.fingerprint },
        properties: { verdict: f.verdict, severity: f.severity, ...(f.expected !== undefined ? { expected: f.expected } : {}), ...(f.actual !== undefined ? { actual: f.actual } : {}) },
        ...(f.waiver ? { suppressions: [{ kind: 'external', status: 'accepted', justification: `${f.waiver.reason} (owner ${f.waiver.owner}, expires ${f.waiver.expires}${f.waiver.ticket ? `, ${f.waiver.ticket}` : ''})` }] } : {}),
        ...(f.accepted ? { baselineState: 'unchanged' } : {}),
      };
  };
  const { results, aggregated } = problems.length > maxResults ? aggregate(problems, toResult, maxResults) : { results: problems.map(toResult), aggregated: 0 };
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'casguard', version: result.tool.version, informationUri: 'https://github.com/casguard/casguard', rules } },
        invocations: [{ executionSuccessful: true, endTimeUtc: result.generatedAt }],
        results,
        properties: { packs: result.packs, gate: result.gate, ...(aggregated ? { aggregated: `${aggregated} per-mailbox findings are summed up per rule, severity and file (more than ${maxResults} results): the JSON result and the action plan list each one` } : {}) },
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

/** A path as a URI reference: each segment percent-encoded (`my exports/Pop #1 100%.json` → `my%20exports/Pop%20%231%20100%25.json`). */
export function fileUri(path: string): string {
  return path.split(/[\\/]/).map(encodeURIComponent).join('/');
}

/**
 * Above `max` results, per-mailbox findings become one result per rule, severity, verdict and file, with
 * their count and the first identities, pointing at the first record — so a 100,000-mailbox organisation
 * still uploads. Findings about servers and collections stay one result each.
 */
function aggregate(problems: readonly Finding[], toResult: (f: Finding) => SarifResult, max: number): { results: SarifResult[]; aggregated: number } {
  const single: SarifResult[] = [];
  const groups = new Map<string, Finding[]>();
  for (const f of problems) {
    if (f.kind !== 'CASMailbox') {
      single.push(toResult(f));
      continue;
    }
    const key = [f.ruleId, f.severity, f.verdict, f.source.path, f.waiver ? 'w' : '', f.accepted ? 'a' : ''].join('\u0000');
    const list = groups.get(key) ?? [];
    list.push(f);
    groups.set(key, list);
  }
  let aggregated = 0;
  const grouped = [...groups.values()].map((list) => {
    const first = list[0] as Finding;
    if (list.length === 1) return toResult(first);
    aggregated += list.length;
    const base = toResult(first);
    const names = list.slice(0, 5).map((f) => f.identity).join(', ');
    return {
      ...base,
      message: { text: `${list.length} mailboxes: ${first.message.replace(first.identity, '…')} (${names}${list.length > 5 ? ', …' : ''}). The JSON result and the action plan list each one.` },
      partialFingerprints: { 'casguardFinding/v1': `${first.ruleId}:${first.severity}:${first.verdict}:aggregate` },
      properties: { ...(base.properties as object), aggregated: list.length },
    };
  });
  return { results: [...single, ...grouped].slice(0, max), aggregated };
}
