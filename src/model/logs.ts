import type { ClientSummary, LogProtocol } from '../logs/analyse.js';
import type { Finding, FailOn, RuleSummary, ScanSummary } from './result.js';

/** `casguard logs`' result: who connects over POP3/IMAP4, and the EXLOG findings. */
export interface LogsResult {
  schemaVersion: '1';
  type: 'logs';
  tool: { name: 'casguard'; version: string };
  generatedAt: string;
  window: { from?: string; to?: string };
  inputs: { path: string; server: string; protocol: LogProtocol; backend: boolean; events: number; skipped: number; warnings: string[] }[];
  servers: { server: string; protocols: LogProtocol[]; files: number; events: number; evidence: string }[];
  sessions: number;
  events: number;
  clients: ClientSummary[];
  users: { user: string; protocols: LogProtocol[]; clients: string[]; logons: number }[];
  /** With --settings: what a change would break, and logons the settings say should not happen. */
  impact: { text: string; server?: string; protocol?: LogProtocol }[];
  rules: RuleSummary[];
  summary: ScanSummary;
  gate: { failOn: FailOn; passed: boolean; exitCode: 0 | 1 };
  findings: Finding[];
  notes: string[];
}
