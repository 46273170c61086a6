// The protocol-log rules (EXLOG-*): their words and severities come from the log pack
// (rules/exchange-logs.yaml), with the user's overrides applied; the findings from src/logs/analyse.ts.

import type { Finding, RuleSummary, Severity } from '../model/result.js';

export interface LogRule {
  id: string;
  title: string;
  /** The default severity; an override replaces the severity of every finding of the rule. */
  severity: Severity;
  /** Set when casguard.yml overrides the severity. */
  overridden?: Severity;
  rationale: string;
  references: string[];
  pack: string;
}

/** The rules in force: overrides applied ('off' removes a rule). Unknown ids are for the caller to refuse. */
export function applyLogOverrides(rules: readonly LogRule[], overrides: Readonly<Record<string, 'off' | { severity: Severity }>>): LogRule[] {
  return rules.flatMap((r) => {
    const o = overrides[r.id];
    if (o === 'off') return [];
    return [o ? { ...r, severity: o.severity, overridden: o.severity } : r];
  });
}

/** Findings of rules in force only, with an overridden severity where casguard.yml sets one. */
export function inForce(findings: readonly Finding[], rules: readonly LogRule[]): Finding[] {
  const byId = new Map(rules.map((r) => [r.id, r]));
  return findings.flatMap((f) => {
    const rule = byId.get(f.ruleId);
    if (!rule) return [];
    return [rule.overridden ? { ...f, severity: rule.overridden } : f];
  });
}

export function logRuleSummaries(rules: readonly LogRule[], counts: Map<string, { fail: number }>): RuleSummary[] {
  return rules.map((r) => {
    const fail = counts.get(r.id)?.fail ?? 0;
    return { id: r.id, title: r.title, severity: r.severity, kind: 'ProtocolLog', pack: r.pack, rationale: r.rationale, references: r.references, counts: { pass: fail ? 0 : 1, fail, error: 0, notApplicable: 0, waived: 0, accepted: 0 } };
  });
}
