import { renderSelfContained } from '../../report/render-html.js';
import type { LogsResult } from '../../model/logs.js';
import type { ReportTemplates } from '../html.js';

export const LOG_ROWS = 500;

/** The self-contained log report: hashed inline CSS, no script, no request, every logged string escaped. */
export function formatLogsHtml(result: LogsResult, templates: ReportTemplates): string {
  const titles = new Map(result.rules.map((r) => [r.id, r]));
  const groups = [...new Set(result.findings.map((f) => f.ruleId))].map((id) => {
    const list = result.findings.filter((f) => f.ruleId === id);
    return { id, title: titles.get(id)?.title ?? id, severity: list[0]?.severity ?? 'info', rationale: titles.get(id)?.rationale ?? '', rows: list.slice(0, LOG_ROWS).map((f) => ({ severity: f.severity, message: f.message, remediation: f.remediation ?? '', source: `${f.source.path} ${f.source.pointer}` })), more: Math.max(0, list.length - LOG_ROWS) };
  });
  return renderSelfContained(templates.layout, templates.css, {
    title: 'POP3 and IMAP4 use, from the protocol logs',
    subtitle: `${result.inputs.length} files · ${result.events} events · ${result.sessions} sessions · generated ${result.generatedAt}`,
    gate: { cssClass: result.gate.passed ? 'pass' : 'fail', label: result.findings.length ? `${result.findings.length} findings` : 'No finding', detail: result.gate.passed ? `No finding at ${result.gate.failOn} or above.` : `Findings at ${result.gate.failOn} or above: the pipeline stops here.` },
    groups,
    clients: result.clients.slice(0, LOG_ROWS).map((c) => ({ ...c, end: c.backend ? 'back end' : 'front end', users: c.users.join(', '), ports: c.ports.join(', '), plain: c.clearLogons ? `${c.clearLogons} (${c.clearLogonsAccepted} accepted)` : '', css: c.clearLogons ? 'fail' : '' })),
    moreClients: Math.max(0, result.clients.length - LOG_ROWS),
    users: result.users.slice(0, LOG_ROWS).map((u) => ({ ...u, protocols: u.protocols.join(', '), clients: u.clients.join(', ') })),
    impact: result.impact,
    servers: result.servers.map((s) => ({ ...s, protocols: s.protocols.join(', ') })),
    notes: result.notes,
    inputs: result.inputs.map((i) => ({ ...i, end: i.backend ? 'back end' : 'front end', warnings: i.warnings.join('; ') })),
    toolVersion: result.tool.version,
  });
}
