import { LogAnalysis, logPolicy, type LogFileContext, type LogProtocol } from '../logs/analyse.js';
import { LogFile } from '../logs/log-file.js';
import { inForce, logRuleSummaries, type LogRule } from '../logs/rules.js';
import type { LogsResult } from '../model/logs.js';
import type { CanonicalRecord } from '../model/records.js';
import { SEVERITIES, type FailOn } from '../model/result.js';
import { isOpenFailure } from '../report/build-result.js';
import { compareText } from '../report/compare-text.js';
import { identityKey, shortHostName } from '../normalize/kinds/common.js';
import type { ExportSource } from './ingest-inputs.js';
import { ingestInputs } from './ingest-inputs.js';

/** The file system side of `logs`: log files found under the inputs, and their lines. */
export interface LogSource {
  expand(inputs: readonly string[]): Promise<string[]>;
  /** The file's lines in batches (one per chunk read), numbered from 1. */
  lines(path: string): AsyncIterable<readonly { text: string; n: number }[]>;
}

export interface LogsRequest {
  inputs: readonly string[];
  params: Readonly<Record<string, unknown>>;
  from?: string;
  to?: string;
  failOn: FailOn;
  /** Settings exports to cross-reference (--settings). */
  settings?: readonly string[];
  /** The EXLOG rules in force (the log pack with casguard.yml's overrides applied). */
  rules: readonly LogRule[];
  now: string;
  toolVersion: string;
}

const SETTINGS_KIND: Partial<Record<string, LogProtocol>> = { PopSettings: 'POP3', ImapSettings: 'IMAP4' };

/**
 * `casguard logs`: every protocol log line streamed through the analysis; sessions are closed as they
 * end, so memory follows the number of distinct clients. With `--settings` the exports say what a change
 * would break, and which servers give no evidence at all.
 */
export async function runLogs(request: LogsRequest, source: LogSource, exports?: ExportSource): Promise<LogsResult> {
  const analysis = new LogAnalysis(logPolicy(request.params), { ...(request.from ? { from: Date.parse(request.from) } : {}), ...(request.to ? { to: Date.parse(request.to) } : {}) });
  const inputs: LogsResult['inputs'] = [];
  for (const path of await source.expand(request.inputs)) {
    const file = new LogFile(path);
    let context: LogFileContext | undefined;
    let events = 0;
    for await (const batch of source.lines(path)) {
      for (const { text, n } of batch) {
        const event = file.line(text, n);
        if (!event) continue;
        if (!context) {
          context = file.contextFor(event);
          analysis.file(context);
        }
        events++;
        analysis.event(context, event, n);
      }
    }
    if (!context && file.warnings.length === 0) file.warnings.push('no log lines: not a POP3/IMAP4 protocol log, or an empty one');
    inputs.push({ path, server: context?.server ?? '', protocol: context?.protocol ?? 'POP3', backend: context?.backend ?? false, events, skipped: file.skipped, warnings: file.warnings });
  }
  analysis.finish();
  const clients = analysis.clientList();
  const findings = inForce(analysis.findings(), request.rules);
  const impact: LogsResult['impact'] = [];
  const notes: string[] = [];
  const evidence = new Map<string, string>();
  for (const [server, s] of analysis.servers) for (const p of s.protocols) evidence.set(`${identityKey(shortHostName(server))}\u0000${p}`, `${s.files} files, ${s.events} events`);

  if (request.settings?.length && exports) {
    const settings: CanonicalRecord[] = [];
    // Logged users by full and bare name (`corp\\jsmith` and `jsmith`), built once: every mailbox is looked up.
    const logUsers = new Map<string, ReturnType<typeof analysis.userList>[number]>();
    for (const u of analysis.userList()) {
      logUsers.set(u.user, u);
      logUsers.set(u.user.split('\\').pop() as string, u);
    }
    const disabled: string[] = [];
    await ingestInputs(request.settings, exports, (r) => {
      if (SETTINGS_KIND[r.kind]) settings.push(r);
      if (r.kind === 'CASMailbox') {
        const names = [r.props.SamAccountName, r.props.Name, r.props.PrimarySmtpAddress, r.identity].filter((x): x is string => typeof x === 'string').map((x) => x.toLowerCase());
        const hit = names.map((n) => logUsers.get(n)).find(Boolean);
        if (!hit) return;
        if (hit.protocols.includes('POP3') && r.props.PopEnabled === false) disabled.push(`${hit.user} logs on over POP3 although its mailbox has PopEnabled false`);
        if (hit.protocols.includes('IMAP4') && r.props.ImapEnabled === false) disabled.push(`${hit.user} logs on over IMAP4 although its mailbox has ImapEnabled false`);
      }
    });
    for (const text of disabled) impact.push({ text });
    for (const r of settings) {
      const protocol = SETTINGS_KIND[r.kind] as LogProtocol;
      const server = r.server ?? r.identity;
      const key = `${identityKey(shortHostName(server))}\u0000${protocol}`;
      const mine = clients.filter((c) => identityKey(shortHostName(c.server)) === identityKey(shortHostName(server)) && c.protocol === protocol && !c.backend && !c.loopback);
      if (r.props.ProtocolLogEnabled === false) impact.push({ server, protocol, text: `no evidence from ${protocol} on ${server}: protocol logging is off there, so "nobody connects" cannot be concluded` });
      else if (!evidence.has(key)) impact.push({ server, protocol, text: `no evidence from ${protocol} on ${server}: no log file of it was given` });
      const clear = mine.filter((c) => c.clearLogons > 0);
      if (r.props.LoginType !== 'SecureLogin' && clear.length) impact.push({ server, protocol, text: `requiring SecureLogin on ${server} breaks ${clear.length} ${protocol} ${clear.length === 1 ? 'client that logs' : 'clients that log'} on in clear: ${clear.map((c) => c.client).join(', ')}` });
      if (mine.length) impact.push({ server, protocol, text: `switching ${protocol} off on ${server} breaks ${mine.length} client${mine.length === 1 ? '' : 's'}: ${mine.slice(0, 20).map((c) => `${c.client} (${c.users.join(', ') || 'no logon'})`).join('; ')}${mine.length > 20 ? '; …' : ''}` });
    }
  }
  for (const i of inputs) for (const w of i.warnings) notes.push(`${i.path}: ${w}`);
  if (analysis.events === 0) notes.push('no protocol log events were read: nothing can be concluded about who connects');

  const counts = new Map<string, { fail: number }>();
  for (const f of findings) counts.set(f.ruleId, { fail: (counts.get(f.ruleId)?.fail ?? 0) + 1 });
  const rules = logRuleSummaries(request.rules, counts);
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, findings.filter((f) => f.severity === s).length])) as LogsResult['summary']['bySeverity'];
  const failed = findings.some((f) => isOpenFailure(f, request.failOn));
  return {
    schemaVersion: '1',
    type: 'logs',
    tool: { name: 'casguard', version: request.toolVersion },
    generatedAt: request.now,
    window: { ...(request.from ? { from: request.from } : {}), ...(request.to ? { to: request.to } : {}) },
    inputs,
    servers: [...analysis.servers].map(([server, s]) => ({ server, protocols: [...s.protocols].sort(), files: s.files, events: s.events, evidence: `${s.files} files, ${s.events} events` })).sort((a, b) => compareText(a.server, b.server)),
    sessions: analysis.sessions,
    events: analysis.events,
    clients,
    users: analysis.userList(),
    impact,
    rules,
    summary: { pass: rules.filter((r) => r.counts.fail === 0).length, fail: findings.length, error: 0, notApplicable: 0, waived: 0, accepted: 0, bySeverity },
    gate: { failOn: request.failOn, passed: !failed, exitCode: failed ? 1 : 0 },
    findings,
    notes,
  };
}
