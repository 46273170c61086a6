import type { InputSummary, SourceRef } from './records.js';

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];
export type Verdict = 'pass' | 'fail' | 'error' | 'not_applicable';
export type FailOn = Severity | 'none';

/** A waiver as it applied to a finding. */
export interface AppliedWaiver {
  reason: string;
  owner: string;
  expires: string;
  ticket?: string;
}

/** One rule × resource outcome (DESIGN §6). */
export interface Finding {
  ruleId: string;
  verdict: Verdict;
  severity: Severity;
  kind: string;
  identity: string;
  server?: string;
  name?: string;
  field?: string;
  expected?: string;
  actual?: string;
  message: string;
  remediation?: string;
  waiver?: AppliedWaiver;
  /** In the --baseline result already: shown, but does not fail the gate. */
  accepted?: boolean;
  fingerprint: string;
  source: SourceRef;
}

/** Per-rule totals (per-mailbox passes are only counted here unless --all-findings). */
export interface RuleSummary {
  id: string;
  title: string;
  severity: Severity;
  kind: string;
  pack: string;
  rationale: string;
  references: string[];
  counts: { pass: number; fail: number; error: number; notApplicable: number; waived: number; accepted: number };
}

/** The state of one waiver in this run. */
export interface WaiverStatus {
  ruleId: string;
  identity: string;
  reason: string;
  owner: string;
  expires: string;
  ticket?: string;
  status: 'active' | 'expiring' | 'expired' | 'unmatched';
  matched: number;
}

export interface ScanSummary {
  pass: number;
  fail: number;
  error: number;
  notApplicable: number;
  waived: number;
  accepted: number;
  bySeverity: Record<Severity, number>;
}

/** One protocol's posture on one server, as the report shows it side by side. */
export interface ProtocolPosture {
  loginType: string;
  sslBindings: string;
  plainBindings: string;
  external: string;
  certificate: string;
  logging: string;
  services: string;
}

/** What the exports say about the organisation, for the report's overview tables. */
export interface Inventory {
  servers: { name: string; version: string; pop?: ProtocolPosture; imap?: ProtocolPosture }[];
  mailboxes: {
    total: number;
    popEnabled: number;
    imapEnabled: number;
    popOutsideAllowList: number;
    imapOutsideAllowList: number;
    /** Administrator, privileged and system mailboxes, with their protocol flags. */
    notable: { identity: string; name: string; role: 'administrator' | 'privileged' | 'system'; pop: string; imap: string }[];
  };
  /** Client access rules in evaluation order. */
  clientAccessRules: { name: string; priority: string; enabled: string; action: string; protocols: string; conditions: string }[];
}

/** The canonical scan result: every format renders this (DESIGN §6). */
export interface ScanResult {
  schemaVersion: '1';
  tool: { name: 'casguard'; version: string };
  generatedAt: string;
  inputs: InputSummary[];
  packs: { id: string; version: string }[];
  params: Record<string, unknown>;
  summary: ScanSummary;
  gate: { failOn: FailOn; passed: boolean; exitCode: 0 | 1 };
  rules: RuleSummary[];
  waivers: WaiverStatus[];
  inventory: Inventory;
  notes: string[];
  /** Set when a --baseline result was given: how many findings it accepted (the open ones are new since). */
  baseline?: { accepted: number };
  findings: Finding[];
}
