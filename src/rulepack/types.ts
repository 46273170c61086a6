import type { ExportKind } from '../model/export-kind.js';
import type { Severity } from '../model/result.js';
import type { RemediationSpec } from './fix-template.js';

/** A condition as written in YAML; its shape is checked by compileCondition. */
export type ConditionSpec = Record<string, unknown>;

/** One rule as written in a pack (DESIGN §5). */
export interface RuleSpec {
  title: string;
  severity: Severity;
  given: { kind: ExportKind; where?: ConditionSpec; noneApply?: { verdict: 'error' | 'not_applicable'; severity?: Severity; message: string } };
  then?: ConditionSpec;
  check?: { function: string; options?: Record<string, unknown> };
  severityWhen?: { when: ConditionSpec; severity: Severity }[];
  field?: string;
  expected?: string;
  /** One message per verdict, so a pass never reads as a failure. */
  message: { pass: string; fail: string; error: string };
  rationale: string;
  remediation?: RemediationSpec;
  references: string[];
  tags?: string[];
}

/** A pack file as written. */
export interface RulePackSpec {
  id: string;
  version: string;
  description?: string;
  extends?: string[];
  params?: Record<string, unknown>;
  rules?: Record<string, RuleSpec>;
  overrides?: Record<string, 'off' | { severity: Severity }>;
}

/** A rule after packs are merged: its spec, and which pack it comes from. */
export interface ResolvedRule extends RuleSpec {
  id: string;
  pack: string;
}

/** Every pack of a scan merged: the rules in force and the params after overrides. */
export interface ResolvedPacks {
  packs: { id: string; version: string }[];
  rules: ResolvedRule[];
  params: Record<string, unknown>;
}
