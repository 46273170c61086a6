import type { SizeLimit } from '../normalize/directory-values.js';
import type { ConnectionSetting, IpBinding } from '../normalize/network-values.js';
import { formatTimeSpan } from '../normalize/time-values.js';

/** Properties whose canonical value is seconds, shown as .NET TimeSpans. */
const TIME_SPANS = new Set(['AuthenticatedConnectionTimeout', 'PreAuthenticatedConnectionTimeout', 'RemainingTrialPeriod']);

/** A canonical value as Exchange administrators write it: `[::]:995`, `mail.contoso.com:993:SSL`, `00:30:00`. */
export function formatValue(value: unknown, field?: string): string {
  if (value === undefined) return '(missing)';
  if (value === null) return '(empty)';
  if (typeof value === 'number' && field && TIME_SPANS.has(field)) return formatTimeSpan(value);
  if (Array.isArray(value)) return value.length === 0 ? '(empty)' : value.map((v) => formatValue(v)).join(', ');
  if (typeof value === 'object') {
    const o = value as Partial<IpBinding & ConnectionSetting & SizeLimit>;
    if (typeof o.port === 'number' && typeof o.address === 'string') return o.address.includes(':') ? `[${o.address}]:${o.port}` : `${o.address}:${o.port}`;
    if (typeof o.port === 'number' && typeof o.hostname === 'string') return `${o.hostname}:${o.port}:${o.encryption ?? ''}`;
    if (typeof o.unlimited === 'boolean') return o.unlimited ? 'Unlimited' : o.bytes === null || o.bytes === undefined ? 'limited (size not exported)' : `${o.bytes} bytes`;
    return JSON.stringify(value);
  }
  return String(value);
}

/**
 * A canonical value for people to read: as formatValue, except what PowerShell's syntax leaves cryptic —
 * a connection setting without encryption reads `mail.contoso.com:110 (no encryption)`, not
 * `mail.contoso.com:110:`. Never for PowerShell arguments (quote.ts uses formatValue).
 */
export function displayValue(value: unknown, field?: string): string {
  if (Array.isArray(value)) return value.length === 0 ? '(empty)' : value.map((v) => displayValue(v)).join(', ');
  if (value !== null && typeof value === 'object') {
    const o = value as Partial<ConnectionSetting>;
    if (typeof o.port === 'number' && typeof o.hostname === 'string' && !o.encryption) return `${o.hostname}:${o.port} (no encryption)`;
  }
  return formatValue(value, field);
}
