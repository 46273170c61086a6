import { compareText } from './compare-text.js';
import type { Evaluation } from '../engine/evaluate.js';
import { applyWaivers, waiverNotes, type Waiver } from '../engine/waivers.js';
import type { InputSummary } from '../model/records.js';
import { SEVERITIES, type FailOn, type Finding, type RuleSummary, type ScanResult, type Severity } from '../model/result.js';
import type { ResolvedPacks } from '../rulepack/types.js';

const RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };
const VERDICT_RANK = { fail: 0, error: 1, pass: 2, not_applicable: 3 } as const;

/** Findings in report order: severity, rule, identity (then kind, field, verdict for ties). */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    RANK[a.severity] - RANK[b.severity] ||
    compareText(a.ruleId, b.ruleId) ||
    compareText(a.identity, b.identity) ||
    compareText(a.kind, b.kind) ||
    compareText(a.field ?? '', b.field ?? '') ||
    VERDICT_RANK[a.verdict] - VERDICT_RANK[b.verdict]
  );
}

/** Does this finding count against the gate? */
export function isOpenFailure(f: Finding, failOn: FailOn): boolean {
  if (failOn === 'none' || f.waiver || f.accepted) return false;
  return (f.verdict === 'fail' || f.verdict === 'error') && RANK[f.severity] <= RANK[failOn];
}

export interface ResultInputs {
  evaluation: Evaluation;
  inputs: InputSummary[];
  packs: ResolvedPacks;
  failOn: FailOn;
  waivers: readonly Waiver[];
  /** Fingerprints of the failing findings of an earlier result (--baseline). */
  baseline?: ReadonlySet<string>;
  now: string;
  toolVersion: string;
  notes?: string[];
  /** Findings and rules evaluated outside the packs' evaluation (the protocol-log rules of `scan --logs`). */
  extra?: { findings: Finding[]; rules: RuleSummary[] };
}

/** Assembles the canonical result (DESIGN §6) from an evaluation: waivers, baseline, gate, counts, order. */
export function buildScanResult(r: ResultInputs): ScanResult {
  const findings = [...r.evaluation.findings, ...(r.extra?.findings ?? [])].sort(compareFindings);
  const waivers = applyWaivers(findings, r.waivers, r.now);
  let accepted = 0;
  if (r.baseline) {
    for (const f of findings) {
      if ((f.verdict === 'fail' || f.verdict === 'error') && !f.waiver && r.baseline.has(f.fingerprint)) {
        f.accepted = true;
        accepted++;
      }
    }
  }
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const rules: RuleSummary[] = r.packs.rules.map((rule) => {
    const counts = r.evaluation.counts.get(rule.id) ?? { pass: 0, fail: 0, error: 0, notApplicable: 0 };
    return { id: rule.id, title: rule.title, severity: rule.severity, kind: rule.given.kind, pack: rule.pack, rationale: rule.rationale, references: rule.references, counts: { ...counts, waived: 0, accepted: 0 } };
  });
  rules.push(...(r.extra?.rules ?? []));
  const byId = new Map(rules.map((x) => [x.id, x]));
  let waived = 0;
  for (const f of findings) {
    const rule = byId.get(f.ruleId);
    if (f.waiver) {
      waived++;
      if (rule) rule.counts.waived++;
    } else if (f.accepted) {
      if (rule) rule.counts.accepted++;
    } else if (f.verdict === 'fail' || f.verdict === 'error') {
      bySeverity[f.severity]++;
    }
  }
  const total = { pass: 0, fail: 0, error: 0, notApplicable: 0 };
  for (const rule of rules) for (const k of ['pass', 'fail', 'error', 'notApplicable'] as const) total[k] += rule.counts[k];
  const passed = !findings.some((f) => isOpenFailure(f, r.failOn));
  return {
    schemaVersion: '1',
    tool: { name: 'casguard', version: r.toolVersion },
    generatedAt: r.now,
    inputs: r.inputs,
    packs: r.packs.packs,
    params: r.packs.params,
    summary: { ...total, waived, accepted, bySeverity },
    gate: { failOn: r.failOn, passed, exitCode: passed ? 0 : 1 },
    rules,
    waivers,
    inventory: r.evaluation.inventory,
    notes: [...(r.notes ?? []), ...r.evaluation.notes, ...waiverNotes(waivers)],
    ...(r.baseline ? { baseline: { accepted } } : {}),
    findings,
  };
}
