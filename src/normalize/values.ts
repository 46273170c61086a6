// Value normalisers: each turns one PowerShell-serialised property value (any flavour of
// ../shared/export-shapes.md §3) into casguard's canonical form, or says why it cannot.

import type { EnumTable } from './enums.js';

/** A value that cannot be used: cut off by ConvertTo-Json's depth limit, or not of the expected type. */
export class ValueProblem {
  constructor(
    readonly reason: 'truncated' | 'invalid',
    readonly detail: string,
  ) {}
}

/** A list that arrived as one space-joined string (a collection past the depth limit), split back. */
export class Collapsed {
  constructor(readonly value: unknown) {}
}

export type Normalized = unknown;
export type Normalizer = (raw: unknown) => Normalized;

/** An IP binding `{address, port}` (`"[::]:995"` → `{address: "::", port: 995}`). */
export interface IpBinding {
  address: string;
  port: number;
}

/** A protocol connection setting (`"mail.contoso.com:993:SSL"`). `encryption` null means unencrypted. */
export interface ConnectionSetting {
  hostname: string;
  port: number;
  encryption: 'SSL' | 'TLS' | null;
}

/** An `Unlimited<ByteQuantifiedSize>`; `bytes` is null when unlimited or when the export lost the number. */
export interface SizeLimit {
  unlimited: boolean;
  bytes: number | null;
}

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

function truncated(raw: string): ValueProblem {
  return new ValueProblem('truncated', `"${raw.length > 80 ? `${raw.slice(0, 77)}...` : raw}" stands where a value was cut off by ConvertTo-Json's depth limit`);
}

function invalid(expected: string, raw: unknown): ValueProblem {
  const shown = JSON.stringify(raw) ?? String(raw);
  return new ValueProblem('invalid', `expected ${expected}, got ${shown.length > 80 ? `${shown.slice(0, 77)}...` : shown}`);
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

const C_FORMAT = /^(-)?(?:(\d+)\.)?(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,7}))?)?$/;

/** TimeSpan / EnhancedTimeSpan → seconds. Accepts `"00:30:00"`, `"1.00:00:00"`, `{Ticks}`, `{TotalSeconds}`. */
export const toTimeSpan: Normalizer = (raw) => {
  const v = unwrapPsObject(raw);
  if (v === null) return null;
  if (typeof v === 'string') {
    const m = C_FORMAT.exec(v.trim());
    if (m) {
      const [, sign, d, h, min, s, frac] = m;
      const total = Number(d ?? 0) * 86400 + Number(h) * 3600 + Number(min) * 60 + Number(s ?? 0) + Number(`0.${frac ?? '0'}`);
      return sign ? -total : total;
    }
    if (isTypeNameString(v)) return truncated(v as string);
    return invalid('a time span such as "00:30:00"', v);
  }
  if (typeof v === 'object' && !Array.isArray(v)) {
    const o = v as { Ticks?: unknown; TotalSeconds?: unknown };
    if (typeof o.Ticks === 'number') return o.Ticks / 1e7;
    if (typeof o.TotalSeconds === 'number') return o.TotalSeconds;
  }
  return invalid('a time span', v);
};

/** Renders seconds in .NET's "c" TimeSpan format (`00:30:00`, `1.00:00:00`), as Exchange shows them. */
export function formatTimeSpan(seconds: number): string {
  const sign = seconds < 0 ? '-' : '';
  let rest = Math.abs(seconds);
  const days = Math.floor(rest / 86400);
  rest -= days * 86400;
  const pad = (n: number) => String(n).padStart(2, '0');
  const h = Math.floor(rest / 3600);
  const m = Math.floor((rest % 3600) / 60);
  const s = Math.floor(rest % 60);
  const frac = Math.round((rest % 1) * 1e7);
  return `${sign}${days ? `${days}.` : ''}${pad(h)}:${pad(m)}:${pad(s)}${frac ? `.${String(frac).padStart(7, '0')}` : ''}`;
}

 /**
 * ISO 8601 UTC text of a time in milliseconds, as Date.prototype.toISOString() writes it, computed with
 * integer arithmetic (days → civil date, H. Hinnant's algorithm): ingest converts millions of dates.
 */
export function isoFromMilliseconds(ms: number): string {
  const days = Math.floor(ms / 86_400_000);
  let rest = ms - days * 86_400_000;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  if (year < 0 || year > 9999) return new Date(ms).toISOString();
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const sec = Math.floor(rest / 1000);
  const milli = rest - sec * 1000;
  const p2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);
  const p3 = (n: number) => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);
  return `${year < 1000 ? String(year).padStart(4, '0') : year}-${p2(month)}-${p2(day)}T${p2(h)}:${p2(m)}:${p2(sec)}.${p3(milli)}Z`;
}

const MS_DATE = /^\/Date\((-?\d+)([+-]\d{4})?\)\/$/;

/** `\/Date(ms)\/` (PS 5.1) or ISO 8601 (PS 7) → ISO 8601 UTC. Unspecified-kind ISO dates are kept as written. */
export const toDate: Normalizer = (raw) => {
  const v = unwrapPsObject(raw);
  if (v === null) return null;
  if (typeof v === 'string') {
    // Fast path for the common PS 5.1 form; the regex below handles offsets, spaces and odd cases.
    if (v.startsWith('/Date(') && v.endsWith(')/')) {
      const ms = Number(v.slice(6, -2));
      if (Number.isSafeInteger(ms)) return isoFromMilliseconds(ms);
    }
    const m = MS_DATE.exec(v.trim());
    if (m) return new Date(Number(m[1])).toISOString();
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(v)) return v;
    const t = Date.parse(v);
    if (!Number.isNaN(t) && /^\d{4}-\d{2}-\d{2}/.test(v)) return new Date(t).toISOString();
  }
  return invalid('a date', v);
};

function parsePort(text: unknown): number | undefined {
  const n = typeof text === 'number' ? text : typeof text === 'string' && /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  return Number.isInteger(n) && n >= 0 && n <= 65535 ? n : undefined;
}

function ipFromObject(address: unknown): string | undefined {
  if (typeof address === 'string') return address;
  if (address && typeof address === 'object') {
    const a = address as { IPAddressToString?: unknown; Address?: unknown; AddressFamily?: unknown };
    if (typeof a.IPAddressToString === 'string') return a.IPAddressToString;
    if (typeof a.Address === 'number') {
      // IPAddress.Address is the IPv4 address as a little-endian integer.
      const n = a.Address;
      return [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, (n >>> 24) & 255].join('.');
    }
  }
  return undefined;
}

/** One IP binding: `"0.0.0.0:995"`, `"[::]:995"`, or `{Address, Port, AddressFamily}`. */
export const toIpBinding: Normalizer = (raw) => {
  const v = unwrapPsObject(raw);
  if (typeof v === 'string') {
    const m = /^\[?([^\]]*?)\]?:(\d{1,5})$/.exec(v.trim());
    const port = m ? parsePort(m[2]) : undefined;
    if (m?.[1] && port !== undefined) return { address: m[1].toLowerCase(), port } satisfies IpBinding;
    if (isTypeNameString(v)) return truncated(v as string);
    return invalid('an IP binding such as "0.0.0.0:995"', v);
  }
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as { Address?: unknown; Port?: unknown };
    const port = parsePort(o.Port);
    const address = ipFromObject(o.Address);
    if (port !== undefined && address) return { address: address.toLowerCase(), port } satisfies IpBinding;
    if (port !== undefined && o.Address && typeof o.Address === 'object') {
      return new ValueProblem('invalid', 'IP binding address lost: ConvertTo-Json wrote the IPv6 address object without its text (export with ConvertTo-Json -Depth 3 or less, or Select-Object with ToString())');
    }
  }
  return invalid('an IP binding', v);
};

export const toIpBindings = toList(toIpBinding);

/** One connection setting: `"host:993:SSL"`, `"host:110"`, or `{Hostname, Port, EncryptionType}`. */
export const toConnectionSetting: Normalizer = (raw) => {
  const v = unwrapPsObject(raw);
  if (typeof v === 'string') {
    const parts = v.trim().split(':');
    const port = parsePort(parts[1]);
    const enc = parts[2]?.trim().toUpperCase() ?? '';
    if (parts.length >= 2 && parts.length <= 3 && parts[0] && port !== undefined && (enc === '' || enc === 'SSL' || enc === 'TLS')) {
      return { hostname: parts[0].toLowerCase(), port, encryption: enc === '' ? null : enc } satisfies ConnectionSetting;
    }
    if (isTypeNameString(v)) return truncated(v as string);
    return invalid('a connection setting such as "mail.contoso.com:993:SSL"', v);
  }
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as { Hostname?: unknown; Port?: unknown; EncryptionType?: unknown };
    const host = typeof o.Hostname === 'string' ? o.Hostname : (o.Hostname as { HostnameString?: unknown } | null)?.HostnameString;
    const port = parsePort(o.Port);
    const e = o.EncryptionType;
    const encryption = e === null || e === undefined ? null : e === 0 || /^ssl$/i.test(String(e)) ? 'SSL' : e === 1 || /^tls$/i.test(String(e)) ? 'TLS' : undefined;
    if (typeof host === 'string' && host && port !== undefined && encryption !== undefined) {
      return { hostname: host.toLowerCase(), port, encryption } satisfies ConnectionSetting;
    }
  }
  return invalid('a connection setting', v);
};

export const toConnectionSettings = toList(toConnectionSetting);

/** `Unlimited<ByteQuantifiedSize>`: `"Unlimited"`, `"10 MB (10,485,760 bytes)"`, `{IsUnlimited, Value}`, or a number. */
export const toSizeLimit: Normalizer = (raw) => {
  const v = unwrapPsObject(raw);
  if (v === null) return null;
  if (typeof v === 'number') return { unlimited: false, bytes: v } satisfies SizeLimit;
  if (typeof v === 'string') {
    if (/^\s*unlimited\s*$/i.test(v)) return { unlimited: true, bytes: null } satisfies SizeLimit;
    const m = /\(([\d,.]+) bytes\)/.exec(v) ?? /^\s*([\d,]+)\s*(?:B|bytes)?\s*$/.exec(v);
    if (m?.[1]) return { unlimited: false, bytes: Number(m[1].replace(/[,.]/g, '')) } satisfies SizeLimit;
    if (isTypeNameString(v)) return truncated(v as string);
  }
  if (v && typeof v === 'object' && !Array.isArray(v) && 'IsUnlimited' in v) {
    const o = v as { IsUnlimited: unknown; Value?: unknown };
    if (o.IsUnlimited === true) return { unlimited: true, bytes: null } satisfies SizeLimit;
    // ByteQuantifiedSize has no public properties, so a live object serialises as {}: limited, size unknown.
    const inner = o.Value && typeof o.Value === 'object' ? null : typeof o.Value === 'number' ? o.Value : null;
    return { unlimited: false, bytes: inner } satisfies SizeLimit;
  }
  return invalid('a size such as "Unlimited" or "10 MB (10,485,760 bytes)"', v);
};

/** `CN=User,OU=Staff,DC=corp,DC=contoso,DC=com` → `corp.contoso.com/Staff/User`, as ADObjectId.ToString() shows it. */
export function canonicalName(dn: string): string {
  const parts = dn.includes('\\') ? dn.split(/(?<!\\),/) : dn.split(',');
  let domain = '';
  let path = '';
  for (const raw of parts) {
    const part = raw.trim();
    if (/^DC=/i.test(part)) {
      domain += domain ? `.${part.slice(3)}` : part.slice(3);
    } else {
      const name = part.replace(/^(?:CN|OU)=/i, '');
      const text = name.includes('\\') ? name.replace(/\\(.)/g, '$1') : name;
      if (text) path = path ? `${text}/${path}` : text;
    }
  }
  return domain && path ? `${domain}/${path}` : domain || path;
}

/** ADObjectId / Identity: a string stays as it is; an object becomes its canonical name (or Name). */
export const toAdIdentity: Normalizer = (raw) => {
  const v = unwrapPsObject(raw);
  if (v === null || typeof v === 'string') return v;
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as { DistinguishedName?: unknown; Name?: unknown };
    if (typeof o.DistinguishedName === 'string' && o.DistinguishedName) return canonicalName(o.DistinguishedName);
    if (typeof o.Name === 'string') return o.Name;
  }
  return invalid('an identity', v);
};

/** ADObjectId where Exchange shows the object's name (e.g. `Server`): `"EX01"` or `{Name: "EX01", ...}`. */
export const toAdName: Normalizer = (raw) => {
  const v = unwrapPsObject(raw);
  if (v === null || typeof v === 'string') return v;
  if (v && typeof v === 'object' && !Array.isArray(v) && typeof (v as { Name?: unknown }).Name === 'string') {
    return (v as { Name: string }).Name;
  }
  return invalid('a name', v);
};

/** `AdminDisplayVersion`: `"Version 15.2 (Build 1544.4)"` or `{Major, Minor, Build, Revision}` → `"15.2.1544.4"`. */
export const toExchangeVersion: Normalizer = (raw) => {
  const v = unwrapPsObject(raw);
  if (v === null) return null;
  if (typeof v === 'string') {
    const m = /Version\s+(\d+)\.(\d+)\s+\(Build\s+(\d+)\.(\d+)\)/i.exec(v) ?? /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(v.trim());
    if (m) return `${m[1]}.${m[2]}.${m[3]}.${m[4]}`;
    if (isTypeNameString(v)) return truncated(v as string);
  }
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    if ([o.Major, o.Minor, o.Build, o.Revision].every((n) => typeof n === 'number')) return `${o.Major}.${o.Minor}.${o.Build}.${o.Revision}`;
  }
  return invalid('an Exchange version such as "Version 15.2 (Build 1544.4)"', v);
};

/** IPRange items: strings (`"10.0.0.0/24"`) or objects with `Expression` (or bounds). */
export const toIpRanges = toList((raw) => {
  const v = unwrapPsObject(raw);
  if (typeof v === 'string') return isTypeNameString(v) ? truncated(v as string) : (v as string).trim();
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as { Expression?: unknown; LowerBound?: unknown; UpperBound?: unknown };
    if (typeof o.Expression === 'string') return o.Expression;
    const lo = ipFromObject(o.LowerBound);
    const hi = ipFromObject(o.UpperBound);
    if (lo && hi) return lo === hi ? lo : `${lo}-${hi}`;
  }
  return invalid('an IP range such as "10.0.0.0/24"', v);
});

/** IntRange items (`AnyOfSourceTcpPortNumbers`): `"443"`, `"1000-2000"` or `{LowerBound, UpperBound}`. */
export const toIntRanges = toList((raw) => {
  const v = unwrapPsObject(raw);
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return isTypeNameString(v) ? truncated(v as string) : (v as string).trim();
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as { LowerBound?: unknown; UpperBound?: unknown };
    if (typeof o.LowerBound === 'number' && typeof o.UpperBound === 'number') {
      return o.LowerBound === o.UpperBound ? String(o.LowerBound) : `${o.LowerBound}-${o.UpperBound}`;
    }
  }
  return invalid('a port range', v);
});
