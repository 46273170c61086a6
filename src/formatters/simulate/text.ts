import type { SimulatedConnection, SimulateResult } from '../../model/simulation.js';
import { terminalText as t } from '../../report/terminal-text.js';
import { PLAIN, type Style } from '../text.js';

const MARK: Record<string, string> = { disabled: '–', 'no-match': '·', excepted: '·', matches: '→', depends: '?' };

function describeConnection(s: SimulatedConnection): string {
  const c = s.connection;
  return [c.protocol, c.ip ? `from ${c.ip}` : 'from any address', c.user ? `as ${c.user}` : 'as any user', c.auth ?? 'any authentication', c.port !== undefined ? `port ${c.port}` : ''].filter(Boolean).join(', ');
}

function decision(style: Style, s: SimulatedConnection): string {
  const word = s.decision === 'allowed' ? style.good('ALLOWED') : s.decision === 'blocked' ? style.bad('BLOCKED') : style.bad('DEPENDS');
  return `${word}: ${t(s.reason)}`;
}

/** Terminal text of a simulation: each rule in order and what it did, then the decision; --matrix: the grid and lock-outs. */
export function formatSimulateText(result: SimulateResult, style: Style = PLAIN): string {
  const out = [style.bold(`casguard ${t(result.tool.version)} simulate`) + style.dim(` · ${result.rules.length} client access rules · ${t(result.generatedAt)}`)];
  if (result.proposed) {
    const p = result.proposed;
    out.push(style.dim(`proposed rules from ${t(p.file)}: ${p.added.length ? `added ${t(p.added.join(', '))}` : ''}${p.added.length && p.replaced.length ? '; ' : ''}${p.replaced.length ? `replaced ${t(p.replaced.join(', '))}` : ''}`));
  }
  out.push('');
  if (result.lockouts) {
    out.push(style.bold('Administrators: protocol × address × account × authentication'));
    for (const s of result.simulations) out.push(`  ${s.decision === 'allowed' ? style.good('allowed') : s.decision === 'blocked' ? style.bad('BLOCKED') : style.bad('depends')}  ${t(describeConnection(s))}${s.decision === 'allowed' ? '' : style.dim(`  (${t(s.reason)})`)}`);
    out.push('');
    if (result.lockouts.length === 0) out.push(style.good('no lock-out: from every address at least one administrator can connect with each protocol'));
    for (const l of result.lockouts) out.push(style.bad(`${l.certain ? 'LOCK-OUT' : 'POSSIBLE LOCK-OUT'}: ${t(l.protocol)} from ${t(l.ip)}: ${t(l.reason)}`));
  } else {
    const s = result.simulations[0];
    if (s) {
      out.push(`${style.bold('Connection')}: ${t(describeConnection(s))}`, '');
      if (s.steps.length === 0) out.push('  (no client access rules)');
      for (const step of s.steps) {
        const priority = step.priority === null ? '?' : String(step.priority);
        out.push(`  ${MARK[step.outcome] ?? ' '} ${priority.padStart(3)}  ${t(step.rule)}  ${style.dim(`${t(step.action)}, ${step.outcome}: ${t(step.reason)}`)}`);
      }
      out.push('', decision(style, s));
    }
  }
  out.push('');
  for (const n of result.notes) out.push(style.dim(`note: ${t(n)}`));
  return `${out.join('\n')}\n`;
}
