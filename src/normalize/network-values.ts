// IP bindings, connection settings and address/port ranges as PowerShell serialises them (export-shapes §3).

import { invalid, isTypeNameString, toList, truncated, unwrapPsObject, ValueProblem, type Normalizer } from './values.js';

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
