import type { Fix, FixCommand } from '../model/fix.js';
import { quotePowerShell } from './quote.js';

/** Cmdlets that change something: they get -WhatIf unless the script is asked to be ready to apply. */
const CHANGING = /^(Set|New|Remove|Enable|Disable|Stop|Start|Restart|Add|Clear)-/;
/** Service cmdlets act on the local machine: they are sent to the command's server with Invoke-Command. */
const SERVICE = /^(Stop|Start|Set|Restart)-Service$/;

/** Whether a cmdlet changes state, decided from its name (never from a rendered line, which holds exported text). */
export function changesState(cmdlet: string): boolean {
  return CHANGING.test(cmdlet);
}

/** One command as a script line; service cmdlets are wrapped in Invoke-Command for their server. */
export function renderCommand(c: FixCommand, whatIf: boolean): string {
  const args = c.args.map((a) => (a.value === undefined ? ` -${a.name}` : ` -${a.name} ${a.value}`)).join('');
  const line = `${c.input ? `${c.input} | ` : ''}${c.cmdlet}${args}${whatIf && changesState(c.cmdlet) ? ' -WhatIf' : ''}`;
  return c.server && SERVICE.test(c.cmdlet) ? `Invoke-Command -ComputerName ${quotePowerShell(c.server)} -ScriptBlock { ${line} }` : line;
}

/**
 * Restarts those of the services that run on a server (names are engine constants such as MSExchangePOP3):
 * a stopped or disabled service stays so, and Restart-Service of a disabled one would fail the script.
 */
export function restartCommand(server: string, services: readonly string[], whatIf: boolean): string {
  const input = `Get-Service -Name ${services.join(',')} | Where-Object { $_.Status -eq 'Running' }`;
  return renderCommand({ cmdlet: 'Restart-Service', args: [], server, input }, whatIf);
}

/** A comment line: line breaks removed so no exported text can end the comment and start a command. */
export function psComment(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must not reach the script
  return `# ${text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')}`;
}

/** A fix as the text findings show (JSON, HTML, text): commands, restarts, then manual steps as comments. */
export function fixText(fix: Fix): string {
  return [
    ...fix.commands.map((c) => renderCommand(c, false)),
    ...fix.restarts.map((r) => restartCommand(r.server, r.services, false)),
    ...fix.manual.map((m) => psComment(`manual step: ${m}`)),
  ].join('\n');
}
