// Looks at the first part of a decoded file: is it JSON at all (and if not, what is it), and which
// PowerShell wrote it.

/** Why a file is not a JSON export and how to produce one. */
export interface NotJson {
  what: string;
  hint: string;
}

/** The export command for a cmdlet: what to run instead of the text that was given. */
function jsonHint(cmdlet: string | undefined): string {
  if (!cmdlet) return 'export JSON instead, e.g. Get-PopSettings | ConvertTo-Json -Depth 5 | Out-File PopSettings.json -Encoding utf8 (or run examples/export/Export-CasGuardData.ps1)';
  const noun = cmdlet.replace(/^Get-/, '');
  const all = noun === 'CASMailbox' ? ' -ResultSize Unlimited' : '';
  return `export JSON instead: ${cmdlet}${all} | ConvertTo-Json -Depth 5 | Out-File ${noun}.json -Encoding utf8 (or run examples/export/Export-CasGuardData.ps1)`;
}

/** Properties that give away which cmdlet printed a Format-List or console text. */
const CMDLET_SIGNS: [RegExp, string][] = [
  [/^\s*(ProtocolName\s*:\s*IMAP4|ShowHiddenFoldersEnabled\s*:)/im, 'Get-ImapSettings'],
  [/^\s*(ProtocolName\s*:\s*POP3|LoginType\s*:|ProxyTargetPort\s*:)/im, 'Get-PopSettings'],
  [/^\s*(PopEnabled|ImapEnabled)\s*:/im, 'Get-CASMailbox'],
  [/^\s*(AnyOfProtocols|AnyOfClientIPAddressesOrRanges)\s*:/im, 'Get-ClientAccessRule'],
  [/^\s*AdminDisplayVersion\s*:/im, 'Get-ExchangeServer'],
  [/^\s*(StartType|ServiceName)\s*:/im, 'Get-Service'],
];

/** The cmdlet a console text came from: the one typed at the prompt, else the one its properties belong to. */
function cmdletOf(text: string): string | undefined {
  const typed = /^(?:\[PS\]\s*|PS\s+)?[A-Za-z]:\\[^>\r\n]*>\s*(Get-(?:PopSettings|ImapSettings|CASMailbox|ClientAccessRule|ExchangeServer|Service))\b/im.exec(text);
  if (typed) return typed[1];
  return CMDLET_SIGNS.find(([re]) => re.test(text))?.[1];
}

/** Describes text that is not JSON (CliXml, Format-List, Format-Table, CSV, a console paste, a protocol log), or returns undefined for JSON-like text. */
export function classifyNonJson(head: string): NotJson | undefined {
  const text = head.replace(/^[\s\uFEFF]+/, '');
  const first = text[0];
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  // An Exchange protocol log: the #Software/#Log-type header, or its comma-separated lines that start with a timestamp.
  const log = /^#Log-type:\s*(POP3|IMAP4)/im.exec(text);
  if (/^#(Software|Version|Log-type|Date|Fields):/.test(text) || /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z?,/.test(firstLine)) {
    return {
      what: `an Exchange ${log ? `${log[1]} ` : ''}protocol log, not a settings export`,
      hint: 'protocol logs show who connects, not how the servers are configured; scan takes the settings exported as JSON (Get-PopSettings | ConvertTo-Json -Depth 5, or examples/export/Export-CasGuardData.ps1)',
    };
  }
  // A paste from the Exchange Management Shell or PowerShell: the prompt line comes first.
  if (/^(\[PS\]\s*|PS\s+)[A-Za-z]:\\[^>\r\n]*>/.test(firstLine)) {
    const cmdlet = cmdletOf(text);
    return { what: `text copied from the Exchange Management Shell${cmdlet ? ` (${cmdlet} output)` : ''}`, hint: jsonHint(cmdlet) };
  }
  if (/^#TYPE /.test(text) || /^"[^"]*"(,"[^"]*")+$/.test(firstLine)) {
    return { what: 'CSV (Export-Csv output)', hint: jsonHint(cmdletOf(text)) };
  }
  if (first === undefined || first === '[' || first === '{' || /^(null|true|false|-?\d|")/.test(text)) return undefined;
  if (/^#< CLIXML/.test(text) || (/^<(\?xml|Objs)/.test(text) && /schemas\.microsoft\.com\/powershell/.test(text))) {
    return { what: 'PowerShell CliXml (Export-Clixml output)', hint: jsonHint(undefined) };
  }
  if (first === '<') return { what: 'XML or HTML', hint: jsonHint(undefined) };
  const lines = text.split(/\r?\n/, 20).filter((l) => l.trim() !== '');
  if (lines.length >= 2 && /^-{2,}(\s+-{2,})*\s*$/.test(lines[1] ?? '')) {
    return { what: 'a text table (Format-Table output)', hint: jsonHint(cmdletOf(text)) };
  }
  const listLines = lines.filter((l) => /^[A-Za-z][\w.-]*\s*:( |$)/.test(l)).length;
  if (listLines >= 2 && listLines >= lines.length / 2) {
    const cmdlet = cmdletOf(text);
    return { what: `text from Format-List (or the console)${cmdlet ? `, ${cmdlet} output` : ''}`, hint: jsonHint(cmdlet) };
  }
  const shown = text.slice(0, 24).replace(/\s+/g, ' ');
  return { what: `text that is not JSON (starts with '${shown}')`, hint: jsonHint(undefined) };
}

/**
 * Which PowerShell formatted the JSON: Windows PowerShell 5.1 writes `"key":  value` (two spaces),
 * `\/Date(ms)\/` and `\u003c`-style escapes; PowerShell 7 writes `"key": value` and ISO dates.
 */
export function detectFlavour(head: string): '5.1' | '7' | 'unknown' {
  if (/"[^"\r\n]*": {2}\S/.test(head) || /\\\/Date\(-?\d+/.test(head) || /\\u00(3c|3e|27|26)/.test(head)) return '5.1';
  if (/"[^"\r\n]*": \S/.test(head) || /"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?(Z|[+-]\d{2}:\d{2})?"/.test(head)) return '7';
  return 'unknown';
}
