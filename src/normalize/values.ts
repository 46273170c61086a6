// Value normalisers: each turns one PowerShell-serialised property value (any flavour of
// ../shared/export-shapes.md §3) into casguard's canonical form, or says why it cannot.

import type { EnumTable } from './enums.js';

export type ValueProblemReason = 'truncated' | 'cut' | 'invalid';

/**
 * A value that cannot be used: cut off by ConvertTo-Json's depth limit (`truncated`), cut short in a
 * Format-List text with `...` (`cut`), or not of the expected type (`invalid`).
 */
export class ValueProblem {
  constructor(
    readonly reason: ValueProblemReason,
    readonly detail: string,
  ) {}
}

/** A list that arrived as one space-joined string (a collection past the depth limit), split back. */
export class Collapsed {
  constructor(readonly value: unknown) {}
}

export type Normalized = unknown;
export type Normalizer = (raw: unknown) => Normalized;

// Type names that ConvertTo-Json writes in place of an object or list past its -Depth.
const TYPE_NAME = /^(?:Deserialized\.)?(?:System|Microsoft)\.[\w.`+]+(?:\[.*\])?$/s;
const ETS_KEYS = new Set(['value', 'Count', 'Length', 'DisplayHint', 'DateTime', 'Guid']);

/** True when a string is a .NET type name standing in for a value ConvertTo-Json did not descend into. */
export function isTypeNameString(value: unknown): boolean {
  return typeof value === 'string' && TYPE_NAME.test(value);
}

/**
 * Unwraps PowerShell's extended-type wrappers: `{"value": [...], "Count": n}` around arrays (PS 5.1)
 * and `{"value": x, "DisplayHint": 2, "DateTime": "..."}` / `{"value": g, "Guid": g}` around scalars.
 */
export function unwrapPsObject(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || !('value' in value)) return value;
  for (const key of Object.keys(value)) if (!ETS_KEYS.has(key)) return value;
  return (value as { value: unknown }).value;
}

/** A problem for a type name standing where a value was cut off. */
export function truncated(raw: string): ValueProblem {
  return new ValueProblem('truncated', `"${raw.length > 80 ? `${raw.slice(0, 77)}...` : raw}" stands where a value was cut off by ConvertTo-Json's depth limit`);
}

/** A problem for a value of the wrong type or form. */
export function invalid(expected: string, raw: unknown): ValueProblem {
  const shown = preview(raw);
  return new ValueProblem('invalid', `expected ${expected}, got ${shown.length > 80 ? `${shown.slice(0, 77)}...` : shown}`);
}

/** At most 80 characters of a value for a message, whatever its size or nesting. */
export function preview(raw: unknown): string {
  if (typeof raw === 'string') return JSON.stringify(raw.length > 80 ? raw.slice(0, 80) : raw);
  const oversized = oversizedValue(raw);
  if (oversized) return Array.isArray(raw) ? `[…${oversized.detail}…]` : `{…${oversized.detail}…}`;
  const text = JSON.stringify(raw) ?? String(raw);
  return text.length > 80 ? text.slice(0, 80) : text;
}

/** Deeper than any Exchange object ConvertTo-Json writes (-Depth 5 plus wrappers); deeper values are refused. */
export const MAX_VALUE_NESTING = 32;
/** Longer than any name, address, banner or filter Exchange keeps; longer text is refused (it would swell every report). */
export const MAX_TEXT_LENGTH = 65_536;

/**
 * Why a property value cannot be used whatever its kind: nested deeper than MAX_VALUE_NESTING, or holding
 * text longer than MAX_TEXT_LENGTH. Iterative and cheap for the plain values most properties are.
 */
export function oversizedValue(value: unknown): ValueProblem | undefined {
  if (typeof value === 'string') return value.length > MAX_TEXT_LENGTH ? new ValueProblem('invalid', `text longer than ${MAX_TEXT_LENGTH} characters`) : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, d] = stack.pop() as [unknown, number];
    if (d > MAX_VALUE_NESTING) return new ValueProblem('invalid', `nested more than ${MAX_VALUE_NESTING} levels deep`);
    for (const child of Array.isArray(v) ? v : Object.values(v as object)) {
      if (typeof child === 'string' && child.length > MAX_TEXT_LENGTH) return new ValueProblem('invalid', `text longer than ${MAX_TEXT_LENGTH} characters`);
      if (child !== null && typeof child === 'object') stack.push([child, d + 1]);
    }
  }
  return undefined;
}


/** Any value, with wrappers removed (for properties casguard does not interpret). */
export const asIs: Normalizer = (raw) => unwrapPsObject(raw);

export const toString: Normalizer = (raw) => {
  const v = unwrapPsObject(raw);
  if (v === null || typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return invalid('a string', v);
};

export const toBool: Normalizer = (raw) => {
  const v = unwrapPsObject(raw);
  if (typeof v === 'boolean' || v === null) return v;
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase().replace(/^\$/, '');
    if (s === 'true') return true;
    if (s === 'false') return false;
  }
  return invalid('true or false', v);
};

export const toInt: Normalizer = (raw) => {
  let v = unwrapPsObject(raw);
  if (v !== null && typeof v === 'object' && !Array.isArray(v) && 'IsUnlimited' in v) {
    // Unlimited<int>: {"IsUnlimited": false, "Value": 5}
    const u = v as { IsUnlimited: unknown; Value?: unknown };
    if (u.IsUnlimited === true) return 'Unlimited';
    v = u.Value;
  }
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (v === null) return null;
  if (typeof v === 'string') {
    if (/^unlimited$/i.test(v.trim())) return 'Unlimited';
    const s = v.trim().replace(/,/g, '');
    if (/^-?\d+$/.test(s)) return Number(s);
    if (isTypeNameString(v)) return truncated(v as string);
  }
  return invalid('an integer', v);
};

/** Enum value → canonical name (flags enums → array of names). Accepts numbers, numeric strings, names. */
export function toEnum(table: EnumTable): Normalizer {
  return (raw) => {
    const v = unwrapPsObject(raw);
    if (v === null) return null;
    if (typeof v === 'number' || (typeof v === 'string' && /^\s*-?\d+\s*$/.test(v))) {
      const n = Number(v);
      const name = table.byNumber.get(n);
      if (name !== undefined) return table.flags ? [name] : name;
      if (table.flags) return decomposeFlags(table, n) ?? invalid(`a ${table.name} value`, v);
      return invalid(`a ${table.name} value (${[...table.byNumber].map(([k, n]) => `${k} ${n}`).join(', ')})`, v);
    }
    if (typeof v === 'string') {
      if (table.flags) {
        const names = v.split(',').map((p) => table.byLower.get(p.trim().toLowerCase()));
        if (names.every((n) => n !== undefined)) return names;
        return invalid(`${table.name} names`, v);
      }
      const name = table.byLower.get(v.trim().toLowerCase());
      if (name !== undefined) return name;
      if (isTypeNameString(v)) return truncated(v as string);
      return invalid(`a ${table.name} name (${[...new Set(table.byLower.values())].join(', ')})`, v);
    }
    return invalid(`a ${table.name} value`, v);
  };
}

function decomposeFlags(table: EnumTable, n: number): string[] | undefined {
  const names: string[] = [];
  let rest = n;
  for (const [bit, name] of table.byNumber) {
    if (bit > 0 && (n & bit) === bit) {
      names.push(name);
      rest &= ~bit;
    }
  }
  return rest === 0 ? names : undefined;
}

/**
 * Lists (MultiValuedProperty): arrays, null for empty, the PS 5.1 `{"value": [...]}` wrapper, or a
 * space-joined string when the list sat past the depth limit. Items are normalised by `item`.
 */
export function toList(item: Normalizer, splitCollapsed = true): Normalizer {
  return (raw) => {
    const v = unwrapPsObject(raw);
    if (v === null || v === undefined || v === '') return [];
    if (Array.isArray(v)) {
      const out: unknown[] = [];
      for (const x of v) {
        const n = item(x);
        if (n instanceof ValueProblem) return n;
        out.push(n);
      }
      return out;
    }
    if (typeof v === 'string') {
      if (isTypeNameString(v)) return truncated(v as string);
      if (!splitCollapsed) return invalid('a list', v);
      const out: unknown[] = [];
      for (const part of v.split(/\s+/).filter(Boolean)) {
        const n = item(part);
        if (n instanceof ValueProblem) return n;
        out.push(n);
      }
      return new Collapsed(out);
    }
    // A single object where a one-element list was written without its array.
    const n = item(v);
    return n instanceof ValueProblem ? n : [n];
  };
}

export const toStringItem: Normalizer = (raw) => {
  const v = unwrapPsObject(raw);
  if (typeof v === 'string') return isTypeNameString(v) ? truncated(v as string) : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return invalid('a string', v);
};

export const toStringList = toList(toStringItem);
