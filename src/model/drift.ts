import type { ExportKind } from './export-kind.js';
import type { InputSummary } from './records.js';
import type { Finding, Severity } from './result.js';

export type ChangeType = 'added' | 'removed' | 'modified';
export type Classification = 'regression' | 'improvement' | 'neutral';

/** One difference between the two sides (DESIGN §6 `changes`). */
export interface DriftChange {
  kind: ExportKind;
  /** The record's identity on the current side (the new server's, in migration mode). */
  identity: string;
  /** Its identity in the baseline export, when a server map paired it with another. */
  baselineIdentity?: string;
  server?: string;
  change: ChangeType;
  field?: string;
  before?: string;
  after?: string;
  /** For list properties: the items only one side has. */
  added?: string[];
  removed?: string[];
  /** A migration difference that is expected (the server's own name, a per-drive log path). */
  expected?: boolean;
  classification?: Classification;
}

/** A property that one side cannot show (cut off by the depth limit, or not exported): not a change. */
export interface Uncomparable {
  kind: ExportKind;
  identity: string;
  field: string;
  reason: string;
}

/** One line of the migration checklist: what the new side lacks, weakens or strengthens. */
export interface ChecklistItem {
  status: 'lacks' | 'weakens' | 'strengthens' | 'decide' | 'differs';
  area: string;
  server?: string;
  text: string;
}

export interface DriftSummary {
  added: number;
  removed: number;
  modified: number;
  expected: number;
  uncomparable: number;
  regressions: number;
  improvements: number;
  neutral: number;
  /** Changed records per kind and per server, by classification. */
  byKind: { kind: string; regression: number; improvement: number; neutral: number }[];
  byServer: { server: string; regression: number; improvement: number; neutral: number }[];
  findings: { new: number; resolved: number; unchanged: number };
}

/** `casguard drift`'s result: every format renders this. */
export interface DriftResult {
  schemaVersion: '1';
  type: 'drift';
  tool: { name: 'casguard'; version: string };
  generatedAt: string;
  /** exports: two sets of exports; results: two saved scan results. */
  mode: 'exports' | 'results';
  baseline: { inputs: Pick<InputSummary, 'path' | 'kind' | 'count' | 'sha256'>[]; packs: { id: string; version: string }[] };
  current: { inputs: Pick<InputSummary, 'path' | 'kind' | 'count' | 'sha256'>[]; packs: { id: string; version: string }[] };
  map: { from: string; to: string }[];
  ignored: string[];
  /** Kinds exported on one side only: not compared. */
  notCompared: string[];
  summary: DriftSummary;
  gate: { failOnDrift: 'any' | 'regression' | 'none'; passed: boolean; exitCode: 0 | 1 };
  changes: DriftChange[];
  uncomparable: Uncomparable[];
  /** Open findings new, resolved and on both sides; `updated` names (by fingerprint) those on both sides whose message or severity changed. */
  findings: { new: Finding[]; resolved: Finding[]; unchanged: Finding[]; updated: string[] };
  /** Migration mode: the checklist, and the migration rules (EXX-006, EXX-007) evaluated on the comparison. */
  checklist: ChecklistItem[];
  migration: { ruleId: string; severity: Severity; verdict: 'pass' | 'fail' | 'error'; server: string; protocol: string; message: string; remediation?: string }[];
  notes: string[];
}
