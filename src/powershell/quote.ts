// The one place where text becomes PowerShell. Every exported string that enters a fix, a script line or
// an Invoke-Command target goes through psArgument/quotePowerShell; nothing else builds quoted text.

import { formatValue } from '../report/format-value.js';

/** Every character PowerShell reads as a single quote inside a single-quoted string; each is escaped by doubling. */
const SINGLE_QUOTES = /['\u2018\u2019\u201a\u201b]/g;

// Line breaks and other control characters are spelled as [char] codes so every command stays on one line.
function isControl(c: number): boolean {
  return c < 0x20 || c === 0x7f || (c >= 0x80 && c <= 0x9f) || c === 0x2028 || c === 0x2029;
}

/**
 * A string as a PowerShell argument: always single-quoted (no expansion of `$`, backtick or double quotes
 * inside; a bare word could be read as a parameter, a number such as 10MB or a splat), with quote
 * characters doubled and control characters as `[char]` codes joined in an expression.
 */
export function quotePowerShell(value: string): string {
  const quote = (s: string) => `'${s.replace(SINGLE_QUOTES, (q) => q + q)}'`;
  let control = false;
  for (let i = 0; i < value.length; i++) {
    if (isControl(value.charCodeAt(i))) {
      control = true;
      break;
    }
  }
  if (!control) return quote(value);
  const parts: string[] = [];
  let text = '';
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (isControl(c)) {
      if (text) parts.push(quote(text));
      parts.push(`[char]${c}`);
      text = '';
    } else {
      text += value[i];
    }
  }
  if (text) parts.push(quote(text));
  return `(${parts.join(' + ')})`;
}

/**
 * A canonical value as a PowerShell argument: booleans as `$true`/`$false`, numbers as digits, lists as
 * comma-separated quoted items, everything else (bindings, connection settings, names) as quoted text.
 */
export function psArgument(value: unknown, field?: string): string {
  if (typeof value === 'boolean') return value ? '$true' : '$false';
  if (value === null) return '$null';
  if (typeof value === 'number') {
    const text = formatValue(value, field);
    return /^-?\d+$/.test(text) ? text : quotePowerShell(text);
  }
  if (Array.isArray(value)) return value.length === 0 ? '$null' : value.map((v) => psArgument(v)).join(',');
  return quotePowerShell(formatValue(value, field));
}
