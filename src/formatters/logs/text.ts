import type { LogsResult } from '../../model/logs.js';
import { terminalText as t } from '../../report/terminal-text.js';
import { PLAIN, type Style } from '../text.js';

/** Terminal text of a log analysis: findings by rule, the clients (the migration list), and the gate. */
export function formatLogsText(result: LogsResult, style: Style = PLAIN, limit = 30): string {
  const out = [style.bold(`casguard ${t(result.tool.version)} logs`) + style.dim(` · ${result.inputs.length} files, ${result.events} events, ${result.sessions} sessions · ${t(result.generatedAt)}`), ''];
  const titles = new Map(result.rules.map((r) => [r.id, r.title]));
  for (const id of [...new Set(result.findings.map((f) => f.ruleId))]) {
    const list = result.findings.filter((f) => f.ruleId === id);
    out.push(`${style.severity(list[0]?.severity ?? 'info', (list[0]?.severity ?? '').toUpperCase().padEnd(8))} ${style.bold(id)} ${t(titles.get(id) ?? '')}  (${list.length})`);
    for (const f of list.slice(0, limit)) out.push(`  ✗ ${t(f.message)}`);
    if (list.length > limit) out.push(style.dim(`  … and ${list.length - limit} more`));
    out.push('');
  }
  out.push(style.bold(`Clients (${result.clients.length})`));
  for (const c of result.clients.slice(0, limit * 2)) {
    out.push(`  ${t(c.server)} ${c.protocol}${c.backend ? ' BE' : ''} ${t(c.client)}${c.loopback ? ' (loopback)' : ''}: ${c.sessions} sessions, ${t(c.first)} → ${t(c.last)}, ports ${c.ports.join(',')}, users ${t(c.users.join(', ') || '-')}${c.clearLogons ? style.bad(`, ${c.clearLogons} plain-text logons`) : ''}`);
  }
  if (result.clients.length > limit * 2) out.push(style.dim(`  … and ${result.clients.length - limit * 2} more (the CSV lists all)`));
  if (result.impact.length) {
    out.push('', style.bold('What a change would break'));
    for (const i of result.impact) out.push(`  ${t(i.text)}`);
  }
  out.push('');
  for (const n of result.notes) out.push(style.dim(`note: ${t(n)}`));
  const g = result.gate;
  out.push(g.passed ? style.good(`gate passed (--fail-on ${g.failOn})`) : style.bad(`gate FAILED (--fail-on ${g.failOn}): findings at ${g.failOn} or above`));
  return `${out.join('\n')}\n`;
}
