// Looks at the first part of a decoded file: is it JSON at all (and if not, what is it), and which
// PowerShell wrote it.

/** Why a file is not a JSON export and how to produce one. */
export interface NotJson {
  what: string;
  hint: string;
}

const JSON_HINT =
  'export JSON instead, e.g. Get-PopSettings | ConvertTo-Json -Depth 5 | Out-File PopSettings.json -Encoding utf8 (or run examples/export/Export-CasGuardData.ps1)';

/** Describes text that is not JSON (CliXml, Format-List, Format-Table, CSV), or returns undefined for JSON-like text. */
export function classifyNonJson(head: string): NotJson | undefined {
  const text = head.replace(/^[\s\uFEFF]+/, '');
  const first = text[0];
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  if (/^#TYPE /.test(text) || /^"[^"]*"(,"[^"]*")+$/.test(firstLine)) {
    return { what: 'CSV (Export-Csv output)', hint: JSON_HINT };
  }
  if (first === undefined || first === '[' || first === '{' || /^(null|true|false|-?\d|")/.test(text)) return undefined;
  if (/^#< CLIXML/.test(text) || (/^<(\?xml|Objs)/.test(text) && /schemas\.microsoft\.com\/powershell/.test(text))) {
    return { what: 'PowerShell CliXml (Export-Clixml output)', hint: JSON_HINT };
  }
  if (first === '<') return { what: 'XML or HTML', hint: JSON_HINT };
  const lines = text.split(/\r?\n/, 20).filter((l) => l.trim() !== '');
  if (lines.length >= 2 && /^-{2,}(\s+-{2,})*\s*$/.test(lines[1] ?? '')) {
    return { what: 'a text table (Format-Table output)', hint: JSON_HINT };
  }
  const listLines = lines.filter((l) => /^[A-Za-z][\w.-]*\s*:( |$)/.test(l)).length;
  if (listLines >= 2 && listLines >= lines.length / 2) {
    return { what: 'text from Format-List (or the console)', hint: JSON_HINT };
  }
  const shown = text.slice(0, 24).replace(/\s+/g, ' ');
  return { what: `text that is not JSON (starts with '${shown}')`, hint: JSON_HINT };
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
