import { compareText } from '../report/compare-text.js';
import type { Finding, ScanResult } from '../model/result.js';

/** Cmdlets that change something: they get -WhatIf unless the script is asked to be ready to apply. */
const CHANGING = /^(Set|New|Remove|Enable|Disable|Stop|Start|Restart)-/;
/** Service cmdlets act on the local machine: they are sent to the finding's server with Invoke-Command. */
const SERVICE = /^(Stop|Start|Set|Restart)-Service\b/;

/** Splits a remediation line into statements on `;` outside quotes, without trailing `# ...` comments. */
export function splitStatements(line: string): string[] {
  const out: string[] = [];
  let current = '';
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (quote) {
      current += c;
      if (c === quote) {
        if (line[i + 1] === quote) current += line[++i];
        else quote = undefined;
      }
    } else if (c === "'" || c === '"') {
      quote = c;
      current += c;
    } else if (c === '#') {
      break;
    } else if (c === ';') {
      out.push(current.trim());
      current = '';
    } else {
      current += c;
    }
  }
  out.push(current.trim());
  return out.filter(Boolean);
}

function psString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** A comment line: newlines removed so that no exported text can end the comment and start a command. */
function comment(text: string): string {
  return `# ${text.replace(/[\r\n\u2028\u2029]+/g, ' ')}`;
}

interface Block {
  lines: string[];
  restarts: Set<string>;
}

/**
 * A PowerShell script with the fix of every open failing finding, grouped by server (mailbox and
 * organisation-wide fixes first). Each change is preceded by a comment naming the rule and finding,
 * carries -WhatIf unless `applyReady`, service restarts come once at the end of each server's block,
 * and waived findings are listed as left out. Values from exports arrive quoted by the remediation
 * templates; comments cannot carry line breaks; lines that are not plain cmdlet calls are commented out.
 */
export function formatRemediation(result: ScanResult, applyReady = false): string {
  const whatIf = applyReady ? '' : ' -WhatIf';
  const blocks = new Map<string, Block>();
  const block = (key: string) => {
    let b = blocks.get(key);
    if (!b) blocks.set(key, (b = { lines: [], restarts: new Set() }));
    return b;
  };
  const findings = result.findings.filter((f) => (f.verdict === 'fail' || f.verdict === 'error') && f.remediation);
  for (const f of findings) {
    const server = f.server && f.server !== '(local)' ? f.server : undefined;
    const b = block(server ?? '');
    b.lines.push(comment(`${f.ruleId} ${f.severity}: ${f.message}`));
    if (f.waiver) {
      b.lines.push(comment(`left out: waived until ${f.waiver.expires} (${f.waiver.reason}; owner ${f.waiver.owner})`), '');
      continue;
    }
    for (const statement of splitStatements(f.remediation as string)) {
      if (!/^[A-Z][a-z]+-[A-Za-z]+(\s|$)/.test(statement) || /[|{}]|\$_/.test(statement) || /<[A-Za-z]+>/.test(statement)) {
        b.lines.push(comment(`manual step: ${statement}`));
        continue;
      }
      if (server && /^Restart-Service\b/.test(statement)) {
        b.restarts.add(statement.replace(/^Restart-Service\s+-Name\s+/, ''));
        continue;
      }
      const command = `${statement}${CHANGING.test(statement) && !/-WhatIf\b/.test(statement) ? whatIf : ''}`;
      b.lines.push(server && SERVICE.test(statement) ? `Invoke-Command -ComputerName ${psString(server)} -ScriptBlock { ${command} }` : command);
    }
    b.lines.push('');
  }
  const out = [
    comment(`casguard remediation script — generated ${result.generatedAt} by casguard ${result.tool.version} (${result.packs.map((p) => `${p.id} ${p.version}`).join(', ')})`),
    comment('Run in the Exchange Management Shell. Review every line before running it.'),
    comment(applyReady ? 'Ready to apply: the changes run for real (generated with --apply-ready).' : 'Every change carries -WhatIf: it only reports what it would do. Generate with --apply-ready to apply.'),
    '#Requires -Version 5.1',
    "$ErrorActionPreference = 'Stop'",
    '',
  ];
  if (findings.length === 0) out.push(comment('Nothing to fix: no open failing finding has a remediation.'));
  for (const [server, b] of [...blocks].sort(([a], [b2]) => (a === '' ? -1 : b2 === '' ? 1 : compareText(a, b2)))) {
    out.push(comment('='.repeat(70)), comment(server ? `Server ${server}` : 'Organisation and mailboxes (any Exchange server)'), comment('='.repeat(70)), '');
    out.push(...b.lines);
    if (b.restarts.size > 0) {
      out.push(comment(`Restart the services the changes above need on ${server}:`));
      const names = [...new Set([...b.restarts].flatMap((r) => r.split(',').map((n) => n.trim())))].join(',');
      out.push(`Invoke-Command -ComputerName ${psString(server)} -ScriptBlock { Restart-Service -Name ${names}${whatIf} }`, '');
    }
  }
  return `${out.join('\r\n')}\r\n`;
}

export type { Finding };
