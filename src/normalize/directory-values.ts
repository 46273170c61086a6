// Sizes, directory identities and Exchange versions as PowerShell serialises them (export-shapes §3).

import { invalid, isTypeNameString, truncated, unwrapPsObject, type Normalizer } from './values.js';

/** An `Unlimited<ByteQuantifiedSize>`; `bytes` is null when unlimited or when the export lost the number. */
export interface SizeLimit {
  unlimited: boolean;
  bytes: number | null;
}

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

