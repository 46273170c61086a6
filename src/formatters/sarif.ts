import type { Finding, ScanResult, Severity } from '../model/result.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };
/** GitHub code scanning maps security-severity to its own levels: >= 9 critical, >= 7 high, >= 4 medium. */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '1.0' };

const firstUrl = (refs: readonly string[]) => refs.find((r) => /^https:\/\//.test(r));

/**
 * SARIF 2.1.0 for GitHub code scanning and Azure DevOps: one result per failing or erroring finding,
 * rules from the packs with help text and security-severity, stable partialFingerprints, waived findings
 * as suppressions, and the record as a logical location `kind/identity/field`.
 */
export function formatSarif(result: ScanResult): string {
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
  const results = result.findings
    .filter((f) => f.verdict === 'fail' || f.verdict === 'error')
    .map((f: Finding) => {
      const ruleIndex = index.get(f.ruleId);
      return {
        ruleId: f.ruleId,
        ...(ruleIndex !== undefined ? { ruleIndex } : {}),
        level: LEVEL[f.severity],
        message: { text: `${f.message}${f.remediation ? `\nFix: ${f.remediation}` : ''}` },
        locations: [
          {
            ...(f.source.path ? { physicalLocation: { artifactLocation: { uri: fileUri(f.source.path) } } } : {}),
            logicalLocations: [{ fullyQualifiedName: [f.kind, f.identity, f.field].filter(Boolean).join('/'), kind: 'resource' }],
          },
        ],
        partialFingerprints: { 'casguardFinding/v1': f.fingerprint },
        properties: { verdict: f.verdict, severity: f.severity, ...(f.expected !== undefined ? { expected: f.expected } : {}), ...(f.actual !== undefined ? { actual: f.actual } : {}) },
        ...(f.waiver ? { suppressions: [{ kind: 'external', status: 'accepted', justification: `${f.waiver.reason} (owner ${f.waiver.owner}, expires ${f.waiver.expires}${f.waiver.ticket ? `, ${f.waiver.ticket}` : ''})` }] } : {}),
        ...(f.accepted ? { baselineState: 'unchanged' } : {}),
      };
    });
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'casguard', version: result.tool.version, informationUri: 'https://github.com/casguard/casguard', rules } },
        invocations: [{ executionSuccessful: true, endTimeUtc: result.generatedAt }],
        results,
        properties: { packs: result.packs, gate: result.gate },
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

/** A path as a URI reference: each segment percent-encoded (`my exports/Pop #1 100%.json` → `my%20exports/Pop%20%231%20100%25.json`). */
export function fileUri(path: string): string {
  return path.split(/[\\/]/).map(encodeURIComponent).join('/');
}
