import type { LogsResult } from '../../model/logs.js';
import { md } from '../markdown.js';

export function formatLogsMarkdown(result: LogsResult, top = 20): string {
  const g = result.gate;
  const lines = ['## casguard logs: who uses POP3 and IMAP4', '', g.passed ? `✅ **Gate passed** (fail on ${md(g.failOn)})` : `❌ **Gate failed** (fail on ${md(g.failOn)})`, '', md(`${result.inputs.length} files, ${result.events} events, ${result.sessions} sessions, ${result.clients.length} clients, ${result.findings.length} findings`), ''];
  if (result.findings.length) {
    lines.push('| Severity | Rule | Finding |', '| --- | --- | --- |');
    for (const f of result.findings.slice(0, top)) lines.push(`| ${md(f.severity)} | ${md(f.ruleId)} | ${md(f.message)} |`);
    lines.push('');
  }
  lines.push('| Server | Protocol | Client | Sessions | Users | Plain-text logons |', '| --- | --- | --- | ---: | --- | ---: |');
  for (const c of result.clients.slice(0, top)) lines.push(`| ${md(c.server)} | ${c.protocol}${c.backend ? ' BE' : ''} | ${md(c.client)} | ${c.sessions} | ${md(c.users.join(', '))} | ${c.clearLogons} |`);
  if (result.clients.length > top) lines.push('', `…and ${result.clients.length - top} more clients (clients.csv lists all).`);
  for (const i of result.impact) lines.push(`> ${md(i.text)}`);
  return `${lines.join('\n')}\n`;
}
