import { formatValue } from './format-value.js';

const SAFE_TOKEN = /^[A-Za-z0-9_.:@\\/-]+$/;

/** PowerShell reads all of these as single quotes; each is escaped by doubling it. */
const QUOTES = /['\u2018\u2019\u201a\u201b]/g;
// Line breaks and other control characters are spelled as [char] codes so every command stays on one line.
function isControl(ch: string): boolean {
  const c = ch.codePointAt(0) ?? 0;
  return c < 0x20 || c === 0x7f || c === 0x85 || c === 0x2028 || c === 0x2029;
}

/**
 * A value as a PowerShell argument: bare when it is a plain token, else single-quoted (no expansion in
 * single quotes; quote characters doubled), with control characters as `[char]` codes in an expression.
 */
export function quotePowerShell(value: string): string {
  if (SAFE_TOKEN.test(value)) return value;
  const quote = (s: string) => `'${s.replace(QUOTES, (q) => q + q)}'`;
  if (![...value].some(isControl)) return quote(value);
  const parts: string[] = [];
  let text = '';
  for (const ch of value) {
    if (isControl(ch)) {
      if (text) parts.push(quote(text));
      parts.push(`[char]${ch.codePointAt(0)}`);
      text = '';
    } else {
      text += ch;
    }
  }
  if (text) parts.push(quote(text));
  return `(${parts.join(' + ')})`;
}

/** A message or remediation template split once into text and `{{name}}` placeholders. */
export interface CompiledTemplate {
  readonly parts: readonly string[];
  /** Placeholder names, at the odd indexes of `parts`. */
  readonly names: readonly string[];
}

export function compileTemplate(template: string): CompiledTemplate {
  const parts = template.split(/\{\{\s*([^}\s]+)\s*\}\}/);
  return { parts, names: parts.filter((_, i) => i % 2 === 1) };
}

/**
 * Fills placeholders from `vars`, then from the record's properties. In remediation (PowerShell) every
 * value is quoted so that no exported string can inject a command.
 */
export function renderTemplate(
  template: CompiledTemplate | string,
  vars: Readonly<Record<string, string | undefined>>,
  props: Readonly<Record<string, unknown>>,
  powershell = false,
): string {
  const { parts } = typeof template === 'string' ? compileTemplate(template) : template;
  let out = '';
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    if (i % 2 === 0) {
      out += part;
      continue;
    }
    const value = vars[part] ?? (part in props ? formatValue(props[part], part) : undefined);
    out += value === undefined ? (powershell ? `<${part}>` : `(${part} unknown)`) : powershell ? quotePowerShell(value) : value;
  }
  return out;
}
