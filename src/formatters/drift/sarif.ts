import type { DriftResult } from '../../model/drift.js';
import type { Finding, Severity } from '../../model/result.js';
import { fileUri } from '../sarif.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };

/**
 * SARIF 2.1.0 of a comparison: every open finding of the current side with its baselineState (new or
 * unchanged), the resolved ones as absent, and failing migration rules as new. Code scanning shows what
 * a change introduced.
 */
export function formatDriftSarif(result: DriftResult): string {
  const ids = new Set<string>();
  const updated = new Set(result.findings.updated);
  const one = (f: Finding, state: 'new' | 'unchanged' | 'absent') => {
    const baselineState = state === 'unchanged' && updated.has(f.fingerprint) ? 'updated' : state;
    ids.add(f.ruleId);
    return {
      ruleId: f.ruleId,
      level: LEVEL[f.severity],
      baselineState,
      message: { text: f.message },
      locations: [
        {
          ...(f.source.path ? { physicalLocation: { artifactLocation: { uri: fileUri(f.source.path) } } } : {}),
          logicalLocations: [{ fullyQualifiedName: [f.kind, f.identity, f.field].filter(Boolean).join('/'), kind: 'resource' }],
        },
      ],
      partialFingerprints: { casguardFingerprint: f.fingerprint },
    };
  };
  const results = [
    ...result.findings.new.map((f) => one(f, 'new')),
    ...result.findings.unchanged.map((f) => one(f, 'unchanged')),
    ...result.findings.resolved.map((f) => one(f, 'absent')),
    ...result.migration
      .filter((m) => m.verdict !== 'pass')
      .map((m) => {
        ids.add(m.ruleId);
        return { ruleId: m.ruleId, level: LEVEL[m.severity], baselineState: 'new', message: { text: m.message }, locations: [{ logicalLocations: [{ fullyQualifiedName: `${m.protocol}/${m.server}`, kind: 'resource' }] }], partialFingerprints: { casguardFingerprint: `${m.ruleId}/${m.protocol}/${m.server}` } };
      }),
  ];
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'casguard', version: result.tool.version, informationUri: 'https://github.com/casguard/casguard', rules: [...ids].sort().map((id) => ({ id })) } }, results, properties: { drift: result.summary } }],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
