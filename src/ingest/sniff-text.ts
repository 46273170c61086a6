// Looks at the first part of a decoded file: which form it is in (JSON, CliXml, Format-List text, or
// what else), and which PowerShell wrote JSON.

/** Why a file is not an export casguard reads and how to produce one. */
export interface NotJson {
  what: string;
  hint: string;
}

/** The export command for a cmdlet: what to run instead of the text that was given. */
function jsonHint(cmdlet: string | undefined): string {
  if (!cmdlet) return 'export JSON or CliXml instead, e.g. Get-PopSettings | ConvertTo-Json -Depth 5 | Out-File PopSettings.json -Encoding utf8, or Get-PopSettings | Export-Clixml PopSettings.xml (or run examples/export/Export-CasGuardData.ps1)';
  const noun = cmdlet.replace(/^Get-/, '');
  const all = noun === 'CASMailbox' ? ' -ResultSize Unlimited' : '';
  return `export JSON or CliXml instead: ${cmdlet}${all} | ConvertTo-Json -Depth 5 | Out-File ${noun}.json -Encoding utf8, or ${cmdlet}${all} | Export-Clixml ${noun}.xml (or run examples/export/Export-CasGuardData.ps1)`;
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

/** The text forms casguard reads: ConvertTo-Json output, Export-Clixml output, Format-List text. */
export type TextFormat = 'json' | 'clixml' | 'format-list';

const PROMPT_LINE = /^(\[PS\]\s*|PS\s+)[A-Za-z]:\\[^>\r\n]*>/;

function isTable(lines: string[]): boolean {
  return lines.slice(1, 4).some((l) => /^-{2,}(\s+-{2,})*\s*$/.test(l));
}

function isList(lines: string[]): boolean {
  const listLines = lines.filter((l) => /^[A-Za-z][\w.-]*\s*:( |$)/.test(l)).length;
  return listLines >= 2 && listLines >= lines.length / 2;
}

const TABLE_HINT = (cmdlet: string | undefined) => `Format-Table shows only some properties, cut to the console width; ${jsonHint(cmdlet)}`;

/**
 * Which form the first part of a decoded file is in, or, for text casguard does not read (CSV,
 * Format-Table, a protocol log, other XML), what it is and how to export instead.
 */
export function classifyText(head: string): TextFormat | NotJson {
  const text = head.replace(/^[\s\uFEFF]+/, '');
  const first = text[0];
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  // An Exchange protocol log: the #Software/#Log-type header, or its comma-separated lines that start with a timestamp.
  const log = /^#Log-type:\s*(POP3|IMAP4)/im.exec(text);
  if (/^#(Software|Version|Log-type|Date|Fields):/.test(text) || /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z?,/.test(firstLine)) {
    return {
      what: `an Exchange ${log ? `${log[1]} ` : ''}protocol log, not a settings export`,
      hint: 'protocol logs show who connects, not how the servers are configured: give them to casguard logs; scan takes the settings exported as JSON (Get-PopSettings | ConvertTo-Json -Depth 5, or examples/export/Export-CasGuardData.ps1)',
    };
  }
  if (/^#TYPE /.test(text) || /^"[^"]*"(,"[^"]*")+$/.test(firstLine)) {
    return { what: 'CSV (Export-Csv output)', hint: jsonHint(cmdletOf(text)) };
  }
  const prompt = PROMPT_LINE.test(firstLine);
  if (!prompt && (first === undefined || first === '[' || first === '{' || /^(null|true|false|-?\d|")/.test(text))) return 'json';
  if (/^#< CLIXML/.test(text) || (/^<(\?xml|Objs)/.test(text) && /schemas\.microsoft\.com\/powershell\/2004\/04/.test(text))) return 'clixml';
  if (first === '<') return { what: 'XML or HTML that is not PowerShell CliXml', hint: jsonHint(undefined) };
  const lines = text.split(/\r?\n/, 40).filter((l) => l.trim() !== '');
  const body = lines.filter((l) => !PROMPT_LINE.test(l));
  if (isTable(body)) {
    const cmdlet = cmdletOf(text);
    return { what: `a text table (Format-Table output${cmdlet ? ` of ${cmdlet}` : ''})`, hint: TABLE_HINT(cmdlet) };
  }
  if (isList(body)) return 'format-list';
  if (prompt) {
    const cmdlet = cmdletOf(text);
    return { what: `text copied from the Exchange Management Shell${cmdlet ? ` (${cmdlet} output)` : ''} that is not Format-List output`, hint: jsonHint(cmdlet) };
  }
  const shown = text.slice(0, 24).replace(/\s+/g, ' ');
  return { what: `text that is not JSON, CliXml or Format-List output (starts with '${shown}')`, hint: jsonHint(undefined) };
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
